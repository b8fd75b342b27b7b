package dev.tfjlabs.keras.layers;

import dev.tfjlabs.keras.config.Config;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * {@code keras.layers.MaxPooling2D(pool_size=(2, 2), strides=None, padding="valid")}: the
 * maximum of each {@code ph x pw} window; strides default to the pool size, as Keras's.
 *
 * <p>Built as TensorFlow's {@code MaxPool} op with the window as attributes, the op Keras's
 * {@code tf.nn.max_pool2d} builds. TensorFlow Java's {@code tf.nn.maxPool} builds
 * {@code MaxPoolV2} instead (the window as tensors), which oneDNN does not take over: its
 * gradient {@code MaxPoolGradV2} ran 3.6x slower than oneDNN's {@code MaxPoolGrad} in a step
 * trace of the Fashion-CNN ({@code benchmarks/README.md}).
 */
public final class MaxPooling2D extends Layer {
  private final int[] poolSize;
  private final int[] strides;
  private final String padding;

  public MaxPooling2D(int poolSize) {
    this(poolSize, null);
  }

  public MaxPooling2D(int poolSize, String name) {
    this(new int[] {poolSize, poolSize}, null, "valid", name);
  }

  /**
   * @param poolSize {ph, pw}
   * @param strides {sh, sw}, or null for the pool size
   * @param padding {@code "valid"} (Keras's default) or {@code "same"}
   */
  public MaxPooling2D(int[] poolSize, int[] strides, String padding, String name) {
    super(name);
    if (poolSize.length != 2 || poolSize[0] <= 0 || poolSize[1] <= 0) {
      throw new IllegalArgumentException("pool size must be two positive numbers, got "
          + java.util.Arrays.toString(poolSize));
    }
    int[] s = strides == null ? poolSize : strides;
    if (s.length != 2 || s[0] <= 0 || s[1] <= 0) {
      throw new IllegalArgumentException("MaxPooling2D strides must be two positive numbers");
    }
    this.poolSize = poolSize.clone();
    this.strides = s.clone();
    this.padding = Pooling.padding(padding);
  }

  /** Keras's {@code MaxPooling2D.from_config}. */
  public static MaxPooling2D fromConfig(Config c) {
    c.fixed("data_format", "channels_last");
    int[] pool = c.tuple("pool_size", 2, new int[] {2, 2});
    return new MaxPooling2D(pool, c.tuple("strides", 2, pool), c.text("padding", "valid"),
        c.name());
  }

  @Override
  protected int[] doBuild(int[] in) {
    if (in.length != 3) {
      throw badShape("MaxPooling2D", "(height, width, channels)", in);
    }
    return new int[] {Pooling.outputSize(in[0], poolSize[0], strides[0], padding),
        Pooling.outputSize(in[1], poolSize[1], strides[1], padding), in[2]};
  }

  @Override
  public Operand<TFloat32> call(Operand<TFloat32> x, CallContext ctx) {
    long[] window = {1, poolSize[0], poolSize[1], 1};
    long[] step = {1, strides[0], strides[1], 1};
    return ctx.tf().scope().opBuilder("MaxPool", "MaxPool").addInput(x.asOutput())
        .setAttr("ksize", window).setAttr("strides", step)
        .setAttr("padding", padding.toUpperCase()).build().output(0);
  }

  @Override
  protected void addConfig(Map<String, Object> c) {
    c.put("pool_size", List.of(poolSize[0], poolSize[1]));
    c.put("padding", padding);
    c.put("strides", List.of(strides[0], strides[1]));
    c.put("data_format", "channels_last");
  }
}
