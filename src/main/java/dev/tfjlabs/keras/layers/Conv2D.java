package dev.tfjlabs.keras.layers;

import dev.tfjlabs.keras.config.Config;
import dev.tfjlabs.keras.initializers.Initializer;
import dev.tfjlabs.keras.initializers.Initializers;
import dev.tfjlabs.keras.initializers.KerasInitializer;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * {@code keras.layers.Conv2D(filters, kernel_size, strides=(1, 1), padding="valid",
 * activation=None)} on channels-last images [height, width, channels]:
 * {@code y = activation(conv(x, K) + b)} with {@code K} [kh, kw, channels, filters]
 * (glorot-uniform) and {@code b} [filters] (zeros). Output size per spatial axis: with
 * {@code "valid"} padding {@code floor((n - k) / s) + 1}, with {@code "same"} {@code ceil(n / s)}.
 * Dilation, groups and regularizers keep Keras's defaults (1, 1, none).
 */
public final class Conv2D extends Layer {
  private final int filters;
  private final int[] kernelSize;
  private final int[] strides;
  private final Activation activation;
  private final String padding;
  private final Initializer kernelInitializer;
  private final Initializer biasInitializer;
  private final boolean useBias;
  private Weight kernel;
  private Weight bias;

  public Conv2D(int filters, int kernelSize, Activation activation, String padding) {
    this(filters, kernelSize, activation, padding, null);
  }

  public Conv2D(int filters, int kernelSize, Activation activation, String padding, String name) {
    this(builder(filters, kernelSize, kernelSize).activation(activation).padding(padding)
        .name(name));
  }

  /**
   * {@code Conv2D.builder(32, 3, 3).strides(2, 2).padding("same").activation(RELU)}: every
   * setting by its Keras name, each defaulting to Keras's.
   */
  public static Builder builder(int filters, int kernelHeight, int kernelWidth) {
    return new Builder(filters, new int[] {kernelHeight, kernelWidth});
  }

  /** Builds a {@link Conv2D}; unset settings are Keras's defaults. */
  public static final class Builder {
    private final int filters;
    private final int[] kernelSize;
    private int[] strides = {1, 1};
    private Activation activation = Activation.LINEAR;
    private String padding = "valid";
    private Initializer kernelInitializer = Initializers.glorotUniform();
    private Initializer biasInitializer = Initializers.zeros();
    private boolean useBias = true;
    private String name;

    private Builder(int filters, int[] kernelSize) {
      this.filters = filters;
      this.kernelSize = kernelSize;
    }

    /** Default (1, 1). */
    public Builder strides(int height, int width) {
      strides = new int[] {height, width};
      return this;
    }

    /** Default: none (linear). */
    public Builder activation(Activation value) {
      activation = value;
      return this;
    }

    /** {@code "valid"} (the default) or {@code "same"}. */
    public Builder padding(String value) {
      padding = value;
      return this;
    }

    /** Default: glorot-uniform. */
    public Builder kernelInitializer(Initializer value) {
      kernelInitializer = value;
      return this;
    }

    /** Default: zeros. */
    public Builder biasInitializer(Initializer value) {
      biasInitializer = value;
      return this;
    }

    /** Keras's {@code use_bias} (default true). */
    public Builder useBias(boolean value) {
      useBias = value;
      return this;
    }

    /** Default: Keras's {@code conv2d}, {@code conv2d_1}, ... given by the model. */
    public Builder name(String value) {
      name = value;
      return this;
    }

    public Conv2D build() {
      return new Conv2D(this);
    }
  }

  private Conv2D(Builder b) {
    this(b.filters, b.kernelSize, b.strides, b.activation, b.padding, b.kernelInitializer,
        b.biasInitializer, b.useBias, b.name);
  }

