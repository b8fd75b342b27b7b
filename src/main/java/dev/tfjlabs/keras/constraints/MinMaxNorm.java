package dev.tfjlabs.keras.constraints;

import dev.tfjlabs.keras.config.Config;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * {@code keras.constraints.MinMaxNorm(min_value=0.0, max_value=1.0, rate=1.0, axis=0)}: each
 * slice's norm {@code n} over {@code axis} moved towards {@code [min_value, max_value]},
 * {@code w * (rate clip(n, min, max) + (1 - rate) n) / (1e-7 + n)}.
 */
public final class MinMaxNorm implements Constraint {
  private final double minValue;
  private final double maxValue;
  private final double rate;
  private final int[] axes;

  public MinMaxNorm(double minValue, double maxValue, double rate, int... axes) {
    if (!(minValue <= maxValue) || Double.isInfinite(maxValue) || Double.isInfinite(minValue)
        || !Double.isFinite(rate)) {
      throw new IllegalArgumentException("MinMaxNorm needs finite min_value <= max_value and a"
          + " finite rate, got " + minValue + ", " + maxValue + ", " + rate);
    }
    this.minValue = minValue;
    this.maxValue = maxValue;
    this.rate = rate;
    this.axes = axes.length == 0 ? new int[] {0} : axes.clone();
  }

  /** Keras's {@code MinMaxNorm.from_config}. */
  public static MinMaxNorm fromConfig(Config c) {
    return new MinMaxNorm(c.number("min_value", 0.0), c.number("max_value", 1.0),
        c.number("rate", 1.0), Constraint.axes(c));
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> w) {
    Operand<TFloat32> n = Constraint.norms(tf, w, axes);
    Operand<TFloat32> desired = tf.math.add(
        tf.math.mul(tf.constant((float) rate), tf.clipByValue(n, tf.constant((float) minValue),
            tf.constant((float) maxValue))),
        tf.math.mul(tf.constant((float) (1 - rate)), n));
    return tf.math.mul(w, tf.math.div(desired, tf.math.add(tf.constant(EPSILON), n)));
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("min_value", minValue);
    c.put("max_value", maxValue);
    c.put("rate", rate);
    c.put("axis", Constraint.axisConfig(axes));
    return c;
  }
}
