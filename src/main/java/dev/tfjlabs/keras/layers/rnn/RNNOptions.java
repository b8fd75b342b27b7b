package dev.tfjlabs.keras.layers.rnn;

import dev.tfjlabs.keras.initializers.Initializer;
import dev.tfjlabs.keras.layers.Activation;

/**
 * The settings every recurrent layer shares, with Keras's names; a {@code null} initializer
 * means the layer's Keras default (glorot-uniform kernel, orthogonal recurrent kernel, zero
 * bias, or the LSTM's unit forget bias).
 *
 * @param units size of the state h
 * @param returnSequences output h at every step [batch, steps, units] rather than the last
 * @param returnState also output the final states (h, and c for the LSTM), Keras's
 *     {@code [output, state_h, state_c]}
 * @param goBackwards process the sequence from the last step to the first
 * @param dropout fraction of input features dropped in training, one mask per sequence
 * @param recurrentDropout Keras's {@code recurrent_dropout}: fraction of the previous output's
 *     units dropped in the recurrent products in training, one mask per sequence
 * @param implementation Keras's {@code implementation}: 2 (the default, and any value but 1,
 *     as Keras reads the legacy 0) draws one input dropout mask for all gates; 1, which Keras
 *     forces with any recurrent dropout, one mask per gate for the inputs and for the previous
 *     output
 * @param recurrentBias a second bias vector added to the recurrent product (PyTorch's b_hh);
 *     GRU with {@code resetAfter} always has it
 * @param useBias Keras's {@code use_bias}: false leaves every bias out
 * @param zeroOutputForMask Keras's {@code zero_output_for_mask}: a masked step outputs zeros
 *     rather than the previous output (with {@code returnSequences})
 * @param stateful Keras's {@code stateful}: each call starts from the final states of the
 *     previous one (sample i of a batch from sample i of the last), until the model's states
 *     are reset
 */
public record RNNOptions(int units, boolean returnSequences, boolean returnState,
    boolean goBackwards, float dropout, float recurrentDropout, int implementation,
    Activation activation, Activation recurrentActivation, Initializer kernelInitializer,
    Initializer recurrentInitializer, Initializer biasInitializer, boolean recurrentBias,
    boolean useBias, boolean zeroOutputForMask, boolean stateful, String name) {

  public RNNOptions {
    if (units <= 0) {
      throw new IllegalArgumentException("units must be positive, got " + units);
    }
    if (!(dropout >= 0 && dropout < 1)) {
      throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
    }
    if (!(recurrentDropout >= 0 && recurrentDropout < 1)) {
      throw new IllegalArgumentException("recurrent_dropout must be in [0, 1), got "
          + recurrentDropout);
    }
    if (recurrentBias && !useBias) {
      throw new IllegalArgumentException("a layer without biases (use_bias=False) has no"
          + " recurrent bias either; leave out pytorch() or keep use_bias");
    }
  }

  /**
   * Whether each gate draws its own dropout masks (Keras's implementation 1, which Keras
   * chooses whenever {@code recurrent_dropout} is set).
   */
  boolean maskPerGate() {
    return implementation == 1 || recurrentDropout > 0;
  }

  /** These options with {@code zero_output_for_mask} set as given. */
  RNNOptions zeroOutputForMask(boolean value) {
    return new RNNOptions(units, returnSequences, returnState, goBackwards, dropout,
        recurrentDropout, implementation, activation, recurrentActivation, kernelInitializer,
        recurrentInitializer, biasInitializer, recurrentBias, useBias, value, stateful, name);
  }

  RNNOptions named(String newName, boolean backwards) {
    return new RNNOptions(units, returnSequences, returnState, backwards, dropout,
        recurrentDropout, implementation, activation, recurrentActivation, kernelInitializer,
        recurrentInitializer, biasInitializer, recurrentBias, useBias, zeroOutputForMask,
        stateful, newName);
  }
}
