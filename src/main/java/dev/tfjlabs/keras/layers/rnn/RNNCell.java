package dev.tfjlabs.keras.layers.rnn;

import dev.tfjlabs.keras.initializers.Initializer;
import dev.tfjlabs.keras.layers.CallContext;
import dev.tfjlabs.keras.layers.Weight;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * One time step of a recurrent layer (Keras's {@code SimpleRNNCell}, {@code LSTMCell},
 * {@code GRUCell}). The input part of every step, {@code x_t W + b}, does not depend on the
 * state, so {@link RNN} computes it for all steps in one matrix product
 * ({@link #projectInputs}) and hands each step its slice.
 */
public interface RNNCell {

  /** Creates weights through the owning layer. */
  @FunctionalInterface
  interface WeightFactory {
    Weight add(String name, int[] shape, Initializer initializer);
  }

  int units();

  /** How many state tensors of [batch, units] the cell carries: h, and c for the LSTM. */
  default int stateCount() {
    return 1;
  }

  /**
   * How many gate blocks the kernels hold side by side (1 for SimpleRNN, 4 for LSTM, 3 for
   * GRU): Keras's {@code dropout_mask_count} in its implementation 1.
   */
  int gates();

  /** Creates the cell's weights for inputs of {@code inputDim} features. */
  void build(int inputDim, WeightFactory weights);

  /** {@code x W + b} for a [n, inputDim] batch of steps. */
  Operand<TFloat32> projectInputs(CallContext ctx, Operand<TFloat32> x);

  /**
   * One call's unrolled steps, built one at a time: step {@code t}'s new states from its part of
   * the projected inputs and the previous states ({@code null} at the first step, meaning all
   * zeros; the first state is the output h). With recurrent dropout, gate g's recurrent product
   * reads the previous output times {@code recurrentMasks.get(g)} ({@link #gates} masks of
   * [batch, units]; null for none), as Keras's cells do in training.
   */
  @FunctionalInterface
  interface Steps {
    List<Operand<TFloat32>> step(int t, List<Operand<TFloat32>> states,
        List<Operand<TFloat32>> recurrentMasks);
  }

  /**
   * The steps of one call over {@code projected}, the inputs of all {@code count} steps as
   * {@link #projectInputs} gave them ([count * batch, gates * units], time-major). What the
   * steps share (the slices of each step, the blocks of a kernel) is cut here, once per call.
   */
  Steps steps(CallContext ctx, Operand<TFloat32> projected, int count);
}
