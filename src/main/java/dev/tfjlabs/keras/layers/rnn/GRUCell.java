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
 * Keras's {@code GRUCell} (Cho et al. 2014), gates in Keras's order z, r, h along the last axis
 * of W [features, 3u] and U [u, 3u]. With {@code resetAfter} (Keras's default, and PyTorch's
 * {@code nn.GRU}) the bias has two rows, input b_i and recurrent b_r, shape [2, 3u]:
 *
 * <pre>
 *   z   = sigma(x W_z + b_iz + h U_z + b_rz)
 *   r   = sigma(x W_r + b_ir + h U_r + b_rr)
 *   hh  = tanh(x W_h + b_ih + r * (h U_h + b_rh))
 *   h_t = z * h_{t-1} + (1 - z) * hh
 * </pre>
 *
 * Without it (reset before) the bias is one row b [3u] and {@code hh = tanh(x W_h + b_h + (r * h) U_h)}.
 *
 * <p>Keras's {@code implementation} picks how the unrolled steps are built. 2 (the default): one
 * product h U per step, its [batch, 3u] result split into the gates. 1: each step multiplies h
 * by U's three blocks apart and reads the three blocks of its projected input, all cut once per
 * call, so no step splits its gates or joins their gradients; b_rz and b_rr are added to the
 * projection then, once, rather than to every step's product (the same sums in another order, as
 * float rounding goes). Same numbers to rounding; at 256 units implementation 1 trains
 * fashion-rnn-gru's GRU about a sixth faster, at 30 units (multiplication) it is the slower
 * (benchmarks/README.md).
 */
final class GRUCell extends BaseCell {
  private final boolean resetAfter;
  private Weight bias;

  GRUCell(RNNOptions options, boolean resetAfter) {
    super(options, 3);
    this.resetAfter = resetAfter;
  }

  @Override
  public void build(int inputDim, WeightFactory w) {
    int u = o.units();
    buildKernels(inputDim, w);
    if (o.useBias()) {
      int[] biasShape = resetAfter ? new int[] {2, 3 * u} : new int[] {3 * u};
      bias = w.add("bias", biasShape, RNN.orDefault(o.biasInitializer(), Initializers.zeros()));
    }
  }

  private Operand<TFloat32> biasRow(Ops tf, CallContext ctx, int row) {
    return tf.unstack(ctx.get(bias), 2L).output().get(row);
  }

  @Override
  public Operand<TFloat32> projectInputs(CallContext ctx, Operand<TFloat32> x) {
    Ops tf = ctx.tf();
    Operand<TFloat32> xw = tf.linalg.matMul(x, ctx.get(kernel));
    if (bias == null) {
      return xw;
    }
    return tf.nn.biasAdd(xw, resetAfter ? biasRow(tf, ctx, 0) : ctx.get(bias));
  }

  @Override
  public Steps steps(CallContext ctx, Operand<TFloat32> projected, int count) {
    return o.implementation() == 1 ? perGateSteps(ctx, projected, count)
        : super.steps(ctx, projected, count);
  }

  /** One step of implementation 2 from its [batch, 3u] slice of the projection. */
  @Override
  protected List<Operand<TFloat32>> step(CallContext ctx, Operand<TFloat32> xw,
      List<Operand<TFloat32>> states, List<Operand<TFloat32>> recurrentMasks) {
    Ops tf = ctx.tf();
    List<Output<TFloat32>> x = tf.split(tf.constant(1), xw, 3L).output();
    Operand<TFloat32> h = states == null ? null : states.get(0);
    Operand<TFloat32> z;
    Operand<TFloat32> r;
    Operand<TFloat32> hh;
    if (resetAfter) {
      if (h == null && bias == null) {
        // no state and no bias yet: the recurrent part is zero
        z = o.recurrentActivation().apply(tf, x.get(0));
        r = o.recurrentActivation().apply(tf, x.get(1));
        hh = o.activation().apply(tf, x.get(2));
      } else {
        Operand<TFloat32> recurrent = h == null ? biasRow(tf, ctx, 1)
            : bias == null ? recurrent(ctx, h, recurrentMasks)
            : tf.nn.biasAdd(recurrent(ctx, h, recurrentMasks), biasRow(tf, ctx, 1));
        List<Output<TFloat32>> rec = tf.split(tf.constant(h == null ? 0 : 1), recurrent, 3L)
            .output();
        z = o.recurrentActivation().apply(tf, tf.math.add(x.get(0), rec.get(0)));
        r = o.recurrentActivation().apply(tf, tf.math.add(x.get(1), rec.get(1)));
        hh = o.activation().apply(tf, tf.math.add(x.get(2), tf.math.mul(r, rec.get(2))));
      }
    } else {
      List<Output<TFloat32>> u = tf.split(tf.constant(1), ctx.get(recurrentKernel), 3L).output();
      // with recurrent dropout each gate reads h times its own mask; the update mixes plain h
      List<Operand<TFloat32>> hs = new java.util.ArrayList<>();
      for (int g = 0; g < 3; g++) {
        hs.add(h == null || recurrentMasks == null ? h : tf.math.mul(h, recurrentMasks.get(g)));
      }
      z = o.recurrentActivation().apply(tf,
          h == null ? x.get(0) : tf.math.add(x.get(0), tf.linalg.matMul(hs.get(0), u.get(0))));
      r = o.recurrentActivation().apply(tf,
          h == null ? x.get(1) : tf.math.add(x.get(1), tf.linalg.matMul(hs.get(1), u.get(1))));
      hh = o.activation().apply(tf, h == null ? x.get(2)
          : tf.math.add(x.get(2), tf.linalg.matMul(tf.math.mul(r, hs.get(2)), u.get(2))));
    }
    return List.of(update(tf, z, h, hh));
  }

