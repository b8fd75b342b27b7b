package dev.tfjlabs.keras.layers;

import dev.tfjlabs.keras.config.Config;
import dev.tfjlabs.keras.initializers.Initializer;
import dev.tfjlabs.keras.initializers.Initializers;
import dev.tfjlabs.keras.initializers.KerasInitializer;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.StridedSlice;
import org.tensorflow.types.TFloat32;

/**
 * {@code keras.layers.Conv1D(filters, kernel_size, strides=1, padding="valid",
 * data_format="channels_last", dilation_rate=1, activation=None, use_bias=True)} on sequences
 * [steps, channels] ({@code channels_first}: [channels, steps]), with {@code K} [k, channels,
 * filters] (glorot-uniform) and {@code b} [filters] (zeros):
 *
 * <pre>
 *   y[t, f] = activation(b[f] + sum_{j < k} sum_c x[t s + j d, c] K[j, c, f])
 * </pre>
 *
 * on the input padded as {@code padding} says: {@code "valid"} not at all (output
 * {@code floor((n - (k - 1) d - 1) / s) + 1} steps), {@code "same"} by
 * {@code max((ceil(n / s) - 1) s + (k - 1) d + 1 - n, 0)} zeros, the smaller half before
 * (output {@code ceil(n / s)}), {@code "causal"} by {@code (k - 1) d} zeros before, so that step t
 * sees no later input (output {@code ceil(n / s)}). Computed as one product per kernel tap, so
 * every stride and dilation combination works, as in Keras.
 */
public final class Conv1D extends Layer {
  private final int filters;
  private final int kernelSize;
  private final int stride;
  private final int dilation;
  private final String padding;
  private final boolean channelsFirst;
  private final Activation activation;
  private final boolean useBias;
  private final Initializer kernelInitializer;
  private final Initializer biasInitializer;
  private Weight kernel;
  private Weight bias;
  private int steps;
  private int outSteps;
  private int padBefore;
  private int padAfter;

  /** {@code Conv1D.builder(64, 3).strides(2).padding("causal")}: Keras's names and defaults. */
  public static Builder builder(int filters, int kernelSize) {
    return new Builder(filters, kernelSize);
  }

  /** Builds a {@link Conv1D}; unset settings are Keras's defaults. */
  public static final class Builder {
    private final int filters;
    private final int kernelSize;
    private int stride = 1;
    private int dilation = 1;
    private String padding = "valid";
    private boolean channelsFirst;
    private Activation activation = Activation.LINEAR;
    private boolean useBias = true;
    private Initializer kernelInitializer = Initializers.glorotUniform();
    private Initializer biasInitializer = Initializers.zeros();
    private String name;

    private Builder(int filters, int kernelSize) {
      this.filters = filters;
      this.kernelSize = kernelSize;
    }

    /** Default 1. */
    public Builder strides(int value) {
      stride = value;
      return this;
    }

    /** Default 1. */
    public Builder dilationRate(int value) {
      dilation = value;
      return this;
    }

    /** {@code "valid"} (the default), {@code "same"} or {@code "causal"}. */
    public Builder padding(String value) {
      padding = value;
      return this;
    }

    /** {@code "channels_last"} (the default) or {@code "channels_first"}. */
    public Builder dataFormat(String value) {
      if (!value.equals("channels_last") && !value.equals("channels_first")) {
        throw new IllegalArgumentException("data_format must be 'channels_last' or"
            + " 'channels_first', got '" + value + "'");
      }
      channelsFirst = value.equals("channels_first");
      return this;
    }

    /** Default: none (linear). */
    public Builder activation(Activation value) {
      activation = value;
      return this;
    }

    /** Default true. */
    public Builder useBias(boolean value) {
      useBias = value;
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

    public Builder name(String value) {
      name = value;
      return this;
    }

    public Conv1D build() {
      return new Conv1D(this);
    }
  }

  private Conv1D(Builder b) {
    super(b.name);
    if (b.filters <= 0 || b.kernelSize <= 0 || b.stride <= 0 || b.dilation <= 0) {
      throw new IllegalArgumentException("Conv1D needs positive filters, kernel size, strides"
          + " and dilation rate");
    }
    String p = b.padding == null ? "" : b.padding.toLowerCase();
    if (!p.equals("valid") && !p.equals("same") && !p.equals("causal")) {
      throw new IllegalArgumentException("Conv1D padding must be 'valid', 'same' or 'causal',"
          + " got '" + b.padding + "'");
    }
    this.filters = b.filters;
    this.kernelSize = b.kernelSize;
    this.stride = b.stride;
    this.dilation = b.dilation;
    this.padding = p;
    this.channelsFirst = b.channelsFirst;
    this.activation = b.activation;
    this.useBias = b.useBias;
    this.kernelInitializer = b.kernelInitializer;
    this.biasInitializer = b.biasInitializer;
  }

