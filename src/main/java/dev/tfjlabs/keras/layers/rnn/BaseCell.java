package dev.tfjlabs.keras.layers.rnn;

import dev.tfjlabs.keras.initializers.Initializers;
import dev.tfjlabs.keras.layers.CallContext;
import dev.tfjlabs.keras.layers.Weight;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * What the three cells share: the kernel W [features, gates * units] (glorot-uniform) and the
 * recurrent kernel U [units, gates * units] (orthogonal), unless the options name other
 * initializers.
 */
abstract class BaseCell implements RNNCell {
  protected final RNNOptions o;
  private final int gates;
  protected Weight kernel;
  protected Weight recurrentKernel;

  BaseCell(RNNOptions options, int gates) {
    this.o = options;
    this.gates = gates;
  }

  @Override
  public int units() {
    return o.units();
  }

  protected void buildKernels(int inputDim, WeightFactory w) {
    int width = gates * o.units();
    kernel = w.add("kernel", new int[] {inputDim, width},
        RNN.orDefault(o.kernelInitializer(), Initializers.glorotUniform()));
    recurrentKernel = w.add("recurrent_kernel", new int[] {o.units(), width},
        RNN.orDefault(o.recurrentInitializer(), Initializers.orthogonal()));
  }

  @Override
  public int gates() {
    return gates;
  }

  /** By default each step reads its [batch, gates * units] slice of the projection. */
  @Override
  public Steps steps(CallContext ctx, Operand<TFloat32> projected, int count) {
    List<Output<TFloat32>> xw = slices(ctx.tf(), projected, count);
    return (t, states, masks) -> step(ctx, xw.get(t), states, masks);
  }

  /**
   * One step from its slice {@code xw} of the projection and the previous states ({@code null}
   * at the first step); {@code recurrentMasks} as in {@link RNNCell.Steps}.
   */
  protected abstract List<Operand<TFloat32>> step(CallContext ctx, Operand<TFloat32> xw,
      List<Operand<TFloat32>> states, List<Operand<TFloat32>> recurrentMasks);

  /** Each step's [batch, width] slice of the time-major projection of {@code count} steps. */
  protected static List<Output<TFloat32>> slices(Ops tf, Operand<TFloat32> projected, int count) {
    int width = (int) projected.shape().get(1);
    return tf.unstack(tf.reshape(projected, tf.constant(new int[] {count, -1, width})),
        (long) count).output();
  }

  /** {@code h U}. */
  protected Operand<TFloat32> recurrent(CallContext ctx, Operand<TFloat32> h) {
    return ctx.tf().linalg.matMul(h, ctx.get(recurrentKernel));
  }

  /**
   * {@code h U} with recurrent dropout: gate g's block of U multiplies {@code h * masks[g]},
   * {@code [(h m_0) U_0, (h m_1) U_1, ...]}; {@code h U} when {@code masks} is null.
   */
  protected Operand<TFloat32> recurrent(CallContext ctx, Operand<TFloat32> h,
      List<Operand<TFloat32>> masks) {
    if (masks == null) {
      return recurrent(ctx, h);
    }
    Ops tf = ctx.tf();
    if (gates == 1) {
      // (a one-way split has a gradient TensorFlow cannot build)
      return tf.linalg.matMul(tf.math.mul(h, masks.get(0)), ctx.get(recurrentKernel));
    }
    List<Output<TFloat32>> blocks = tf.split(tf.constant(1), ctx.get(recurrentKernel),
        (long) gates).output();
    List<Operand<TFloat32>> out = new ArrayList<>();
    for (int g = 0; g < gates; g++) {
      out.add(tf.linalg.matMul(tf.math.mul(h, masks.get(g)), blocks.get(g)));
    }
    return tf.concat(out, tf.constant(1));
  }
}
