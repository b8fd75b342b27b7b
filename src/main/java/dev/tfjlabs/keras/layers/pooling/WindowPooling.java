package dev.tfjlabs.keras.layers.pooling;

import dev.tfjlabs.keras.config.Config;
import dev.tfjlabs.keras.layers.CallContext;
import dev.tfjlabs.keras.layers.Layer;
import dev.tfjlabs.keras.layers.Pooling;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code BasePooling} over windows of one, two or three spatial axes (channels last):
 * the
 * maximum ({@code MaxPool}) or the mean ({@code AvgPool}) of each window; strides default to
 * the pool size. With {@code "same"} padding the mean is over the window's cells inside the
 * input, as Keras (TensorFlow) averages at the borders. A sequence [steps, channels] pools as
 * an image of height 1.
 */
public abstract class WindowPooling extends Layer {
  private final int rank;
  private final int[] poolSize;
  private final int[] strides;
  private final String padding;

  protected WindowPooling(int rank, int[] poolSize, int[] strides, String padding, String name) {
    super(name);
    int[] s = strides == null ? poolSize : strides;
    if (poolSize.length != rank || s.length != rank || Arrays.stream(poolSize).anyMatch(p -> p <= 0)
        || Arrays.stream(s).anyMatch(p -> p <= 0)) {
      throw new IllegalArgumentException(getClass().getSimpleName() + " needs a pool size and"
          + " strides of " + rank + " positive numbers, got " + Arrays.toString(poolSize)
          + " and " + Arrays.toString(s));
    }
    this.rank = rank;
    this.poolSize = poolSize.clone();
    this.strides = s.clone();
    this.padding = Pooling.padding(padding);
  }

  /** The pool size, strides (default: the pool size) and padding of a config. */
  protected static int[][] readWindow(Config c, int rank) {
    c.fixed("data_format", "channels_last");
    int[] twos = new int[rank];
    Arrays.fill(twos, 2);
    int[] pool = c.tuple("pool_size", rank, twos);
    return new int[][] {pool, c.tuple("strides", rank, pool)};
  }

  /** {@code MaxPool} or {@code AvgPool} ({@code MaxPool3D} or {@code AvgPool3D} for volumes). */
  protected abstract String op();

  @Override
  protected int[] doBuild(int[] in) {
    if (in.length != rank + 1 || Arrays.stream(in).anyMatch(d -> d <= 0)) {
      throw badShape(kerasType(), rank == 1 ? "(steps, channels)" : rank == 2
          ? "(height, width, channels)" : "(depth, height, width, channels)", in);
    }
    int[] out = in.clone();
    for (int i = 0; i < rank; i++) {
      out[i] = Pooling.outputSize(in[i], poolSize[i], strides[i], padding);
      if (out[i] <= 0) {
        throw new IllegalArgumentException("layer " + name() + " (" + kerasType() + "): a pool"
            + " of " + poolSize[i] + " does not fit an axis of " + in[i] + " with padding "
            + padding);
      }
    }
    return out;
  }

  @Override
  public Operand<TFloat32> call(Operand<TFloat32> x, CallContext ctx) {
    Ops tf = ctx.tf();
    Operand<TFloat32> image = rank == 1 ? tf.expandDims(x, tf.constant(1)) : x;
    long[] window = rank == 1 ? new long[] {1, 1, poolSize[0], 1} : batchAndChannels(poolSize);
    long[] step = rank == 1 ? new long[] {1, 1, strides[0], 1} : batchAndChannels(strides);
    Operand<TFloat32> pooled = tf.scope().opBuilder(op(), op()).addInput(image.asOutput())
        .setAttr("ksize", window).setAttr("strides", step)
        .setAttr("padding", padding.toUpperCase()).build().output(0);
    return rank == 1 ? tf.squeeze(pooled, org.tensorflow.op.core.Squeeze.axis(List.of(1L)))
        : pooled;
  }

  /** {@code [1, v..., 1]}. */
  private static long[] batchAndChannels(int[] v) {
    long[] out = new long[v.length + 2];
    Arrays.fill(out, 1);
    for (int i = 0; i < v.length; i++) {
      out[i + 1] = v[i];
    }
    return out;
  }

  @Override
  protected void addConfig(Map<String, Object> c) {
    c.put("pool_size", Arrays.stream(poolSize).boxed().toList());
    c.put("padding", padding);
    c.put("strides", Arrays.stream(strides).boxed().toList());
    c.put("data_format", "channels_last");
  }
}
