package dev.tfjlabs.keras.layers.pooling;

import dev.tfjlabs.keras.config.Config;

/**
 * {@code keras.layers.MaxPooling3D} on volumes [depth, height, width, channels]: the maximum of each window;
 * default pool (2, 2, 2), strides the pool size, padding valid.
 */
public final class MaxPooling3D extends WindowPooling {

  /** @param strides null: the pool size */
  public MaxPooling3D(int[] poolSize, int[] strides, String padding, String name) {
    super(3, poolSize, strides, padding, name);
  }

  /** Keras's {@code MaxPooling3D.from_config}. */
  public static MaxPooling3D fromConfig(Config c) {
    int[][] w = readWindow(c, 3);
    return new MaxPooling3D(w[0], w[1], c.text("padding", "valid"), c.name());
  }

  @Override
  protected String op() {
    return "MaxPool3D";
  }
}
