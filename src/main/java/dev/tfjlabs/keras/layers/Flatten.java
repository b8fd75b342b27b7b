package dev.tfjlabs.keras.layers;

import dev.tfjlabs.keras.config.Config;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** {@code keras.layers.Flatten}: each sample becomes a vector, in row-major order. */
public final class Flatten extends Layer {

  public Flatten() {
    this(null);
  }

  public Flatten(String name) {
    super(name);
  }

  /** Keras's {@code Flatten.from_config}. */
  public static Flatten fromConfig(Config c) {
    c.fixed("data_format", "channels_last");
    return new Flatten(c.name());
  }

  @Override
  protected int[] doBuild(int[] in) {
    int n = 1;
    for (int d : in) {
      if (d <= 0) {
        throw badShape("Flatten", "fully known dimensions", in);
      }
      n *= d;
    }
    return new int[] {n};
  }

  @Override
  public Operand<TFloat32> call(Operand<TFloat32> x, CallContext ctx) {
    return ctx.tf().reshape(x, ctx.tf().constant(new int[] {-1, outputShape()[0]}));
  }

  @Override
  protected void addConfig(Map<String, Object> c) {
    c.put("data_format", "channels_last");
  }
}
