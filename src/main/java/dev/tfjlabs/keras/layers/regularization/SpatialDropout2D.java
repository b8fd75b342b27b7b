package dev.tfjlabs.keras.layers.regularization;

import dev.tfjlabs.keras.config.Config;

/** {@code keras.layers.SpatialDropout2D(rate)}: see {@link SpatialDropout}. */
public final class SpatialDropout2D extends SpatialDropout {

  public SpatialDropout2D(double rate, String name) {
    super(2, rate, name);
  }

  /** Keras's {@code SpatialDropout2D.from_config}: {@code rate}; the seed is the model's. */
  public static SpatialDropout2D fromConfig(Config c) {
    c.fixed("data_format", "channels_last");
    c.none("noise_shape");
    return new SpatialDropout2D(c.number("rate", null), c.name());
  }
}
