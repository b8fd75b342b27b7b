package dev.tfjlabs.keras.metrics;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * {@code keras.metrics.Recall(thresholds=None)}: over an epoch, {@code TP / (TP + FN)}, a
 * prediction positive above the threshold (default 0.5); 0 without positive labels.
 */
public final class Recall implements Metric {
  private final float threshold;
  private final String name;

  public Recall() {
    this(0.5, "recall");
  }

  public Recall(double threshold, String name) {
    if (!(threshold >= 0 && threshold <= 1)) {
      throw new IllegalArgumentException("Recall's threshold must be in [0, 1], got "
          + threshold);
    }
    this.threshold = (float) threshold;
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  /** TP, FP, TN, FN. */
  @Override
  public int accumulators() {
    return 4;
  }

  @Override
  public Operand<TFloat32> sums(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
    return Confusion.counts(tf, yTrue, yPred, new float[] {threshold});
  }

  @Override
  public double result(double[] totals, long samples) {
    return Confusion.divideNoNan(totals[0], totals[0] + totals[3]);
  }
}
