package dev.tfjlabs.keras.layers.pooling;

import dev.tfjlabs.keras.config.Config;

/**
 * {@code keras.layers.GlobalMaxPooling3D(data_format="channels_last", keepdims=False)}: the maximum over
 * the voxels of each channel.
 */
public final class GlobalMaxPooling3D extends GlobalPooling {

  public GlobalMaxPooling3D(boolean channelsFirst, boolean keepdims, String name) {
    super(3, false, channelsFirst, keepdims, name);
  }

  /** Keras's {@code GlobalMaxPooling3D.from_config}. */
  public static GlobalMaxPooling3D fromConfig(Config c) {
    return new GlobalMaxPooling3D(channelsFirst(c), c.bool("keepdims", false), c.name());
  }
}
