package dev.tfjlabs.keras.layers.pooling;

import dev.tfjlabs.keras.config.Config;

/** {@code keras.layers.GlobalMaxPooling1D(data_format="channels_last", keepdims=False)}: the maximum over the steps of each channel. */
public final class GlobalMaxPooling1D extends GlobalPooling {

  public GlobalMaxPooling1D(String name) {
    this(false, false, name);
  }

  public GlobalMaxPooling1D(boolean channelsFirst, boolean keepdims, String name) {
    super(1, false, channelsFirst, keepdims, name);
  }

  /** Keras's {@code GlobalMaxPooling1D.from_config}. */
  public static GlobalMaxPooling1D fromConfig(Config c) {
    return new GlobalMaxPooling1D(channelsFirst(c), c.bool("keepdims", false), c.name());
  }
}
