package dev.tfjlabs.keras.layers.convolutional;

import dev.tfjlabs.keras.config.Config;

/**
 * {@code keras.layers.Conv2DTranspose(filters, kernel_size, strides=(1, 1), padding="valid",
 * output_padding=None, data_format=None, dilation_rate=(1, 1), activation=None, use_bias=True)}
 * on images [height, width, channels] (or [channels, height, width]); kernel [kh, kw, filters,
 * channels]. The equations are {@link BaseConvTranspose}'s.
 */
public final class Conv2DTranspose extends BaseConvTranspose {
  private Conv2DTranspose(Builder<Conv2DTranspose> b) {
    super(b);
  }

  /** {@code Conv2DTranspose.builder(16, 3, 3).strides(2, 2).padding("same").build()}. */
  public static Builder<Conv2DTranspose> builder(int filters, int kernelHeight,
      int kernelWidth) {
    return new Builder<>(filters, new int[] {kernelHeight, kernelWidth}, Conv2DTranspose::new);
  }

  /** Keras's {@code Conv2DTranspose.from_config}. */
  public static Conv2DTranspose fromConfig(Config c) {
    return fromConfig(c, 2, k -> builder(c.positive("filters"), k[0], k[1]));
  }
}
