package dev.tfjlabs.keras.metrics;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * {@code keras.metrics.FBetaScore(average, beta=1.0, threshold=None)} on [batch, classes]
 * targets (one-hot or multi-label): over an epoch, per class, {@code precision = tp / (tp + fp
 * + eps)}, {@code recall = tp / (tp + fn + eps)} and {@code (1 + beta^2) p r / (beta^2 p + r +
 * eps)} (eps 1e-7), a prediction positive above {@code threshold}, or, without one, where it is
 * its sample's largest (and not zero); averaged "micro" (the counts summed over the classes
 * first), "macro" (the classes' mean) or "weighted" (by each class's number of positive labels).
 * Keras's {@code average=None} (one value per class) is refused: a log holds one number.
 */
public class FBetaScore implements Metric {
  private static final double EPSILON = 1e-7;
  private final String average;
  private final double beta;
  private final Double threshold;
  private final String name;
  private int classes = -1;

  /**
   * @param average "micro", "macro" or "weighted"
   * @param threshold in (0, 1], or null for each sample's largest prediction
   */
  public FBetaScore(String average, double beta, Double threshold, String name) {
    if (!List.of("micro", "macro", "weighted").contains(String.valueOf(average))) {
      throw new IllegalArgumentException(getClass().getSimpleName() + "'s average must be"
          + " 'micro', 'macro' or 'weighted' here, got " + average + " (None gives one value per"
          + " class, which a log cannot hold)");
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

  @Override
  public double result(double[] totals, long samples) {
    int k = classes;
    double[] tp = java.util.Arrays.copyOfRange(totals, 0, k);
    double[] fp = java.util.Arrays.copyOfRange(totals, k, 2 * k);
    double[] fn = java.util.Arrays.copyOfRange(totals, 2 * k, 3 * k);
    double[] support = java.util.Arrays.copyOfRange(totals, 3 * k, 4 * k);
    if (average.equals("micro")) {
      return score(sum(tp), sum(fp), sum(fn));
    }
    double total = 0;
    double supports = sum(support);
    for (int c = 0; c < k; c++) {
      double f = score(tp[c], fp[c], fn[c]);
      total += average.equals("weighted") ? f * support[c] / (supports + EPSILON) : f / k;
    }
    return total;
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
