package dev.tfjlabs.keras.layers.activations;

import dev.tfjlabs.keras.config.Config;
import dev.tfjlabs.keras.layers.CallContext;
import dev.tfjlabs.keras.layers.Layer;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * {@code keras.layers.ReLU(max_value=None, negative_slope=0.0, threshold=0.0)}, element-wise:
 *
 * <pre>
 *   y = min(x, max_value)                       for x &gt;= threshold (x &gt; threshold when threshold != 0)
 *   y = negative_slope * (x - threshold)        otherwise
 * </pre>
 *
 * computed as Keras 3's {@code relu} computes it: {@code x * (x > threshold)} (or {@code relu(x)}),
 * clipped to [0, max_value], minus {@code negative_slope * relu(threshold - x)}.
 */
public final class ReLU extends Layer {
  private final Double maxValue;
  private final double negativeSlope;
  private final double threshold;

  /** {@code maxValue} null: no ceiling. */
  public ReLU(Double maxValue, double negativeSlope, double threshold, String name) {
    super(name);
    if (maxValue != null && maxValue < 0) {
      throw new IllegalArgumentException("max_value of a ReLU cannot be negative, got "
          + maxValue);
    }
    if (negativeSlope < 0) {
      throw new IllegalArgumentException("negative_slope of a ReLU cannot be negative, got "
          + negativeSlope);
    }
    this.maxValue = maxValue;
    this.negativeSlope = negativeSlope;
    this.threshold = threshold;
  }

  /** Keras's {@code ReLU.from_config}. */
  public static ReLU fromConfig(Config c) {
    var max = c.get("max_value");
    if (max != null && !max.isNumber()) {
      throw c.unsupported("max_value", max);
    }
    return new ReLU(max == null ? null : max.asDouble(), c.number("negative_slope", 0.0),
        c.number("threshold", 0.0), c.name());
  }

  @Override
  protected int[] doBuild(int[] in) {
    return in;
  }

  @Override
  public Operand<TFloat32> call(Operand<TFloat32> x, CallContext ctx) {
    Ops tf = ctx.tf();
    Operand<TFloat32> y = threshold != 0
        ? tf.math.mul(x, tf.dtypes.cast(tf.math.greater(x, tf.constant((float) threshold)),
            TFloat32.class))
        : tf.nn.relu(x);
    if (maxValue != null) {
      y = tf.clipByValue(y, tf.constant(0f), tf.constant(maxValue.floatValue()));
    }
    if (negativeSlope != 0) {
      Operand<TFloat32> below = tf.nn.relu(tf.math.sub(tf.constant((float) threshold), x));
      y = tf.math.sub(y, tf.math.mul(tf.constant((float) negativeSlope), below));
    }
    return y;
  }

  /** Keras's {@code supports_masking}: it passes its input's mask on, as Keras's does. */
  @Override
  public boolean supportsMasking() {
    return true;
  }

  @Override
  protected void addConfig(Map<String, Object> c) {
    c.put("max_value", maxValue);
    c.put("negative_slope", negativeSlope);
    c.put("threshold", threshold);
  }
}
