package dev.tfjlabs.keras.layers.pooling;

import dev.tfjlabs.keras.config.Config;

/** {@code keras.layers.AveragePooling1D}: the mean of each window of steps (default pool 2, strides the pool size, padding valid; at the borders of same padding, the mean of the cells inside). */
public final class AveragePooling1D extends WindowPooling {

  /** @param strides null: the pool size */
  public AveragePooling1D(int[] poolSize, int[] strides, String padding, String name) {
    super(1, poolSize, strides, padding, name);
  }

  /** Keras's {@code AveragePooling1D.from_config}. */
  public static AveragePooling1D fromConfig(Config c) {
    int[][] w = readWindow(c, 1);
    return new AveragePooling1D(w[0], w[1], c.text("padding", "valid"), c.name());
  }

  @Override
  protected String op() {
    return "AvgPool";
  }
}
