package dev.tfjlabs.keras.constraints;

import dev.tfjlabs.keras.config.Config;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * {@code keras.constraints.MaxNorm(max_value=2, axis=0)}: each slice's norm over {@code axis}
 * at most {@code max_value}, {@code w * clip(n, 0, max_value) / (1e-7 + n)} with
 * {@code n = sqrt(sum(w^2, axis))}.
 */
public final class MaxNorm implements Constraint {
  private final double maxValue;
  private final int[] axes;

  public MaxNorm(double maxValue, int... axes) {
    if (!(maxValue >= 0) || Double.isInfinite(maxValue)) {
      throw new IllegalArgumentException("MaxNorm's max_value must be a finite number of at"
          + " least 0, got " + maxValue);
    }
    this.maxValue = maxValue;
    this.axes = axes.length == 0 ? new int[] {0} : axes.clone();
  }

  /** Keras's {@code MaxNorm.from_config}. */
  public static MaxNorm fromConfig(Config c) {
    return new MaxNorm(c.number("max_value", 2.0), Constraint.axes(c));
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> w) {
    Operand<TFloat32> n = Constraint.norms(tf, w, axes);
    Operand<TFloat32> desired = tf.clipByValue(n, tf.constant(0f), tf.constant((float) maxValue));
    return tf.math.mul(w, tf.math.div(desired, tf.math.add(tf.constant(EPSILON), n)));
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("max_value", maxValue);
    c.put("axis", Constraint.axisConfig(axes));
    return c;
  }
}
