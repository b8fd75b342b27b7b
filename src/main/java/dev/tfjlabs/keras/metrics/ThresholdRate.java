package dev.tfjlabs.keras.metrics;

import dev.tfjlabs.keras.config.Config;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * What {@link Precision} and {@link Recall} share: the epoch's confusion counts at one
 * threshold (a prediction positive above it, default 0.5), Keras's {@code thresholds},
 * {@code top_k} and {@code class_id} config.
 */
abstract class ThresholdRate implements Metric {
  private final float threshold;
  private final String name;

  ThresholdRate(double threshold, String name) {
    if (!(threshold >= 0 && threshold <= 1)) {
      throw new IllegalArgumentException(getClass().getSimpleName() + "'s threshold must be in"
          + " [0, 1], got " + threshold);
    }
    this.threshold = (float) threshold;
    this.name = name;
  }

  /**
   * A config's one threshold (or none: 0.5); several thresholds, and {@code top_k} or
   * {@code class_id}, are refused in one line.
   */
  static double threshold(Config c) {
    c.none("top_k", "class_id");
    var t = c.get("thresholds");
    if (t != null && t.isArray() && t.size() == 1) {
      t = t.get(0);
    }
    if (t != null && !t.isNumber()) {
      throw c.unsupported("thresholds", t);
    }
    return t == null ? 0.5 : t.asDouble();
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
  public Object serialize() {
    Map<String, Object> config = Metrics.baseConfig(name);
    config.put("thresholds", (double) threshold);
    config.put("top_k", null);
    config.put("class_id", null);
    return Metrics.serialized(getClass().getSimpleName(), config);
  }
}
