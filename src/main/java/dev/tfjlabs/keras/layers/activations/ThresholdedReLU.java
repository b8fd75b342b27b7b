package dev.tfjlabs.keras.layers.activations;

import dev.tfjlabs.keras.config.Config;
import dev.tfjlabs.keras.layers.CallContext;
import dev.tfjlabs.keras.layers.Layer;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras 2's {@code keras.layers.ThresholdedReLU(theta=1.0)}: {@code y = x} for
 * {@code x > theta}, else 0. Keras 3 dropped the class (its {@code ReLU(threshold=theta)} gives
 * the same values); it is read here so that Keras 2 files load.
 */
public final class ThresholdedReLU extends Layer {
  private final double theta;

  public ThresholdedReLU(double theta, String name) {
    super(name);
    if (theta < 0) {
      throw new IllegalArgumentException("theta of a ThresholdedReLU cannot be negative, got "
          + theta);
    }
    this.theta = theta;
  }

  /** Keras 2's {@code ThresholdedReLU.from_config}. */
  public static ThresholdedReLU fromConfig(Config c) {
    return new ThresholdedReLU(c.number("theta", 1.0), c.name());
  }

  @Override
  protected int[] doBuild(int[] in) {
    return in;
  }

  @Override
  public Operand<TFloat32> call(Operand<TFloat32> x, CallContext ctx) {
    Ops tf = ctx.tf();
    return tf.math.mul(x, tf.dtypes.cast(tf.math.greater(x, tf.constant((float) theta)),
        TFloat32.class));
  }


  /** Keras's {@code supports_masking}: it passes its input's mask on, as Keras's does. */
  @Override
  public boolean supportsMasking() {
    return true;
  }

  @Override
  protected void addConfig(Map<String, Object> c) {
    c.put("theta", theta);
  }
}
