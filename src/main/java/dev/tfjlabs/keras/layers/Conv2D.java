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
 * {@code "valid"} padding {@code floor((n - k') / s) + 1}, with {@code "same"} {@code ceil(n / s)},
 * where {@code k' = (k - 1) d + 1} for {@code dilation_rate} d. With {@code groups} g the
 * channels and filters split into g groups, each filter seeing only its group's channels (K is
 * [kh, kw, channels / g, filters]); {@code data_format="channels_first"} takes [channels, height,
 * width] images. Strides above 1 with a dilation above 1 are refused, as Keras refuses them.
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
  private final int[] dilation;
  private final int groups;
  private final boolean channelsFirst;
  /** For a dilated kernel: the output size and the zeros before each axis, once built. */
  private int[] dilatedOut;
  private int[] padBefore;
  private int[] padAfter;
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
    private int[] dilation = {1, 1};
    private int groups = 1;
    private boolean channelsFirst;
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

    /** Keras's {@code dilation_rate} (default (1, 1)). */
    public Builder dilationRate(int height, int width) {
      dilation = new int[] {height, width};
      return this;
    }

    /** Keras's {@code groups} (default 1). */
    public Builder groups(int value) {
      groups = value;
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
        b.biasInitializer, b.useBias, b.dilation, b.groups, b.channelsFirst, b.name);
  }

  private Conv2D(int filters, int[] kernelSize, int[] strides, Activation activation,
      String padding, Initializer kernelInitializer, Initializer biasInitializer,
      boolean useBias, int[] dilation, int groups, boolean channelsFirst, String name) {
    super(name);
    this.useBias = useBias;
    if (dilation.length != 2 || dilation[0] <= 0 || dilation[1] <= 0 || groups <= 0) {
      throw new IllegalArgumentException("Conv2D needs two positive dilation rates and positive"
          + " groups");
    }
    if ((dilation[0] > 1 || dilation[1] > 1) && (strides[0] > 1 || strides[1] > 1)) {
      throw new IllegalArgumentException("Conv2D cannot have strides above 1 with a"
          + " dilation_rate above 1 (Keras refuses both at once)");
    }
    if (filters % groups != 0) {
      throw new IllegalArgumentException("Conv2D's filters (" + filters + ") must be a multiple"
          + " of groups (" + groups + ")");
    }
    this.dilation = dilation.clone();
    this.groups = groups;
    this.channelsFirst = channelsFirst;
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
    int[] kernel = c.tuple("kernel_size", 2, null);
    int[] strides = c.tuple("strides", 2, new int[] {1, 1});
    int[] dilation = c.tuple("dilation_rate", 2, new int[] {1, 1});
    return withRegularizers(c, builder(c.positive("filters"), kernel[0], kernel[1])
        .strides(strides[0], strides[1])
        .dilationRate(dilation[0], dilation[1]).groups(c.has("groups") ? c.positive("groups") : 1)
        .dataFormat(c.text("data_format", "channels_last"))
        .activation(activation(c, "activation")).padding(c.text("padding", "valid"))
        .kernelInitializer(initializer(c, "kernel_initializer", Initializers.glorotUniform()))
        .biasInitializer(initializer(c, "bias_initializer", Initializers.zeros()))
        .useBias(c.bool("use_bias", true)).name(c.name()).build());
  }

  /** {kh, kw}. */
  public int[] kernelSize() {
    return kernelSize.clone();
  }

  @Override
  protected int[] doBuild(int[] in) {
    if (in.length != 3) {
      throw badShape("Conv2D", channelsFirst ? "(channels, height, width)"
          : "(height, width, channels)", in);
    }
    int channels = channelsFirst ? in[0] : in[2];
    int h = channelsFirst ? in[1] : in[0];
    int w = channelsFirst ? in[2] : in[1];
    if (channels % groups != 0) {
      throw new IllegalArgumentException("layer " + name() + " (Conv2D): " + channels
          + " input channels do not split into " + groups + " groups");
    }
    kernel = addWeight("kernel", new int[] {kernelSize[0], kernelSize[1], channels / groups,
        filters}, kernelInitializer);
    if (useBias) {
      bias = addWeight("bias", new int[] {filters}, biasInitializer);
    }
    int oh = Pooling.outputSize(h, (kernelSize[0] - 1) * dilation[0] + 1, strides[0], padding);
    int ow = Pooling.outputSize(w, (kernelSize[1] - 1) * dilation[1] + 1, strides[1], padding);
    if (oh <= 0 || ow <= 0) {
      throw new IllegalArgumentException("layer " + name() + " (Conv2D): a kernel of "
          + kernelSize[0] + "x" + kernelSize[1] + " (dilation " + dilation[0] + "x"
          + dilation[1] + ") does not fit an image of " + h + "x" + w);
    }
    int[] in2 = {h, w};
    int[] out2 = {oh, ow};
    dilatedOut = out2;
    padBefore = new int[2];
    padAfter = new int[2];
    for (int a = 0; padding.equals("same") && a < 2; a++) {
      int span = (kernelSize[a] - 1) * dilation[a] + 1;
      int total = Math.max((out2[a] - 1) * strides[a] + span - in2[a], 0);
      padBefore[a] = total / 2;
      padAfter[a] = total - total / 2;
    }
    return channelsFirst ? new int[] {filters, oh, ow} : new int[] {oh, ow, filters};
  }

  @Override
  public Operand<TFloat32> call(Operand<TFloat32> x, CallContext ctx) {
    Ops tf = ctx.tf();
    Operand<TFloat32> image = channelsFirst
        ? tf.linalg.transpose(x, tf.constant(new int[] {0, 2, 3, 1})) : x;
    List<Long> stride = List.of(1L, (long) strides[0], (long) strides[1], 1L);
    Operand<TFloat32> conv;
    if (groups == 1) {
      conv = convolve(tf, image, ctx.get(kernel), stride);
    } else {
      // each group of channels with its group of filters, then the filters side by side
      List<org.tensorflow.Output<TFloat32>> parts = tf.split(tf.constant(3), image,
          (long) groups).output();
      List<org.tensorflow.Output<TFloat32>> kernels = tf.split(tf.constant(3), ctx.get(kernel),
          (long) groups).output();
      List<Operand<TFloat32>> outs = new java.util.ArrayList<>();
      for (int g = 0; g < groups; g++) {
        outs.add(convolve(tf, parts.get(g), kernels.get(g), stride));
      }
      conv = tf.concat(outs, tf.constant(3));
    }
    Operand<TFloat32> y = activation.apply(tf, bias == null ? conv
        : tf.nn.biasAdd(conv, ctx.get(bias)));
    return channelsFirst ? tf.linalg.transpose(y, tf.constant(new int[] {0, 3, 1, 2})) : y;
  }

  /**
   * One convolution; a dilated kernel (stride 1) as one product per kernel tap on the padded
   * image: TensorFlow's own dilated {@code Conv2D}, tried first, trained with gradients that
   * disagreed with the plain-Java reference of {@code GradientCheckTest}.
   */
  private Operand<TFloat32> convolve(Ops tf, Operand<TFloat32> image, Operand<TFloat32> k,
      List<Long> stride) {
    if (dilation[0] == 1 && dilation[1] == 1) {
      return tf.nn.conv2d(image, k, stride, padding.toUpperCase());
    }
    Operand<TFloat32> padded = tf.pad(image, tf.constant(new int[][] {{0, 0},
        {padBefore[0], padAfter[0]}, {padBefore[1], padAfter[1]}, {0, 0}}), tf.constant(0f));
    int channels = (int) k.shape().get(2);
    Operand<TFloat32> y = null;
    for (int u = 0; u < kernelSize[0]; u++) {
      for (int v = 0; v < kernelSize[1]; v++) {
        int r = u * dilation[0];
        int c = v * dilation[1];
        Operand<TFloat32> taps = tf.slice(padded, tf.constant(new int[] {0, r, c, 0}),
            tf.constant(new int[] {-1, dilatedOut[0], dilatedOut[1], -1}));
        Operand<TFloat32> flat = tf.reshape(taps, tf.constant(new int[] {-1,
            dilatedOut[0] * dilatedOut[1], channels}));
        Operand<TFloat32> kuv = tf.reshape(tf.slice(k, tf.constant(new int[] {u, v, 0, 0}),
            tf.constant(new int[] {1, 1, -1, -1})), tf.constant(new int[] {channels, -1}));
        Operand<TFloat32> term = tf.train.batchMatMul(flat, kuv, TFloat32.class);
        y = y == null ? term : tf.math.add(y, term);
      }
    }
    return tf.reshape(y, tf.constant(new int[] {-1, dilatedOut[0], dilatedOut[1],
        (int) k.shape().get(3)}));
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
    c.put("data_format", channelsFirst ? "channels_first" : "channels_last");
    c.put("dilation_rate", List.of(dilation[0], dilation[1]));
    c.put("groups", groups);
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
