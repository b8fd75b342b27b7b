package dev.tfjlabs.keras.layers.pooling;

import dev.tfjlabs.keras.config.Config;

/** {@code keras.layers.AveragePooling2D}: the mean of each window (default pool (2, 2), strides the pool size, padding valid; at the borders of same padding, the mean of the cells inside). */
public final class AveragePooling2D extends WindowPooling {

  /** @param strides null: the pool size */
  public AveragePooling2D(int[] poolSize, int[] strides, String padding, String name) {
    super(2, poolSize, strides, padding, name);
  }

  /** Keras's {@code AveragePooling2D.from_config}. */
  public static AveragePooling2D fromConfig(Config c) {
    int[][] w = readWindow(c, 2);
    return new AveragePooling2D(w[0], w[1], c.text("padding", "valid"), c.name());
  }

  @Override
  protected String op() {
    return "AvgPool";
  }
}
