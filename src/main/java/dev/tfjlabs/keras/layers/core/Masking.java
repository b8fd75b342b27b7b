package dev.tfjlabs.keras.layers.core;

import dev.tfjlabs.keras.config.Config;
import dev.tfjlabs.keras.layers.CallContext;
import dev.tfjlabs.keras.layers.Layer;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * {@code keras.layers.Masking(mask_value=0.0)}: a step whose features all equal
 * {@code mask_value} is masked (skipped by the recurrent layers after it) and set to zeros:
 * {@code mask = any(x != mask_value, axis=-1)}, {@code y = x * mask}.
 */
public final class Masking extends Layer {
  private final double maskValue;

  public Masking(double maskValue, String name) {
    super(name);
    this.maskValue = maskValue;
  }

  /** Keras's {@code Masking.from_config}: {@code mask_value}. */
  public static Masking fromConfig(Config c) {
    return new Masking(c.number("mask_value", 0.0), c.name());
  }

  @Override
  protected int[] doBuild(int[] in) {
    if (in.length < 2) {
      throw badShape("Masking", "(steps, features)", in);
    }
    return in;
  }

  private Operand<TBool> mask(Ops tf, Operand<TFloat32> x) {
    return tf.any(tf.math.notEqual(x, tf.constant((float) maskValue)), tf.constant(-1));
  }

  @Override
  public Operand<TFloat32> call(Operand<TFloat32> x, CallContext ctx) {
    Ops tf = ctx.tf();
    Operand<TFloat32> keep = tf.dtypes.cast(tf.expandDims(mask(tf, x), tf.constant(-1)),
        TFloat32.class);
    return tf.math.mul(x, keep);
  }

  @Override
  public Operand<TBool> computeMask(List<Operand<TFloat32>> inputs, List<Operand<TBool>> masks,
      CallContext ctx) {
    return mask(ctx.tf(), inputs.get(0));
  }

  @Override
  protected void addConfig(Map<String, Object> c) {
    c.put("mask_value", maskValue);
  }
}
