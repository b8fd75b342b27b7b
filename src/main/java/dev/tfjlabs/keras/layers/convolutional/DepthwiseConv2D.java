package dev.tfjlabs.keras.layers.convolutional;

import dev.tfjlabs.keras.config.Config;

/**
 * {@code keras.layers.DepthwiseConv2D(kernel_size, strides=(1, 1), padding="valid",
 * depth_multiplier=1, data_format=None, dilation_rate=(1, 1), activation=None, use_bias=True)}
 * on images; kernel [kh, kw, channels, depth_multiplier]. The equations are
 * {@link BaseDepthwiseConv}'s.
 */
public final class DepthwiseConv2D extends BaseDepthwiseConv {
  private DepthwiseConv2D(Builder<DepthwiseConv2D> b) {
    super(b);
  }

  /** {@code DepthwiseConv2D.builder(3, 3).depthMultiplier(2).padding("same").build()}. */
  public static Builder<DepthwiseConv2D> builder(int kernelHeight, int kernelWidth) {
    return new Builder<>(new int[] {kernelHeight, kernelWidth}, DepthwiseConv2D::new);
  }

  /** Keras's {@code DepthwiseConv2D.from_config}. */
  public static DepthwiseConv2D fromConfig(Config c) {
    return fromConfig(c, 2, k -> builder(k[0], k[1]));
  }
}
