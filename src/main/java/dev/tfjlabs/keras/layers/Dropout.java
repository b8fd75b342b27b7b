package dev.tfjlabs.keras.layers;

import dev.tfjlabs.keras.config.Config;
import dev.tfjlabs.keras.backend.Floats;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * {@code keras.layers.Dropout(rate)}: in training, each value is zeroed with probability
 * {@code rate} and the rest scaled by {@code 1 / (1 - rate)}; at inference the identity.
 */
public final class Dropout extends Layer {
  private final float rate;

  public Dropout(double rate) {
    this(rate, null);
  }

  public Dropout(double rate, String name) {
    super(name);
    if (!(rate >= 0 && rate < 1)) {
      throw new IllegalArgumentException("Dropout rate must be in [0, 1), got " + rate);
    }
    this.rate = (float) rate;
  }

  /** Keras's {@code Dropout.from_config}. */
  public static Dropout fromConfig(Config c) {
    c.none("noise_shape");
    return new Dropout(c.number("rate", null), c.name());
  }

  @Override
  protected int[] doBuild(int[] in) {
    return in;
  }

  @Override
  public boolean usesTraining() {
    return rate > 0;
  }

  @Override
  public Operand<TFloat32> call(Operand<TFloat32> x, CallContext ctx) {
    if (!ctx.training() || rate == 0) {
      return x;
    }
    return ctx.tf().math.mul(x, ctx.dropoutMask(ctx.tf().shape(x), rate, path()));
  }

  /** Keras's {@code supports_masking}: it passes its input's mask on, as Keras's does. */
  @Override
  public boolean supportsMasking() {
    return true;
  }

  @Override
  protected void addConfig(Map<String, Object> c) {
    c.put("rate", Floats.decimal(rate));
    c.put("seed", null);
    c.put("noise_shape", null);
  }
}
