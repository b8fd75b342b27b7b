package dev.tfjlabs.keras.layers.regularization;

import dev.tfjlabs.keras.config.Config;

/** {@code keras.layers.SpatialDropout3D(rate)}: see {@link SpatialDropout}. */
public final class SpatialDropout3D extends SpatialDropout {

  public SpatialDropout3D(double rate, String name) {
    super(3, rate, name);
  }

  /** Keras's {@code SpatialDropout3D.from_config}: {@code rate}; the seed is the model's. */
  public static SpatialDropout3D fromConfig(Config c) {
    c.fixed("data_format", "channels_last");
    c.none("noise_shape");
    return new SpatialDropout3D(c.number("rate", null), c.name());
  }
}
