package dev.tfjlabs.keras.layers.pooling;

import dev.tfjlabs.keras.config.Config;

/** {@code keras.layers.MaxPooling1D}: the maximum of each window of steps (default pool 2, strides the pool size, padding valid). */
public final class MaxPooling1D extends WindowPooling {

  /** @param strides null: the pool size */
  public MaxPooling1D(int[] poolSize, int[] strides, String padding, String name) {
    super(1, poolSize, strides, padding, name);
  }

  /** Keras's {@code MaxPooling1D.from_config}. */
  public static MaxPooling1D fromConfig(Config c) {
    int[][] w = readWindow(c, 1);
    return new MaxPooling1D(w[0], w[1], c.text("padding", "valid"), c.name());
  }

  @Override
  protected String op() {
    return "MaxPool";
  }
}
