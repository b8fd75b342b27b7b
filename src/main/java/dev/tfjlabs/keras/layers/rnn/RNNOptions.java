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
 * @param recurrentBias a second bias vector added to the recurrent product (PyTorch's b_hh);
 *     GRU with {@code resetAfter} always has it
 * @param useBias Keras's {@code use_bias}: false leaves every bias out
 * @param zeroOutputForMask Keras's {@code zero_output_for_mask}: a masked step outputs zeros
 *     rather than the previous output (with {@code returnSequences})
 */
public record RNNOptions(int units, boolean returnSequences, boolean returnState,
    boolean goBackwards, float dropout,
    Activation activation, Activation recurrentActivation, Initializer kernelInitializer,
    Initializer recurrentInitializer, Initializer biasInitializer, boolean recurrentBias,
    boolean useBias, boolean zeroOutputForMask, String name) {

  public RNNOptions {
    if (units <= 0) {
      throw new IllegalArgumentException("units must be positive, got " + units);
    }
    if (!(dropout >= 0 && dropout < 1)) {
      throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
    }
    if (recurrentBias && !useBias) {
      throw new IllegalArgumentException("a layer without biases (use_bias=False) has no"
          + " recurrent bias either; leave out pytorch() or keep use_bias");
    }
  }

  /** These options with {@code zero_output_for_mask} set as given. */
  RNNOptions zeroOutputForMask(boolean value) {
    return new RNNOptions(units, returnSequences, returnState, goBackwards, dropout, activation,
        recurrentActivation, kernelInitializer, recurrentInitializer, biasInitializer,
        recurrentBias, useBias, value, name);
  }

  RNNOptions named(String newName, boolean backwards) {
    return new RNNOptions(units, returnSequences, returnState, backwards, dropout, activation,
        recurrentActivation, kernelInitializer, recurrentInitializer, biasInitializer,
        recurrentBias, useBias, zeroOutputForMask, newName);
  }
}
