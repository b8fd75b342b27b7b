package dev.tfjlabs.keras.layers.rnn;

import dev.tfjlabs.keras.initializers.Initializer;
import dev.tfjlabs.keras.initializers.Initializers;
import dev.tfjlabs.keras.layers.Activation;
import dev.tfjlabs.keras.layers.CallContext;
import dev.tfjlabs.keras.layers.Weight;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Keras's {@code LSTMCell} (Hochreiter and Schmidhuber 1997, with forget gate), gates in Keras's
 * order i, f, c, o along the last axis of W [features, 4u], U [u, 4u] and b [4u]:
 *
 * <pre>
 *   z   = x_t W + h_{t-1} U + b
 *   i   = sigma(z_i)    f = sigma(z_f)    o = sigma(z_o)
 *   c_t = f * c_{t-1} + i * tanh(z_c)
 *   h_t = o * tanh(c_t)
 * </pre>
 *
 * With {@code unitForgetBias} (Keras's default) b starts at 1 for f and 0 elsewhere. With
 * {@code recurrentBias} (PyTorch's {@code nn.LSTM}) a second vector {@code b_hh} [4u] is added
 * to z, so each gate's bias is the sum of two uniform draws, as in PyTorch; PyTorch's gate
 * order i, f, g, o is Keras's i, f, c, o.
 *
 * <p>Fused (the default, with tanh and sigmoid activations): the whole sequence runs in
 * TensorFlow's {@code BlockLSTMV2} kernel, which computes these equations with the same gate
 * order (its "IFCO" layout), no forget bias of its own and no cell clipping, on the weights
 * {@code [W; U]} and the bias {@code b} (+ {@code b_hh}); its gradient is
 * {@link BlockLstmGradient}.
 */
final class LSTMCell extends BaseCell implements FusedCell {
  private final boolean unitForgetBias;
  private final boolean fusedKernel;
  private Weight bias;
  private Weight recurrentBiasWeight;

  LSTMCell(RNNOptions options, boolean unitForgetBias, boolean fusedKernel) {
    super(options, 4);
    this.unitForgetBias = unitForgetBias;
    this.fusedKernel = fusedKernel;
  }

  /** h and c. */
  @Override
  public int stateCount() {
    return 2;
  }

  @Override
  public void build(int inputDim, WeightFactory w) {
    int u = o.units();
    buildKernels(inputDim, w);
    if (!o.useBias()) {
      return;
    }
    Initializer given = RNN.orDefault(o.biasInitializer(), Initializers.zeros());
    bias = w.add("bias", new int[] {4 * u}, unitForgetBias ? forgetGateOnes(given, u) : given);
    if (o.recurrentBias()) {
      recurrentBiasWeight = w.add("recurrent_bias", new int[] {4 * u},
          RNN.orDefault(o.biasInitializer(), Initializers.zeros()));
    }
  }

  /**
   * Keras's {@code unit_forget_bias}: the bias is {@code [init(u), ones(u), init(2u)]}, the
   * given initializer drawn for the input gate, then for the cell and output gates.
   */
  private static Initializer forgetGateOnes(Initializer init, int u) {
    return (shape, rng) -> {
      float[] out = new float[4 * u];
      System.arraycopy(init.generate(new int[] {u}, rng), 0, out, 0, u);
      java.util.Arrays.fill(out, u, 2 * u, 1f);
      System.arraycopy(init.generate(new int[] {2 * u}, rng), 0, out, 2 * u, 2 * u);
      return out;
    };
  }

  @Override
  public Operand<TFloat32> projectInputs(CallContext ctx, Operand<TFloat32> x) {
    Ops tf = ctx.tf();
    Operand<TFloat32> z = tf.linalg.matMul(x, ctx.get(kernel));
    z = bias == null ? z : tf.nn.biasAdd(z, ctx.get(bias));
    // b_hh is constant over the steps, so adding it here equals adding it to every h U
    return recurrentBiasWeight == null ? z : tf.nn.biasAdd(z, ctx.get(recurrentBiasWeight));
  }

  @Override
  protected List<Operand<TFloat32>> step(CallContext ctx, Operand<TFloat32> xw,
      List<Operand<TFloat32>> states, List<Operand<TFloat32>> recurrentMasks) {
    Ops tf = ctx.tf();
    Operand<TFloat32> z = states == null ? xw
        : tf.math.add(xw, recurrent(ctx, states.get(0), recurrentMasks));
    List<Output<TFloat32>> gates = tf.split(tf.constant(1), z, 4L).output();
    Operand<TFloat32> i = o.recurrentActivation().apply(tf, gates.get(0));
    Operand<TFloat32> candidate = tf.math.mul(i, o.activation().apply(tf, gates.get(2)));
    Operand<TFloat32> c = states == null ? candidate
        : tf.math.add(tf.math.mul(o.recurrentActivation().apply(tf, gates.get(1)), states.get(1)),
            candidate);
    Operand<TFloat32> h = tf.math.mul(o.recurrentActivation().apply(tf, gates.get(3)),
        o.activation().apply(tf, c));
    return List.of(h, c);
  }

  @Override
  public boolean fused() {
    return fusedKernel && o.activation() == Activation.TANH
        && o.recurrentActivation() == Activation.SIGMOID;
  }

  @Override
  public Operand<TFloat32> sequence(CallContext ctx, Operand<TFloat32> timeMajor) {
    BlockLstmGradient.register();
    Ops tf = ctx.tf();
    int u = o.units();
    Shape shape = timeMajor.shape();
    Operand<TFloat32> w = tf.concat(List.of(ctx.get(kernel), ctx.get(recurrentKernel)),
        tf.constant(0));
    Operand<TFloat32> b = bias == null ? tf.zeros(tf.constant(new int[] {4 * u}), TFloat32.class)
        : recurrentBiasWeight == null ? ctx.get(bias)
        : tf.math.add(ctx.get(bias), ctx.get(recurrentBiasWeight));
    Operand<TInt32> batchByUnits = tf.concat(List.of(
        tf.slice(tf.shape(timeMajor), tf.constant(new int[] {1}), tf.constant(new int[] {1})),
        tf.constant(new int[] {u})), tf.constant(0));
    Operand<TFloat32> zeroState = tf.fill(batchByUnits, tf.constant(0f));
    Operand<TFloat32> noPeephole = tf.zeros(tf.constant(new int[] {u}), TFloat32.class);
    return tf.nn.blockLSTM(tf.constant(shape.get(0)), timeMajor, zeroState, zeroState, w,
        noPeephole, noPeephole, noPeephole, b).h();
  }
}
