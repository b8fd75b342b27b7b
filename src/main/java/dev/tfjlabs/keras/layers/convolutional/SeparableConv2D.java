package dev.tfjlabs.keras.layers.convolutional;

import dev.tfjlabs.keras.config.Config;

/**
 * {@code keras.layers.SeparableConv2D(filters, kernel_size, strides=(1, 1), padding="valid",
 * data_format=None, dilation_rate=(1, 1), depth_multiplier=1, activation=None, use_bias=True)}:
 * depthwise kernel [kh, kw, channels, m], pointwise kernel [1, 1, channels m, filters]. The
 * equations are {@link BaseSeparableConv}'s.
 */
public final class SeparableConv2D extends BaseSeparableConv {
  private SeparableConv2D(Builder<SeparableConv2D> b) {
    super(b);
  }

  /** {@code SeparableConv2D.builder(32, 3, 3).padding("same").build()}. */
  public static Builder<SeparableConv2D> builder(int filters, int kernelHeight,
      int kernelWidth) {
    return new Builder<>(filters, new int[] {kernelHeight, kernelWidth}, SeparableConv2D::new);
  }

  /** Keras's {@code SeparableConv2D.from_config}. */
  public static SeparableConv2D fromConfig(Config c) {
    return fromConfig(c, 2, k -> builder(c.positive("filters"), k[0], k[1]));
  }
}
