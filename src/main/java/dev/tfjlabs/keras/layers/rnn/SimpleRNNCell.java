package dev.tfjlabs.keras.layers.rnn;

import dev.tfjlabs.keras.initializers.Initializers;
import dev.tfjlabs.keras.layers.CallContext;
import dev.tfjlabs.keras.layers.Weight;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code SimpleRNNCell} (Elman): {@code h_t = activation(x_t W + b + h_{t-1} U)}, with
 * PyTorch's second bias {@code b_hh} added when {@code recurrentBias} is set.
 */
final class SimpleRNNCell extends BaseCell {
  private Weight bias;
  private Weight recurrentBiasWeight;

  SimpleRNNCell(RNNOptions options) {
    super(options, 1);
  }

  @Override
  public void build(int inputDim, WeightFactory w) {
    int u = o.units();
    buildKernels(inputDim, w);
    if (o.useBias()) {
      bias = w.add("bias", new int[] {u}, RNN.orDefault(o.biasInitializer(),
          Initializers.zeros()));
    }
    if (o.recurrentBias()) {
      recurrentBiasWeight = w.add("recurrent_bias", new int[] {u},
          RNN.orDefault(o.biasInitializer(), Initializers.zeros()));
    }
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
    return List.of(o.activation().apply(tf, z));
  }
}