  private Conv2D(int filters, int[] kernelSize, int[] strides, Activation activation,
      String padding, Initializer kernelInitializer, Initializer biasInitializer,
      boolean useBias, String name) {
    super(name);
    this.useBias = useBias;
    if (filters <= 0 || kernelSize.length != 2 || kernelSize[0] <= 0 || kernelSize[1] <= 0) {
      throw new IllegalArgumentException("Conv2D needs positive filters and a kernel size of two"
          + " positive numbers");
    }
    if (strides.length != 2 || strides[0] <= 0 || strides[1] <= 0) {
      throw new IllegalArgumentException("Conv2D strides must be two positive numbers");
    }
    this.filters = filters;
    this.kernelSize = kernelSize.clone();
    this.strides = strides.clone();
    this.activation = activation;
    this.padding = Pooling.padding(padding);
    this.kernelInitializer = kernelInitializer;
    this.biasInitializer = biasInitializer;
  }

  /** Keras's {@code Conv2D.from_config}: the arguments {@link #addConfig} writes. */
  public static Conv2D fromConfig(Config c) {
    c.fixed("data_format", "channels_last");
    c.fixed("groups", 1);
    int[] dilation = c.tuple("dilation_rate", 2, new int[] {1, 1});
    if (dilation[0] != 1 || dilation[1] != 1) {
      throw c.unsupported("dilation_rate", c.get("dilation_rate"));
    }
    c.none("kernel_regularizer", "bias_regularizer", "activity_regularizer",
        "kernel_constraint", "bias_constraint");
    int[] kernel = c.tuple("kernel_size", 2, null);
    int[] strides = c.tuple("strides", 2, new int[] {1, 1});
    return builder(c.positive("filters"), kernel[0], kernel[1]).strides(strides[0], strides[1])
        .activation(activation(c, "activation")).padding(c.text("padding", "valid"))
        .kernelInitializer(initializer(c, "kernel_initializer", Initializers.glorotUniform()))
        .biasInitializer(initializer(c, "bias_initializer", Initializers.zeros()))
        .useBias(c.bool("use_bias", true)).name(c.name()).build();
  }

  /** {kh, kw}. */
  public int[] kernelSize() {
    return kernelSize.clone();
  }

  @Override
  protected int[] doBuild(int[] in) {
    if (in.length != 3) {
      throw badShape("Conv2D", "(height, width, channels)", in);
    }
    kernel = addWeight("kernel", new int[] {kernelSize[0], kernelSize[1], in[2], filters},
        kernelInitializer);
    if (useBias) {
      bias = addWeight("bias", new int[] {filters}, biasInitializer);
    }
    return new int[] {Pooling.outputSize(in[0], kernelSize[0], strides[0], padding),
        Pooling.outputSize(in[1], kernelSize[1], strides[1], padding), filters};
  }

  @Override
  public Operand<TFloat32> call(Operand<TFloat32> x, CallContext ctx) {
    Ops tf = ctx.tf();
    Operand<TFloat32> conv = tf.nn.conv2d(x, ctx.get(kernel),
        List.of(1L, (long) strides[0], (long) strides[1], 1L), padding.toUpperCase());
    return activation.apply(tf, bias == null ? conv : tf.nn.biasAdd(conv, ctx.get(bias)));
  }

  @Override
  public List<Activation> activations() {
    return List.of(activation);
  }

  @Override
  protected void addConfig(Map<String, Object> c) {
    c.put("filters", filters);
    c.put("kernel_size", List.of(kernelSize[0], kernelSize[1]));
    c.put("strides", List.of(strides[0], strides[1]));
    c.put("padding", padding);
    c.put("data_format", "channels_last");
    c.put("dilation_rate", List.of(1, 1));
    c.put("groups", 1);
    c.put("activation", activation.kerasName());
    c.put("use_bias", useBias);
    c.put("kernel_initializer", KerasInitializer.serialize(kernelInitializer));
    c.put("bias_initializer", KerasInitializer.serialize(biasInitializer));
    c.put("kernel_regularizer", null);
    c.put("bias_regularizer", null);
    c.put("activity_regularizer", null);
    c.put("kernel_constraint", null);
    c.put("bias_constraint", null);
  }
}
