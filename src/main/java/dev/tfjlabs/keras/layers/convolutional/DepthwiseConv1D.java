package dev.tfjlabs.keras.layers.convolutional;

import dev.tfjlabs.keras.config.Config;

/**
 * {@code keras.layers.DepthwiseConv1D(kernel_size, strides=1, padding="valid",
 * depth_multiplier=1, data_format=None, dilation_rate=1, activation=None, use_bias=True)} on
 * sequences; kernel [k, channels, depth_multiplier]. The equations are
 * {@link BaseDepthwiseConv}'s.
 */
public final class DepthwiseConv1D extends BaseDepthwiseConv {
  private DepthwiseConv1D(Builder<DepthwiseConv1D> b) {
    super(b);
  }

  /** {@code DepthwiseConv1D.builder(3).depthMultiplier(2).build()}. */
  public static Builder<DepthwiseConv1D> builder(int kernelSize) {
    return new Builder<>(new int[] {kernelSize}, DepthwiseConv1D::new);
  }

  /** Keras's {@code DepthwiseConv1D.from_config}. */
  public static DepthwiseConv1D fromConfig(Config c) {
    return fromConfig(c, 1, k -> builder(k[0]));
  }
}
