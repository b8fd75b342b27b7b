package dev.tfjlabs.keras.layers.rnn;

import dev.tfjlabs.keras.initializers.Initializers;
import dev.tfjlabs.keras.layers.CallContext;
import dev.tfjlabs.keras.layers.Weight;
import org.tensorflow.Operand;
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

  /** {@code h U}. */
  protected Operand<TFloat32> recurrent(CallContext ctx, Operand<TFloat32> h) {
    return ctx.tf().linalg.matMul(h, ctx.get(recurrentKernel));
  }
}
