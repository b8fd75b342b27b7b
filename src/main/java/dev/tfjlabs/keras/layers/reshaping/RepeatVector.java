package dev.tfjlabs.keras.layers.reshaping;

import dev.tfjlabs.keras.config.Config;
import dev.tfjlabs.keras.layers.CallContext;
import dev.tfjlabs.keras.layers.Layer;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** {@code keras.layers.RepeatVector(n)}: a vector (features) repeated n times, (n, features). */
public final class RepeatVector extends Layer {
  private final int n;

  public RepeatVector(int n, String name) {
    super(name);
    if (n <= 0) {
      throw new IllegalArgumentException("RepeatVector's n must be positive, got " + n);
    }
    this.n = n;
  }

  /** Keras's {@code RepeatVector.from_config}: {@code n}. */
  public static RepeatVector fromConfig(Config c) {
    return new RepeatVector(c.positive("n"), c.name());
  }

  @Override
  protected int[] doBuild(int[] in) {
    if (in.length != 1) {
      throw badShape("RepeatVector", "(features)", in);
    }
    return new int[] {n, in[0]};
  }

  @Override
  public Operand<TFloat32> call(Operand<TFloat32> x, CallContext ctx) {
    Ops tf = ctx.tf();
    return tf.tile(tf.expandDims(x, tf.constant(1)), tf.constant(new int[] {1, n, 1}));
  }

  @Override
  protected void addConfig(Map<String, Object> c) {
    c.put("n", n);
  }
}
