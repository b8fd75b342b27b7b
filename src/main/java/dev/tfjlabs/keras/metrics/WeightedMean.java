package dev.tfjlabs.keras.metrics;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * A mean metric given to Keras's {@code compile(weighted_metrics=[...])}: each value weighted by
 * its sample's {@code sample_weight}, {@code sum(w v) / sum(w)} over the epoch (a sample's weight
 * applies to each of its steps), as Keras's {@code Mean.update_state(values, sample_weight)}.
 * Without sample weights every weight is 1 and it equals the unweighted metric. It is logged
 * under the metric's name, or {@code weighted_<name>} when an unweighted metric of the same
 * output already has that name (Keras's {@code CompileMetrics.result}).
 */
public final class WeightedMean implements Metric {
  private final SampleMetric metric;
  private final String name;

  private WeightedMean(SampleMetric metric, String name) {
    this.metric = metric;
    this.name = name;
  }

  /**
   * {@code metric} weighted, logged as {@code name}.
   *
   * @throws IllegalArgumentException for a metric that is not a mean of per-sample values
   *     (Precision, AUC, F1Score count instead, and are not weighted here)
   */
  public static WeightedMean of(Metric metric, String name) {
    if (!(metric instanceof SampleMetric sample)) {
      throw new IllegalArgumentException("weighted_metrics: " + metric.name() + " is not a mean"
          + " metric; only mean metrics (accuracy, mse, mae, ...) are weighted here");
    }
    return new WeightedMean(sample, name);
  }

  /**
   * {@code weighted} as one output's weighted metrics beside its {@code unweighted} ones, named as
   * Keras's {@code CompileMetrics.result} names them: the metric's name, {@code weighted_<name>}
   * when an unweighted one has it, then {@code _1}, {@code _2}... while still taken.
   */
  public static java.util.List<Metric> after(java.util.List<Metric> unweighted,
      java.util.List<Metric> weighted) {
    java.util.Set<String> taken = new java.util.HashSet<>();
    unweighted.forEach(m -> taken.add(m.name()));
    java.util.List<Metric> out = new java.util.ArrayList<>();
    for (Metric m : weighted) {
      String name = taken.contains(m.name()) ? "weighted_" + m.name() : m.name();
      if (taken.contains(name)) {
        int k = 1;
        while (taken.contains(name + "_" + k)) {
          k++;
        }
        name = name + "_" + k;
      }
      taken.add(name);
      out.add(of(m, name));
    }
    return out;
  }

  /** The metric it weighs. */
  public Metric metric() {
    return metric;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int accumulators() {
    return 2;
  }

  /** Unweighted: every weight 1. */
  @Override
  public Operand<TFloat32> sums(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
    return metric.sums(tf, yTrue, yPred);
  }

  /**
   * {@code sum(w v)} and {@code sum(w)} of the batch's values, {@code sampleWeight} [batch]
   * repeated over each sample's steps, unmasked steps only ({@code mask} null: all).
   */
  public Operand<TFloat32> sums(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred,
      Operand<TBool> mask, Operand<TFloat32> sampleWeight) {
    Operand<TFloat32> values = mask == null ? metric.call(tf, yTrue, yPred)
        : tf.reshape(metric.call(tf, Metric.steps(tf, yTrue), Metric.steps(tf, yPred)),
            tf.shape(mask));
    // [batch] as [batch, 1, ...] against the values' rank, then as their shape
    Operand<TFloat32> w = tf.reshape(sampleWeight, tf.concat(java.util.List.of(
        tf.constant(new int[] {-1}), tf.fill(tf.expandDims(tf.math.sub(tf.rank(values),
        tf.constant(1)), tf.constant(0)), tf.constant(1))), tf.constant(0)));
    Operand<TFloat32> weights = tf.math.mul(tf.onesLike(values), w);
    if (mask != null) {
      weights = tf.math.mul(weights, tf.dtypes.cast(mask, TFloat32.class));
    }
    Operand<org.tensorflow.types.TInt32> all = tf.range(tf.constant(0), tf.rank(values),
        tf.constant(1));
    return tf.stack(java.util.List.of(tf.sum(tf.math.mul(values, weights), all),
        tf.sum(weights, all)));
  }

  @Override
  public double result(double[] totals, long samples) {
    return totals[1] == 0 ? 0 : totals[0] / totals[1];
  }

  @Override
  public Object serialize() {
    return metric.serialize();
  }
}
