package dev.tfjlabs.keras.layers.regularization;

import dev.tfjlabs.keras.config.Config;

/** {@code keras.layers.SpatialDropout1D(rate)}: see {@link SpatialDropout}. */
public final class SpatialDropout1D extends SpatialDropout {

  public SpatialDropout1D(double rate, String name) {
    super(1, rate, name);
  }

  /** Keras's {@code SpatialDropout1D.from_config}: {@code rate}; the seed is the model's. */
  public static SpatialDropout1D fromConfig(Config c) {
    c.fixed("data_format", "channels_last");
    c.none("noise_shape");
    return new SpatialDropout1D(c.number("rate", null), c.name());
  }
}
