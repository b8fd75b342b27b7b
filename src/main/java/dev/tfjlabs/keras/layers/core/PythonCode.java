package dev.tfjlabs.keras.layers.core;

import dev.tfjlabs.keras.config.Config;
import dev.tfjlabs.keras.layers.Layer;

/**
 * Keras's {@code Lambda} and tf.keras 2's {@code TFOpLambda} and {@code SlicingOpLambda}: layers
 * that hold Python code (a serialised function or a TensorFlow op), which cannot run in Java. A
 * config naming one is refused in one line naming the layer.
 */
public final class PythonCode {
  private PythonCode() {}

  /** Refuses the layer of {@code c}. */
  public static Layer refuse(Config c) {
    throw new IllegalArgumentException(c.who() + " holds Python code, which cannot run in Java;"
        + " rebuild the model with Keras layers in its place (or compute that step outside the"
        + " model)");
  }
}
