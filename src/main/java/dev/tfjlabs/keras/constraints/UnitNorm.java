package dev.tfjlabs.keras.constraints;

import dev.tfjlabs.keras.config.Config;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * {@code keras.constraints.UnitNorm(axis=0)}: each slice over {@code axis} scaled to norm 1,
 * {@code w / (1e-7 + sqrt(sum(w^2, axis)))}.
 */
public final class UnitNorm implements Constraint {
  private final int[] axes;

  public UnitNorm(int... axes) {
    this.axes = axes.length == 0 ? new int[] {0} : axes.clone();
  }

  /** Keras's {@code UnitNorm.from_config}. */
  public static UnitNorm fromConfig(Config c) {
    return new UnitNorm(Constraint.axes(c));
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> w) {
    return tf.math.div(w, tf.math.add(tf.constant(EPSILON), Constraint.norms(tf, w, axes)));
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("axis", Constraint.axisConfig(axes));
    return c;
  }
}
