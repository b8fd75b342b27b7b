package dev.tfjlabs.keras.layers.activations;

import dev.tfjlabs.keras.config.Config;
import dev.tfjlabs.keras.layers.CallContext;
import dev.tfjlabs.keras.layers.Layer;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** {@code keras.layers.ELU(alpha=1.0)}: {@code y = x} for {@code x > 0}, else {@code alpha (e^x - 1)}. */
public final class ELU extends Layer {
  private final double alpha;

  public ELU(double alpha, String name) {
    super(name);
    this.alpha = alpha;
  }

  /** Keras's {@code ELU.from_config}. */
  public static ELU fromConfig(Config c) {
    return new ELU(c.number("alpha", 1.0), c.name());
  }

  @Override
  protected int[] doBuild(int[] in) {
    return in;
  }

  @Override
  public Operand<TFloat32> call(Operand<TFloat32> x, CallContext ctx) {
    Ops tf = ctx.tf();
    Operand<TFloat32> elu = tf.nn.elu(x);
    if (alpha == 1.0) {
      return elu;
    }
    // elu(x) is x above 0 and e^x - 1 below: scale only the negative part
    Operand<TFloat32> negative = tf.math.minimum(elu, tf.constant(0f));
    return tf.math.add(tf.math.maximum(elu, tf.constant(0f)),
        tf.math.mul(tf.constant((float) alpha), negative));
  }

  /** Keras's {@code supports_masking}: it passes its input's mask on, as Keras's does. */
  @Override
  public boolean supportsMasking() {
    return true;
  }

  @Override
  protected void addConfig(Map<String, Object> c) {
    c.put("alpha", alpha);
  }
}
