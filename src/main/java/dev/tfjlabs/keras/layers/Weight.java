package dev.tfjlabs.keras.layers;

import dev.tfjlabs.keras.constraints.Constraint;
import dev.tfjlabs.keras.initializers.Initializer;
import dev.tfjlabs.keras.regularizers.Regularizer;

/**
 * One weight of a layer: its Keras name ({@code kernel}, {@code recurrent_kernel},
 * {@code bias}, ...), shape and initializer. The graph variable behind it belongs to the model.
 *
 * @param path the name qualified by its layer, e.g. {@code lstm/kernel}
 * @param trainable whether the optimizer trains it; a non-trainable weight (a
 *     BatchNormalization's moving statistics) changes only through its layer's updates
 * @param regularizer the penalty on it added to the training loss, or null for none
 * @param constraint the projection applied to it after each optimizer update, or null
 */
public record Weight(String path, int[] shape, Initializer initializer, boolean trainable,
    Regularizer regularizer, Constraint constraint) {

  /** @throws IllegalArgumentException when the shape holds more values than an array can */
  public Weight {
    long n = 1;
    for (int d : shape) {
      if (d <= 0) {
        throw new IllegalArgumentException("weight " + path + " would have shape "
            + java.util.Arrays.toString(shape) + ", with a dimension that is not positive");
      }
      n *= d;
      if (n > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("weight " + path + " would have shape "
            + java.util.Arrays.toString(shape) + ", more values than one array can hold"
            + " (2^31); use fewer units");
      }
    }
  }

  public int size() {
    return Initializer.size(shape);
  }
}
