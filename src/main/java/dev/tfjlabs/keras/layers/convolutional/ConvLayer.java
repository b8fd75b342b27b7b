package dev.tfjlabs.keras.layers.convolutional;

import dev.tfjlabs.keras.config.Config;
import dev.tfjlabs.keras.initializers.Initializer;
import dev.tfjlabs.keras.initializers.Initializers;
import dev.tfjlabs.keras.initializers.KerasInitializer;
import dev.tfjlabs.keras.layers.Activation;
import dev.tfjlabs.keras.layers.CallContext;
import dev.tfjlabs.keras.layers.Layer;
import dev.tfjlabs.keras.layers.Weight;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * What the convolution families share: the window ({@link ConvGeometry}), the optional bias
 * added per output channel and the activation, {@code y = activation(conv(x) + b)}.
 */
abstract class ConvLayer extends Layer {
  final ConvGeometry geometry;
  final Activation activation;
  final boolean useBias;
  final Initializer biasInitializer;
  Weight bias;

  ConvLayer(ConvBuilder<?> b) {
    super(b.name);
    this.geometry = b.geometry();
    this.activation = b.activation;
    this.useBias = b.useBias;
    this.biasInitializer = b.biasInitializer;
  }

  /**
   * Reads the shared settings of a config into a builder; Keras 2 writes {@code groups} 1 for
   * these families too.
   */
  static <B extends ConvBuilder<B>> B common(Config c, B b) {
    c.fixed("groups", 1);
    int[] ones = new int[b.rank];
    java.util.Arrays.fill(ones, 1);
    return b.strides(c.tuple("strides", b.rank, ones)).padding(c.text("padding", "valid"))
        .dilationRate(c.tuple("dilation_rate", b.rank, ones))
        .dataFormat(c.text("data_format", "channels_last"))
        .activation(activation(c, "activation")).useBias(c.bool("use_bias", true))
        .biasInitializer(initializer(c, "bias_initializer", Initializers.zeros()))
        .name(c.name());
  }

  /** A config's initializer (Keras's glorot-uniform when absent). */
  static Initializer kernelInitializer(Config c, String key) {
    return initializer(c, key, Initializers.glorotUniform());
  }

  /** Adds the bias of {@code channels} when {@code use_bias} holds. */
  final void buildBias(int channels) {
    if (useBias) {
      bias = addWeight("bias", new int[] {channels}, biasInitializer);
    }
  }

  /** The image result plus the bias, through the activation, back in the input's layout. */
  final Operand<TFloat32> finish(Ops tf, Operand<TFloat32> image, CallContext ctx) {
    Operand<TFloat32> y = bias == null ? image : tf.nn.biasAdd(image, ctx.get(bias));
    return geometry.fromImage(tf, activation.apply(tf, y));
  }

  /** Writes the window, the activation and the bias settings. */
  final void addCommonConfig(Map<String, Object> c) {
    geometry.addConfig(c);
    c.put("activation", activation.kerasName());
    c.put("use_bias", useBias);
    c.put("bias_initializer", KerasInitializer.serialize(biasInitializer));
    c.put("bias_regularizer", regularizerConfig("bias"));
    c.put("activity_regularizer", activityRegularizerConfig());
    c.put("bias_constraint", constraintConfig("bias"));
  }

  @Override
  public List<Activation> activations() {
    return List.of(activation);
  }
}
