package dev.tfjlabs.keras.metrics;

import dev.tfjlabs.keras.config.Config;

/**
 * {@code keras.metrics.Recall(thresholds=None)}: over an epoch, {@code TP / (TP + FN)}, a
 * prediction positive above the threshold (default 0.5); 0 without positive labels.
 */
public final class Recall extends ThresholdRate {

  public Recall() {
    this(0.5, "recall");
  }

  public Recall(double threshold, String name) {
    super(threshold, name);
  }

  /** Keras's {@code Recall.from_config} (one threshold). */
  public static Recall fromConfig(Config c) {
    return new Recall(threshold(c), c.text("name", "recall"));
  }

  @Override
  public double result(double[] totals, long samples) {
    return Confusion.divideNoNan(totals[0], totals[0] + totals[3]);
  }
}
