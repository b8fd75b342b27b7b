package dev.tfjlabs.keras.layers.pooling;

import dev.tfjlabs.keras.config.Config;
import dev.tfjlabs.keras.layers.CallContext;
import dev.tfjlabs.keras.layers.Layer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * Keras's global pooling: the mean or the maximum over every step (1D), pixel (2D) or voxel (3D) of each
 * channel; {@code keepdims} keeps the pooled axes with size 1; {@code channels_first} inputs
 * have the channels before the steps or pixels.
 */
public abstract class GlobalPooling extends Layer {
  private final int rank;
  private final boolean mean;
  private final boolean channelsFirst;
  private final boolean keepdims;

  protected GlobalPooling(int rank, boolean mean, boolean channelsFirst, boolean keepdims,
      String name) {
    super(name);
    this.rank = rank;
    this.mean = mean;
    this.channelsFirst = channelsFirst;
    this.keepdims = keepdims;
  }

  /** {@code data_format}: true for {@code channels_first}. */
  protected static boolean channelsFirst(Config c) {
    String f = c.text("data_format", "channels_last");
    if (!f.equals("channels_last") && !f.equals("channels_first")) {
      throw c.unsupported("data_format", f);
    }
    return f.equals("channels_first");
  }

  @Override
  protected int[] doBuild(int[] in) {
    if (in.length != rank + 1) {
      throw badShape(kerasType(), rank == 1 ? "(steps, channels)" : rank == 2
          ? "(height, width, channels)" : "(depth, height, width, channels)", in);
    }
    int channels = channelsFirst ? in[0] : in[rank];
    if (!keepdims) {
      return new int[] {channels};
    }
    int[] out = new int[rank + 1];
    Arrays.fill(out, 1);
    out[channelsFirst ? 0 : rank] = channels;
    return out;
  }

  @Override
  public Operand<TFloat32> call(Operand<TFloat32> x, CallContext ctx) {
    Ops tf = ctx.tf();
    int[] axes = new int[rank];
    for (int i = 0; i < rank; i++) {
      axes[i] = channelsFirst ? i + 2 : i + 1;
    }
    return mean
        ? tf.math.mean(x, tf.constant(axes), org.tensorflow.op.math.Mean.keepDims(keepdims))
        : tf.max(x, tf.constant(axes), org.tensorflow.op.core.Max.keepDims(keepdims));
  }

  /**
   * Keras's masked average over steps (1D, mean): {@code sum_t m_t x_t / sum_t m_t}, the
   * masked steps left out; the other global poolings ignore the mask.
   */
  @Override
  public List<Operand<TFloat32>> callMasked(List<Operand<TFloat32>> inputs,
      List<Operand<TBool>> masks, CallContext ctx) {
    Operand<TBool> mask = masks.get(0);
    if (mask == null || !mean || rank != 1) {
      return callAll(inputs, ctx);
    }
    Ops tf = ctx.tf();
    Operand<TFloat32> m = tf.dtypes.cast(mask, TFloat32.class);
    int stepAxis = channelsFirst ? 2 : 1;
    Operand<TFloat32> weights = tf.expandDims(m, tf.constant(channelsFirst ? 1 : 2));
    Operand<TFloat32> sum = tf.sum(tf.math.mul(inputs.get(0), weights), tf.constant(stepAxis),
        org.tensorflow.op.core.Sum.keepDims(keepdims));
    Operand<TFloat32> count = tf.sum(weights, tf.constant(stepAxis),
        org.tensorflow.op.core.Sum.keepDims(keepdims));
    return List.of(tf.math.div(sum, count));
  }

  @Override
  protected void addConfig(Map<String, Object> c) {
    c.put("data_format", channelsFirst ? "channels_first" : "channels_last");
    c.put("keepdims", keepdims);
  }
}
