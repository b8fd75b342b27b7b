package dev.tfjlabs.keras.layers.pooling;

import dev.tfjlabs.keras.config.Config;

/**
 * {@code keras.layers.GlobalAveragePooling3D(data_format="channels_last", keepdims=False)}: the mean over
 * the voxels of each channel.
 */
public final class GlobalAveragePooling3D extends GlobalPooling {

  public GlobalAveragePooling3D(boolean channelsFirst, boolean keepdims, String name) {
    super(3, true, channelsFirst, keepdims, name);
  }

  /** Keras's {@code GlobalAveragePooling3D.from_config}. */
  public static GlobalAveragePooling3D fromConfig(Config c) {
    return new GlobalAveragePooling3D(channelsFirst(c), c.bool("keepdims", false), c.name());
  }
}
