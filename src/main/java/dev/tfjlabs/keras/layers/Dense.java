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
 * {@code keras.layers.Dense}: {@code y = activation(x W + b)} on the last axis, with
 * {@code W} [inputDim, units] and {@code b} [units]. Defaults: no activation, glorot-uniform
 * kernel, zero bias. PyTorch's {@code nn.Linear} with {@code xavier_uniform_} is the same
 * kernel distribution.
 */
public final class Dense extends Layer {
  private final int units;
  private final Activation activation;
  private final Initializer kernelInitializer;
  private final Initializer biasInitializer;
  private final boolean useBias;
  private Weight kernel;
  private Weight bias;

  public Dense(int units) {
    this(units, Activation.LINEAR);
  }

  public Dense(int units, Activation activation) {
    this(units, activation, Initializers.glorotUniform(), Initializers.zeros(), true, null);
  }

  /**
   * {@code Dense.builder(10).activation(Activation.SOFTMAX).biasInitializer(...)}: every
   * setting by its Keras name, each defaulting to Keras's.
   */
  public static Builder builder(int units) {
    return new Builder(units);
  }

  /** Builds a {@link Dense}; unset settings are Keras's defaults. */
  public static final class Builder {
    private final int units;
    private Activation activation = Activation.LINEAR;
    private Initializer kernelInitializer = Initializers.glorotUniform();
    private Initializer biasInitializer = Initializers.zeros();
    private boolean useBias = true;
    private String name;

    private Builder(int units) {
      this.units = units;
    }

    /** Default: none (linear). */
    public Builder activation(Activation value) {
      activation = value;
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

    /** Keras's {@code use_bias} (default true); false: {@code y = activation(x W)}. */
    public Builder useBias(boolean value) {
      useBias = value;
      return this;
    }

    /** Default: Keras's {@code dense}, {@code dense_1}, ... given by the model. */
    public Builder name(String value) {
      name = value;
      return this;
    }

    public Dense build() {
      return new Dense(units, activation, kernelInitializer, biasInitializer, useBias, name);
    }
  }

  private Dense(int units, Activation activation, Initializer kernelInitializer,
      Initializer biasInitializer, boolean useBias, String name) {
    super(name);
    this.useBias = useBias;
    if (units <= 0) {
      throw new IllegalArgumentException("Dense units must be positive, got " + units);
    }
    this.units = units;
    this.activation = activation;
    this.kernelInitializer = kernelInitializer;
    this.biasInitializer = biasInitializer;
  }

  /** Keras's {@code Dense.from_config}: the arguments {@link #addConfig} writes. */
  public static Dense fromConfig(Config c) {
    return withRegularizers(c, builder(c.positive("units"))
        .activation(activation(c, "activation"))
        .kernelInitializer(initializer(c, "kernel_initializer", Initializers.glorotUniform()))
        .biasInitializer(initializer(c, "bias_initializer", Initializers.zeros()))
        .useBias(c.bool("use_bias", true)).name(c.name()).build());
  }

  public int units() {
    return units;
  }

  public Activation activation() {
    return activation;
  }

  @Override
  protected int[] doBuild(int[] in) {
    if (in.length == 0 || in[in.length - 1] <= 0) {
      throw badShape("Dense", "(..., features)", in);
    }
    kernel = addWeight("kernel", new int[] {in[in.length - 1], units}, kernelInitializer);
    if (useBias) {
      bias = addWeight("bias", new int[] {units}, biasInitializer);
    }
    int[] out = in.clone();
    out[out.length - 1] = units;
    return out;
  }

  @Override
  public Operand<TFloat32> call(Operand<TFloat32> x, CallContext ctx) {
    Ops tf = ctx.tf();
    int[] in = inputShape();
    Operand<TFloat32> y;
    if (in.length == 1) {
      y = withBias(tf, tf.linalg.matMul(x, ctx.get(kernel)), ctx);
    } else {
      int features = in[in.length - 1];
      Operand<TFloat32> flat = tf.reshape(x, tf.constant(new int[] {-1, features}));
      Operand<TFloat32> z = withBias(tf, tf.linalg.matMul(flat, ctx.get(kernel)), ctx);
      int[] outShape = new int[in.length + 1];
      outShape[0] = -1;
      System.arraycopy(outputShape(), 0, outShape, 1, in.length);
      y = tf.reshape(z, tf.constant(outShape));
    }
    return activation.apply(tf, y);
  }

  private Operand<TFloat32> withBias(Ops tf, Operand<TFloat32> z, CallContext ctx) {
    return bias == null ? z : tf.nn.biasAdd(z, ctx.get(bias));
  }

  @Override
  public List<Activation> activations() {
    return List.of(activation);
  }

  /** Keras's {@code supports_masking}: it passes its input's mask on, as Keras's does. */
  @Override
  public boolean supportsMasking() {
    return true;
  }

  @Override
  protected void addConfig(Map<String, Object> c) {
    c.put("units", units);
    c.put("activation", activation.kerasName());
    c.put("use_bias", useBias);
    c.put("kernel_initializer", KerasInitializer.serialize(kernelInitializer));
    c.put("bias_initializer", KerasInitializer.serialize(biasInitializer));
    c.put("kernel_regularizer", regularizerConfig("kernel"));
    c.put("bias_regularizer", regularizerConfig("bias"));
    c.put("kernel_constraint", constraintConfig("kernel"));
    c.put("bias_constraint", constraintConfig("bias"));
    if (activityRegularizer() != null) {
      // Keras 3's Layer.get_config adds it only when set; Dense's own config has none
      c.put("activity_regularizer", activityRegularizerConfig());
    }
  }
}
