package dev.tfjlabs.keras.layers.pooling;

import dev.tfjlabs.keras.config.Config;
import dev.tfjlabs.keras.layers.CallContext;
import dev.tfjlabs.keras.layers.Layer;
import java.util.Arrays;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's global pooling: the mean or the maximum over every step (1D) or pixel (2D) of each
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
      throw badShape(kerasType(), rank == 1 ? "(steps, channels)" : "(height, width, channels)",
          in);
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

  @Override
  protected void addConfig(Map<String, Object> c) {
    c.put("data_format", channelsFirst ? "channels_first" : "channels_last");
    c.put("keepdims", keepdims);
  }
}
