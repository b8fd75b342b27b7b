package dev.tfjlabs.keras.layers;

import dev.tfjlabs.keras.initializers.Initializer;

/**
 * One weight of a layer: its Keras name ({@code kernel}, {@code recurrent_kernel},
 * {@code bias}, ...), shape and initializer. The graph variable behind it belongs to the model.
 *
 * @param path the name qualified by its layer, e.g. {@code lstm/kernel}
 */
public record Weight(String path, int[] shape, Initializer initializer) {
  public int size() {
    return Initializer.size(shape);
  }
}
