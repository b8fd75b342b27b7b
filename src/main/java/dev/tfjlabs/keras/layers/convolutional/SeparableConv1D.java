package dev.tfjlabs.keras.layers.convolutional;

import dev.tfjlabs.keras.config.Config;

/**
 * {@code keras.layers.SeparableConv1D(filters, kernel_size, strides=1, padding="valid",
 * data_format=None, dilation_rate=1, depth_multiplier=1, activation=None, use_bias=True)}:
 * depthwise kernel [k, channels, m], pointwise kernel [1, channels m, filters]. The equations
 * are {@link BaseSeparableConv}'s.
 */
public final class SeparableConv1D extends BaseSeparableConv {
  private SeparableConv1D(Builder<SeparableConv1D> b) {
    super(b);
  }

  /** {@code SeparableConv1D.builder(16, 3).build()}. */
  public static Builder<SeparableConv1D> builder(int filters, int kernelSize) {
    return new Builder<>(filters, new int[] {kernelSize}, SeparableConv1D::new);
  }

  /** Keras's {@code SeparableConv1D.from_config}. */
  public static SeparableConv1D fromConfig(Config c) {
    return fromConfig(c, 1, k -> builder(c.positive("filters"), k[0]));
  }
}
