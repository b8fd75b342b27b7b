package dev.tfjlabs.keras.layers.activations;

import dev.tfjlabs.keras.config.Config;
import dev.tfjlabs.keras.layers.CallContext;
import dev.tfjlabs.keras.layers.Layer;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * {@code keras.layers.LeakyReLU(negative_slope=0.3)}: {@code y = x} for {@code x >= 0}, else
 * {@code negative_slope * x}. Keras 2 called the slope {@code alpha}; both names are read.
 */
public final class LeakyReLU extends Layer {
  /** Keras's default slope. */
  public static final double DEFAULT_SLOPE = 0.3;
  private final double negativeSlope;

  public LeakyReLU(double negativeSlope, String name) {
    super(name);
    if (negativeSlope < 0) {
      throw new IllegalArgumentException("negative_slope of a LeakyReLU cannot be negative, got "
          + negativeSlope);
    }
    this.negativeSlope = negativeSlope;
  }

  /** Keras's {@code LeakyReLU.from_config}, with Keras 2's {@code alpha}. */
  public static LeakyReLU fromConfig(Config c) {
    double slope = c.has("alpha") ? c.number("alpha", null)
        : c.number("negative_slope", DEFAULT_SLOPE);
    c.ignore("alpha");
    return new LeakyReLU(slope, c.name());
  }

  @Override
  protected int[] doBuild(int[] in) {
    return in;
  }

  @Override
  public Operand<TFloat32> call(Operand<TFloat32> x, CallContext ctx) {
    return ctx.tf().nn.leakyRelu(x, org.tensorflow.op.nn.LeakyRelu.alpha((float) negativeSlope));
  }


  /** Keras's {@code supports_masking}: it passes its input's mask on, as Keras's does. */
  @Override
  public boolean supportsMasking() {
    return true;
  }

  @Override
  protected void addConfig(Map<String, Object> c) {
    c.put("negative_slope", negativeSlope);
  }
}
