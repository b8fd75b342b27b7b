package dev.tfjlabs.keras.layers.regularization;

import dev.tfjlabs.keras.layers.CallContext;
import dev.tfjlabs.keras.layers.Layer;
import java.util.Arrays;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Keras's {@code SpatialDropout1D/2D/3D(rate)}: in training, whole channels dropped (one mask value
 * per sample and channel, shared by every step or pixel) and the rest scaled by
 * {@code 1 / (1 - rate)}; at inference, {@code x}. Channels last.
 */
public abstract class SpatialDropout extends Layer {
  private final int rank;
  private final double rate;

  protected SpatialDropout(int rank, double rate, String name) {
    super(name);
    if (!(rate >= 0 && rate < 1)) {
      throw new IllegalArgumentException(getClass().getSimpleName() + "'s rate must be in"
          + " [0, 1), got " + rate);
    }
    this.rank = rank;
    this.rate = rate;
  }

  @Override
  protected int[] doBuild(int[] in) {
    if (in.length != rank + 1) {
      throw badShape(kerasType(), rank == 1 ? "(steps, channels)" : rank == 2
          ? "(height, width, channels)" : "(depth, height, width, channels)", in);
    }
    return in;
  }

  @Override
  public boolean usesTraining() {
    return rate > 0;
  }

  @Override
  public Operand<TFloat32> call(Operand<TFloat32> x, CallContext ctx) {
    if (!ctx.training() || rate == 0) {
      return x;
    }
    Ops tf = ctx.tf();
    int[] ones = new int[rank];
    Arrays.fill(ones, 1);
    Operand<TInt32> shape = tf.concat(java.util.List.of(
        tf.slice(tf.shape(x), tf.constant(new int[] {0}), tf.constant(new int[] {1})),
        tf.constant(ones),
        tf.slice(tf.shape(x), tf.constant(new int[] {rank + 1}), tf.constant(new int[] {1}))),
        tf.constant(0));
    return tf.math.mul(x, ctx.dropoutMask(shape, (float) rate, path()));
  }

  /** Keras's {@code supports_masking}: it passes its input's mask on, as Keras's does. */
  @Override
  public boolean supportsMasking() {
    return true;
  }

  @Override
  protected void addConfig(Map<String, Object> c) {
    c.put("rate", rate);
    c.put("seed", null);
    c.put("noise_shape", null);
  }
}
