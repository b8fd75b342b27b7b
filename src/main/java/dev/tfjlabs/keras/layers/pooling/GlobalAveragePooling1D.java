package dev.tfjlabs.keras.layers.pooling;

import dev.tfjlabs.keras.config.Config;

/** {@code keras.layers.GlobalAveragePooling1D(data_format="channels_last", keepdims=False)}: the mean over the steps of each channel. */
public final class GlobalAveragePooling1D extends GlobalPooling {

  public GlobalAveragePooling1D(String name) {
    this(false, false, name);
  }

  public GlobalAveragePooling1D(boolean channelsFirst, boolean keepdims, String name) {
    super(1, true, channelsFirst, keepdims, name);
  }

  /** Keras's {@code GlobalAveragePooling1D.from_config}. */
  public static GlobalAveragePooling1D fromConfig(Config c) {
    return new GlobalAveragePooling1D(channelsFirst(c), c.bool("keepdims", false), c.name());
  }
}