  /**
   * Implementation 1: U's and the projection's gate blocks are cut once per call, so that a
   * step reads its z, r and h parts without splitting or joining anything; with
   * {@code resetAfter}, z's and r's recurrent biases, constant over the steps, join their input
   * biases here too.
   */
  private Steps perGateSteps(CallContext ctx, Operand<TFloat32> projected, int count) {
    Ops tf = ctx.tf();
    List<Output<TFloat32>> u = tf.split(tf.constant(1), ctx.get(recurrentKernel), 3L).output();
    List<Output<TFloat32>> x = tf.split(tf.constant(1), projected, 3L).output();
    List<Output<TFloat32>> recurrentBias = resetAfter && bias != null
        ? tf.split(tf.constant(0), biasRow(tf, ctx, 1), 3L).output() : null;
    List<List<Output<TFloat32>>> parts = new ArrayList<>();
    for (int g = 0; g < 3; g++) {
      Operand<TFloat32> part = recurrentBias != null && g < 2
          ? tf.nn.biasAdd(x.get(g), recurrentBias.get(g)) : x.get(g);
      parts.add(slices(tf, part, count));
    }
    Operand<TFloat32> candidateBias = recurrentBias == null ? null : recurrentBias.get(2);
    return (t, states, masks) -> List.of(perGateStep(tf, parts.get(0).get(t), parts.get(1).get(t),
        parts.get(2).get(t), u, candidateBias, states == null ? null : states.get(0), masks));
  }

  /**
   * One step of implementation 1 from its z, r and h inputs, U's three blocks and (reset after)
   * b_rh; {@code h} is null at the first step (all zeros).
   */
  private Operand<TFloat32> perGateStep(Ops tf, Operand<TFloat32> xz, Operand<TFloat32> xr,
      Operand<TFloat32> xh, List<Output<TFloat32>> u, Operand<TFloat32> candidateBias,
      Operand<TFloat32> h, List<Operand<TFloat32>> masks) {
    Operand<TFloat32> z = o.recurrentActivation().apply(tf,
        h == null ? xz : tf.math.add(xz, tf.linalg.matMul(masked(tf, h, masks, 0), u.get(0))));
    Operand<TFloat32> r = o.recurrentActivation().apply(tf,
        h == null ? xr : tf.math.add(xr, tf.linalg.matMul(masked(tf, h, masks, 1), u.get(1))));
    Operand<TFloat32> candidate;
    if (resetAfter) {
      Operand<TFloat32> recurrent = h == null ? candidateBias
          : tf.linalg.matMul(masked(tf, h, masks, 2), u.get(2));
      if (h != null && candidateBias != null) {
        recurrent = tf.nn.biasAdd(recurrent, candidateBias);
      }
      candidate = recurrent == null ? xh : tf.math.add(xh, tf.math.mul(r, recurrent));
    } else {
      candidate = h == null ? xh
          : tf.math.add(xh, tf.linalg.matMul(tf.math.mul(r, masked(tf, h, masks, 2)), u.get(2)));
    }
    return update(tf, z, h, o.activation().apply(tf, candidate));
  }

  /** {@code h_t = z * h + (1 - z) * hh}, Keras's order; {@code (1 - z) * hh} when h is null. */
  private static Operand<TFloat32> update(Ops tf, Operand<TFloat32> z, Operand<TFloat32> h,
      Operand<TFloat32> hh) {
    Operand<TFloat32> oneMinusZ = tf.math.sub(tf.constant(1f), z);
    return h == null ? tf.math.mul(oneMinusZ, hh)
        : tf.math.add(tf.math.mul(z, h), tf.math.mul(oneMinusZ, hh));
  }

  /** {@code h}, times gate g's recurrent dropout mask in training (none: null masks). */
  private static Operand<TFloat32> masked(Ops tf, Operand<TFloat32> h,
      List<Operand<TFloat32>> masks, int g) {
    return masks == null ? h : tf.math.mul(h, masks.get(g));
  }
}
