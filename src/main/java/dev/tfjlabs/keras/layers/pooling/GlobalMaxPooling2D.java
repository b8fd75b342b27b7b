package dev.tfjlabs.keras.layers.pooling;

import dev.tfjlabs.keras.config.Config;

/** {@code keras.layers.GlobalMaxPooling2D(data_format="channels_last", keepdims=False)}: the maximum over the pixels of each channel. */
public final class GlobalMaxPooling2D extends GlobalPooling {

  public GlobalMaxPooling2D(String name) {
    this(false, false, name);
  }

  public GlobalMaxPooling2D(boolean channelsFirst, boolean keepdims, String name) {
    super(2, false, channelsFirst, keepdims, name);
  }

  /** Keras's {@code GlobalMaxPooling2D.from_config}. */
  public static GlobalMaxPooling2D fromConfig(Config c) {
    return new GlobalMaxPooling2D(channelsFirst(c), c.bool("keepdims", false), c.name());
  }
}
