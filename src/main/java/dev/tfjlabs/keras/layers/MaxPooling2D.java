package dev.tfjlabs.keras.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * {@code keras.layers.MaxPooling2D(pool_size)}: the maximum of each {@code pool x pool} window,
 * stride {@code pool}, {@code "valid"} padding (Keras's defaults).
 */
public final class MaxPooling2D extends Layer {
  private final int poolSize;

  public MaxPooling2D(int poolSize) {
    this(poolSize, null);
  }

  public MaxPooling2D(int poolSize, String name) {
    super(name);
    if (poolSize <= 0) {
      throw new IllegalArgumentException("pool size must be positive, got " + poolSize);
    }
    this.poolSize = poolSize;
  }

  @Override
  protected int[] doBuild(int[] in) {
    if (in.length != 3) {
      throw badShape("MaxPooling2D", "(height, width, channels)", in);
    }
    return new int[] {in[0] / poolSize, in[1] / poolSize, in[2]};
  }

  @Override
  public Operand<TFloat32> call(Operand<TFloat32> x, CallContext ctx) {
    Ops tf = ctx.tf();
    Operand<org.tensorflow.types.TInt32> window = tf.constant(new int[] {1, poolSize, poolSize, 1});
    return tf.nn.maxPool(x, window, window, "VALID");
  }
}
