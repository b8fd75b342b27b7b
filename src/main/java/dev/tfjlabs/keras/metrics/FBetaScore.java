package dev.tfjlabs.keras.metrics;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * {@code keras.metrics.FBetaScore(average=None, beta=1.0, threshold=None)} on [batch, classes]
 * targets (one-hot or multi-label): over an epoch, per class, {@code precision = tp / (tp + fp
 * + eps)}, {@code recall = tp / (tp + fn + eps)} and {@code (1 + beta^2) p r / (beta^2 p + r +
 * eps)} (eps 1e-7), a prediction positive above {@code threshold}, or, without one, where it is
 * its sample's largest (and not zero); averaged "micro" (the counts summed over the classes
 * first), "macro" (the classes' mean) or "weighted" (by each class's number of positive labels).
 * With Keras's default {@code average=None} the metric is one score per class, logged as
 * {@code name[0]}, {@code name[1]}, ... (Keras logs the vector under {@code name}; a log here
 * holds numbers).
 */
public class FBetaScore implements Metric {
  private static final double EPSILON = 1e-7;
  private final String average;
  private final double beta;
  private final Double threshold;
  private final String name;
  private int classes = -1;

  /**
   * @param average "micro", "macro", "weighted", or null for one score per class
   * @param threshold in (0, 1], or null for each sample's largest prediction
   */
  public FBetaScore(String average, double beta, Double threshold, String name) {
    if (average != null && !List.of("micro", "macro", "weighted").contains(average)) {
      throw new IllegalArgumentException(getClass().getSimpleName() + "'s average must be"
          + " None, 'micro', 'macro' or 'weighted', got '" + average + "'");
    }
    if (!(beta > 0)) {
      throw new IllegalArgumentException("beta must be positive, got " + beta);
    }
    if (threshold != null && !(threshold > 0 && threshold <= 1)) {
      throw new IllegalArgumentException("threshold must be in (0, 1], got " + threshold);
    }
    this.average = average;
    this.beta = beta;
    this.threshold = threshold;
    this.name = name;
  }

  /** Keras's {@code FBetaScore.from_config}. */
  public static FBetaScore fromConfig(dev.tfjlabs.keras.config.Config c) {
    var t = c.get("threshold");
    return new FBetaScore(c.text("average", null), c.number("beta", 1.0),
        t == null ? null : t.asDouble(), c.text("name", "fbeta_score"));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Object serialize() {
    java.util.Map<String, Object> config = Metrics.baseConfig(name);
    config.put("average", average);
    config.put("beta", beta);
    config.put("threshold", threshold);
    return Metrics.serialized("FBetaScore", config);
  }

  /** tp, fp, fn and the positive labels of each class. */
  @Override
  public int accumulators() {
    if (classes < 0) {
      throw new IllegalStateException(name + " is not part of a compiled model yet");
    }
    return 4 * classes;
  }

  @Override
  public Operand<TFloat32> sums(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
    if (yPred.shape().numDimensions() != 2 || yPred.shape().get(1) < 0) {
      throw new IllegalArgumentException(name + " needs outputs of shape (classes), got "
          + yPred.shape());
    }
    classes = (int) yPred.shape().get(1);
    Operand<TFloat32> label = tf.reshape(yTrue, tf.shape(yPred));
    Operand<TFloat32> positive;
    if (threshold == null) {
      Operand<TFloat32> top = tf.max(yPred, tf.constant(-1),
          org.tensorflow.op.core.Max.keepDims(true));
      positive = tf.dtypes.cast(tf.math.logicalAnd(tf.math.greaterEqual(yPred, top),
          tf.math.greater(tf.math.abs(yPred), tf.constant(1e-9f))), TFloat32.class);
    } else {
      positive = tf.dtypes.cast(tf.math.greater(yPred, tf.constant(threshold.floatValue())),
          TFloat32.class);
    }
    Operand<TFloat32> one = tf.constant(1f);
    Operand<org.tensorflow.types.TInt32> rows = tf.constant(0);
    return tf.concat(List.of(tf.sum(tf.math.mul(positive, label), rows),
        tf.sum(tf.math.mul(positive, tf.math.sub(one, label)), rows),
        tf.sum(tf.math.mul(tf.math.sub(one, positive), label), rows),
        tf.sum(label, rows)), tf.constant(0));
  }

  /** The averaged score; with {@code average=None} see {@link #results}. */
  @Override
  public double result(double[] totals, long samples) {
    if (average == null) {
      throw new IllegalStateException(name + " has one score per class (average None)");
    }
    int k = classes;
    if (average.equals("micro")) {
      return score(sum(java.util.Arrays.copyOfRange(totals, 0, k)),
          sum(java.util.Arrays.copyOfRange(totals, k, 2 * k)),
          sum(java.util.Arrays.copyOfRange(totals, 2 * k, 3 * k)));
    }
    double[] f = scores(totals);
    double[] support = java.util.Arrays.copyOfRange(totals, 3 * k, 4 * k);
    double total = 0;
    double supports = sum(support);
    for (int c = 0; c < k; c++) {
      total += average.equals("weighted") ? f[c] * support[c] / (supports + EPSILON) : f[c] / k;
    }
    return total;
  }

  /** With {@code average=None}, each class's score as {@code name[c]}; else the average. */
  @Override
  public java.util.Map<String, Double> results(String logName, double[] totals, long samples) {
    if (average != null) {
      return Metric.super.results(logName, totals, samples);
    }
    java.util.Map<String, Double> logs = new java.util.LinkedHashMap<>();
    double[] f = scores(totals);
    for (int c = 0; c < f.length; c++) {
      logs.put(logName + "[" + c + "]", f[c]);
    }
    return logs;
  }

  /** Each class's score from its tp, fp and fn. */
  private double[] scores(double[] totals) {
    int k = classes;
    double[] f = new double[k];
    for (int c = 0; c < k; c++) {
      f[c] = score(totals[c], totals[k + c], totals[2 * k + c]);
    }
    return f;
  }

  private double score(double tp, double fp, double fn) {
    double precision = tp / (tp + fp + EPSILON);
    double recall = tp / (tp + fn + EPSILON);
    double b2 = beta * beta;
    return (1 + b2) * precision * recall / (b2 * precision + recall + EPSILON);
  }

  private static double sum(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s;
  }
}
