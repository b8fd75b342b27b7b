package dev.tfjlabs.keras.metrics;

import dev.tfjlabs.keras.config.Config;

/**
 * {@code keras.metrics.Precision(thresholds=None)}: over an epoch, {@code TP / (TP + FP)},
 * a prediction positive above the threshold (default 0.5); 0 without positive predictions.
 */
public final class Precision extends ThresholdRate {

  public Precision() {
    this(0.5, "precision");
  }

  public Precision(double threshold, String name) {
    super(threshold, name);
  }

  /** Keras's {@code Precision.from_config} (one threshold). */
  public static Precision fromConfig(Config c) {
    return new Precision(threshold(c), c.text("name", "precision"));
  }

  @Override
  public double result(double[] totals, long samples) {
    return Confusion.divideNoNan(totals[0], totals[0] + totals[1]);
  }
}
