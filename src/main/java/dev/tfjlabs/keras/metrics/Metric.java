package dev.tfjlabs.keras.metrics;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A Keras metric, stateful over an epoch as Keras's are: each batch adds to the metric's
 * {@link #accumulators} sums ({@link #sums}), and the epoch's value is {@link #result} of the
 * totals. A mean metric ({@link SampleMetric}) sums its per-sample values and divides by the
 * samples; a confusion metric ({@link Precision}, {@link AUC}) counts and divides counts.
 */
public interface Metric {
  /** The name under which the metric is logged ({@code accuracy}). */
  String name();

  /** How many sums the metric accumulates (1 for a mean). */
  default int accumulators() {
    return 1;
  }

  /** One batch's contribution to the sums, shape [{@link #accumulators}]. */
  Operand<TFloat32> sums(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred);

  /** The metric from the epoch's {@code totals} over {@code samples} samples. */
  double result(double[] totals, long samples);

  /**
   * The epoch's log entries: {@link #result} under {@code logName} (the metric's name, or
   * {@code <output>_<name>}); a metric of several values names each ({@link FBetaScore} with
   * {@code average=None}: {@code logName[c]} per class).
   */
  default java.util.Map<String, Double> results(String logName, double[] totals, long samples) {
    return java.util.Map.of(logName, result(totals, samples));
  }

  /**
   * One batch's sums with the output's [batch, steps] {@code mask} (null for none): Keras weighs
   * each step by its mask; a metric that does not take masks ignores it.
   */
  default Operand<TFloat32> sums(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred,
      Operand<org.tensorflow.types.TBool> mask) {
    return sums(tf, yTrue, yPred);
  }

  /**
   * The metric as a compile config holds it: its name (the default), or Keras's dict
   * ({@code module}, {@code class_name}, {@code config}) for a metric with arguments.
   */
  default Object serialize() {
    return name();
  }

  /** [batch, steps, ...] as [batch * steps, ...]: every step a sample of its own. */
  static Operand<TFloat32> steps(Ops tf, Operand<TFloat32> x) {
    var known = x.shape();
    if (known.numDimensions() >= 2 && java.util.stream.IntStream.range(2,
        known.numDimensions()).allMatch(i -> known.get(i) >= 0)) {
      // the sizes after the steps known: kept in the graph's static shape
      int[] to = new int[known.numDimensions() - 1];
      to[0] = -1;
      for (int i = 2; i < known.numDimensions(); i++) {
        to[i - 1] = (int) known.get(i);
      }
      return tf.reshape(x, tf.constant(to));
    }
    Operand<org.tensorflow.types.TInt32> shape = tf.shape(x);
    Operand<org.tensorflow.types.TInt32> rest = tf.slice(shape, tf.constant(new int[] {2}),
        tf.constant(new int[] {-1}));
    return tf.reshape(x, tf.concat(java.util.List.of(tf.constant(new int[] {-1}), rest),
        tf.constant(0)));
  }
}
