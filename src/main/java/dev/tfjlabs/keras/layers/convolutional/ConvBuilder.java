package dev.tfjlabs.keras.layers.convolutional;

import dev.tfjlabs.keras.initializers.Initializer;
import dev.tfjlabs.keras.initializers.Initializers;
import dev.tfjlabs.keras.layers.Activation;
import java.util.Arrays;

/**
 * The settings every convolution family shares, by their Keras names and with Keras's defaults:
 * {@code strides} 1, {@code padding} "valid", {@code dilation_rate} 1, {@code data_format}
 * "channels_last", no activation, {@code use_bias} true with zeros, and the layer's name.
 *
 * @param <B> the family's builder
 */
public abstract class ConvBuilder<B extends ConvBuilder<B>> {
  final int rank;
  final int[] kernel;
  int[] strides;
  int[] dilation;
  String padding = "valid";
  String dataFormat = "channels_last";
  Activation activation = Activation.LINEAR;
  boolean useBias = true;
  Initializer biasInitializer = Initializers.zeros();
  String name;

  ConvBuilder(int[] kernel) {
    this.rank = kernel.length;
    this.kernel = kernel.clone();
    strides = ones(rank);
    dilation = ones(rank);
  }

  private static int[] ones(int n) {
    int[] v = new int[n];
    Arrays.fill(v, 1);
    return v;
  }

  abstract B self();

  /** One step per spatial axis (default 1). */
  public B strides(int... value) {
    strides = value.clone();
    return self();
  }

  /** {@code "valid"} (the default) or {@code "same"}. */
  public B padding(String value) {
    padding = value;
    return self();
  }

  /** Keras's {@code dilation_rate}, one per spatial axis (default 1). */
  public B dilationRate(int... value) {
    dilation = value.clone();
    return self();
  }

  /** {@code "channels_last"} (the default) or {@code "channels_first"}. */
  public B dataFormat(String value) {
    dataFormat = value;
    return self();
  }

  /** Default: none (linear). */
  public B activation(Activation value) {
    activation = value;
    return self();
  }

  /** Keras's {@code use_bias} (default true). */
  public B useBias(boolean value) {
    useBias = value;
    return self();
  }

  /** Default: zeros. */
  public B biasInitializer(Initializer value) {
    biasInitializer = value;
    return self();
  }

  /** Default: Keras's snake-case class name, numbered by the model. */
  public B name(String value) {
    name = value;
    return self();
  }

  ConvGeometry geometry() {
    return new ConvGeometry(rank, kernel, strides, padding, dilation, dataFormat);
  }
}
