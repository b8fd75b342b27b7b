package dev.tfjlabs.keras.layers.pooling;

import dev.tfjlabs.keras.config.Config;

/** {@code keras.layers.GlobalAveragePooling2D(data_format="channels_last", keepdims=False)}: the mean over the pixels of each channel. */
public final class GlobalAveragePooling2D extends GlobalPooling {

  public GlobalAveragePooling2D(String name) {
    this(false, false, name);
  }

  public GlobalAveragePooling2D(boolean channelsFirst, boolean keepdims, String name) {
    super(2, true, channelsFirst, keepdims, name);
  }

  /** Keras's {@code GlobalAveragePooling2D.from_config}. */
  public static GlobalAveragePooling2D fromConfig(Config c) {
    return new GlobalAveragePooling2D(channelsFirst(c), c.bool("keepdims", false), c.name());
  }
}