  /** Keras's {@code Conv1D.from_config}: the arguments {@link #addConfig} writes. */
  public static Conv1D fromConfig(Config c) {
    c.fixed("groups", 1);
    Builder b = builder(c.positive("filters"), c.tuple("kernel_size", 1, null)[0])
        .strides(c.tuple("strides", 1, new int[] {1})[0])
        .dilationRate(c.tuple("dilation_rate", 1, new int[] {1})[0])
        .padding(c.text("padding", "valid"))
        .dataFormat(c.text("data_format", "channels_last"))
        .activation(activation(c, "activation"))
        .useBias(c.bool("use_bias", true))
        .kernelInitializer(initializer(c, "kernel_initializer", Initializers.glorotUniform()))
        .biasInitializer(initializer(c, "bias_initializer", Initializers.zeros()))
        .name(c.name());
    return withRegularizers(c, b.build());
  }

  @Override
  protected int[] doBuild(int[] in) {
    if (in.length != 2 || in[0] <= 0 || in[1] <= 0) {
      throw badShape("Conv1D", channelsFirst ? "(channels, steps)" : "(steps, channels)", in);
    }
    steps = channelsFirst ? in[1] : in[0];
    int channels = channelsFirst ? in[0] : in[1];
    int span = (kernelSize - 1) * dilation + 1;
    if (padding.equals("valid")) {
      outSteps = (steps - span) / stride + 1;
    } else {
      outSteps = (steps + stride - 1) / stride;
      int total = Math.max((outSteps - 1) * stride + span - steps, 0);
      padBefore = padding.equals("causal") ? span - 1 : total / 2;
      padAfter = padding.equals("causal") ? 0 : total - total / 2;
    }
    if (steps - span + padBefore + padAfter < 0) {
      throw new IllegalArgumentException("layer " + name() + " (Conv1D): a kernel spanning "
          + span + " steps does not fit an input of " + steps + " steps with padding "
          + padding);
    }
    kernel = addWeight("kernel", new int[] {kernelSize, channels, filters}, kernelInitializer);
    if (useBias) {
      bias = addWeight("bias", new int[] {filters}, biasInitializer);
    }
    return channelsFirst ? new int[] {filters, outSteps} : new int[] {outSteps, filters};
  }

  @Override
  public Operand<TFloat32> call(Operand<TFloat32> x, CallContext ctx) {
    Ops tf = ctx.tf();
    Operand<TFloat32> h = channelsFirst
        ? tf.linalg.transpose(x, tf.constant(new int[] {0, 2, 1})) : x;
    if (padBefore > 0 || padAfter > 0) {
      h = tf.pad(h, tf.constant(new int[][] {{0, 0}, {padBefore, padAfter}, {0, 0}}),
          tf.constant(0f));
    }
    Operand<TFloat32> k = ctx.get(kernel);
    Operand<TFloat32> y = null;
    for (int j = 0; j < kernelSize; j++) {
      int from = j * dilation;
      Operand<TFloat32> taps = tf.stridedSlice(h, tf.constant(new int[] {0, from, 0}),
          tf.constant(new int[] {0, from + (outSteps - 1) * stride + 1, 0}),
          tf.constant(new int[] {1, stride, 1}), StridedSlice.beginMask(5L),
          StridedSlice.endMask(5L));
      Operand<TFloat32> kj = tf.gather(k, tf.constant(j), tf.constant(0));
      Operand<TFloat32> term = tf.train.batchMatMul(taps, kj, TFloat32.class);
      y = y == null ? term : tf.math.add(y, term);
    }
    if (useBias) {
      y = tf.nn.biasAdd(y, ctx.get(bias));
    }
    y = activation.apply(tf, y);
    return channelsFirst ? tf.linalg.transpose(y, tf.constant(new int[] {0, 2, 1})) : y;
  }

  @Override
  public List<Activation> activations() {
    return List.of(activation);
  }

  @Override
  protected void addConfig(Map<String, Object> c) {
    c.put("filters", filters);
    c.put("kernel_size", List.of(kernelSize));
    c.put("strides", List.of(stride));
    c.put("padding", padding);
    c.put("data_format", channelsFirst ? "channels_first" : "channels_last");
    c.put("dilation_rate", List.of(dilation));
    c.put("groups", 1);
    c.put("activation", activation.kerasName());
    c.put("use_bias", useBias);
    c.put("kernel_initializer", KerasInitializer.serialize(kernelInitializer));
    c.put("bias_initializer", KerasInitializer.serialize(biasInitializer));
    c.put("kernel_regularizer", regularizerConfig("kernel"));
    c.put("bias_regularizer", regularizerConfig("bias"));
    c.put("activity_regularizer", activityRegularizerConfig());
    c.put("kernel_constraint", constraintConfig("kernel"));
    c.put("bias_constraint", constraintConfig("bias"));
  }
}
