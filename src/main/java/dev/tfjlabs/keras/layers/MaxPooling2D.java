package dev.tfjlabs.keras.layers;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * {@code keras.layers.MaxPooling2D(pool_size)}: the maximum of each {@code pool x pool} window,
 * stride {@code pool}, {@code "valid"} padding (Keras's defaults).
 *
 * <p>Built as TensorFlow's {@code MaxPool} op with the window as attributes, the op Keras's
 * {@code tf.nn.max_pool2d} builds. TensorFlow Java's {@code tf.nn.maxPool} builds
 * {@code MaxPoolV2} instead (the window as tensors), which oneDNN does not take over: its
 * gradient {@code MaxPoolGradV2} ran 3.6x slower than oneDNN's {@code MaxPoolGrad} in a step
 * trace of the Fashion-CNN ({@code benchmarks/README.md}).
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
    long[] window = {1, poolSize, poolSize, 1};
    return ctx.tf().scope().opBuilder("MaxPool", "MaxPool").addInput(x.asOutput())
        .setAttr("ksize", window).setAttr("strides", window).setAttr("padding", "VALID").build()
        .output(0);
  }
}
