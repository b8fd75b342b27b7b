package dev.tfjlabs.keras.layers.pooling;

import dev.tfjlabs.keras.config.Config;

/**
 * {@code keras.layers.AveragePooling3D} on volumes [depth, height, width, channels]: the mean of each window (at the borders of same padding, of the cells inside);
 * default pool (2, 2, 2), strides the pool size, padding valid.
 */
public final class AveragePooling3D extends WindowPooling {

  /** @param strides null: the pool size */
  public AveragePooling3D(int[] poolSize, int[] strides, String padding, String name) {
    super(3, poolSize, strides, padding, name);
  }

  /** Keras's {@code AveragePooling3D.from_config}. */
  public static AveragePooling3D fromConfig(Config c) {
    int[][] w = readWindow(c, 3);
    return new AveragePooling3D(w[0], w[1], c.text("padding", "valid"), c.name());
  }

  @Override
  protected String op() {
    return "AvgPool3D";
  }
}
