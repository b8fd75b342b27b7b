package dev.tfjlabs.keras.metrics;

/**
 * {@code keras.metrics.F1Score(average=None, threshold=None)}: {@link FBetaScore} with beta 1,
 * logged as {@code f1_score} (one score per class by default, {@code f1_score[c]}).
 */
public final class F1Score extends FBetaScore {
  private final String average;
  private final Double threshold;

  /** Keras's defaults: one score per class, each sample's largest prediction positive. */
  public F1Score() {
    this(null, null);
  }

  public F1Score(String average, Double threshold) {
    super(average, 1.0, threshold, "f1_score");
    this.average = average;
    this.threshold = threshold;
  }

  /** Keras's {@code F1Score.from_config}. */
  public static F1Score fromConfig(dev.tfjlabs.keras.config.Config c) {
    c.text("name", "f1_score");
    var t = c.get("threshold");
    return new F1Score(c.text("average", null), t == null ? null : t.asDouble());
  }

  @Override
  public Object serialize() {
    java.util.Map<String, Object> config = Metrics.baseConfig(name());
    config.put("average", average);
    config.put("threshold", threshold);
    return Metrics.serialized("F1Score", config);
  }
}
