package dev.tfjlabs.keras.metrics;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * {@code keras.metrics.Precision(thresholds=None)}: over an epoch, {@code TP / (TP + FP)},
 * a prediction positive above the threshold (default 0.5); 0 without positive predictions.
 */
public final class Precision implements Metric {
  private final float threshold;
  private final String name;

  public Precision() {
    this(0.5, "precision");
  }

  public Precision(double threshold, String name) {
    if (!(threshold >= 0 && threshold <= 1)) {
      throw new IllegalArgumentException("Precision's threshold must be in [0, 1], got "
          + threshold);
    }
    this.threshold = (float) threshold;
    this.name = name;
  }

  /**
   * Keras's {@code Precision.from_config}: one threshold (or none: 0.5); several thresholds, and
   * {@code top_k} or {@code class_id}, are refused in one line.
   */
  public static Precision fromConfig(dev.tfjlabs.keras.config.Config c) {
    c.none("top_k", "class_id");
    var t = c.get("thresholds");
    if (t != null && t.isArray() && t.size() == 1) {
      t = t.get(0);
    }
    if (t != null && !t.isNumber()) {
      throw c.unsupported("thresholds", t);
    }
    return new Precision(t == null ? 0.5 : t.asDouble(), c.text("name", "precision"));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Object serialize() {
    java.util.Map<String, Object> config = new java.util.LinkedHashMap<>();
    config.put("name", name);
    config.put("dtype", "float32");
    config.put("thresholds", (double) threshold);
    config.put("top_k", null);
    config.put("class_id", null);
    return Metrics.serialized("Precision", config);
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
    return Confusion.divideNoNan(totals[0], totals[0] + totals[1]);
  }
}
