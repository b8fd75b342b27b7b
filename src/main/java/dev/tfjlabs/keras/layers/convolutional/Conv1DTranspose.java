package dev.tfjlabs.keras.layers.convolutional;

import dev.tfjlabs.keras.config.Config;

/**
 * {@code keras.layers.Conv1DTranspose(filters, kernel_size, strides=1, padding="valid",
 * output_padding=None, data_format=None, dilation_rate=1, activation=None, use_bias=True)} on
 * sequences [steps, channels] (or [channels, steps]); kernel [k, filters, channels]. The
 * equations are {@link BaseConvTranspose}'s.
 */
public final class Conv1DTranspose extends BaseConvTranspose {
  private Conv1DTranspose(Builder<Conv1DTranspose> b) {
    super(b);
  }

  /** {@code Conv1DTranspose.builder(8, 3).strides(2).build()}. */
  public static Builder<Conv1DTranspose> builder(int filters, int kernelSize) {
    return new Builder<>(filters, new int[] {kernelSize}, Conv1DTranspose::new);
  }

  /** Keras's {@code Conv1DTranspose.from_config}. */
  public static Conv1DTranspose fromConfig(Config c) {
    return fromConfig(c, 1, k -> builder(c.positive("filters"), k[0]));
  }
}
