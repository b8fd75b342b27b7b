package dev.tfjlabs.keras.layers.convolutional;

import dev.tfjlabs.keras.config.Config;
import dev.tfjlabs.keras.initializers.Initializer;
import dev.tfjlabs.keras.initializers.Initializers;
import dev.tfjlabs.keras.initializers.KerasInitializer;
import dev.tfjlabs.keras.layers.Activation;
import dev.tfjlabs.keras.layers.CallContext;
import dev.tfjlabs.keras.layers.Layer;
import dev.tfjlabs.keras.layers.Pooling;
import dev.tfjlabs.keras.layers.Weight;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * {@code keras.layers.Conv3D(filters, kernel_size, strides=(1, 1, 1), padding="valid",
 * data_format=None, dilation_rate=(1, 1, 1), groups=1, activation=None, use_bias=True)} on
 * volumes [depth, height, width, channels] (or [channels, depth, height, width]):
 * {@code y = activation(conv(x, K) + b)}, K [kd, kh, kw, channels / groups, filters]
 * (glorot-uniform), b [filters] (zeros); output sizes as {@code Conv2D}'s per axis, with the
 * dilated kernel's extent {@code (k - 1) d + 1}. A dilated kernel runs as the kernel spread
 * with {@code d - 1} zeros between its taps; with {@code groups} g each group of channels meets
 * its group of filters. Strides above 1 with a dilation above 1 are refused, as Keras refuses
 * them. TensorFlow registers {@code Conv3D}'s gradient only in Python, so this class registers
 * it: {@code Conv3DBackpropInputV2} and {@code Conv3DBackpropFilterV2}.
 */
public final class Conv3D extends Layer {
  private static boolean gradientRegistered;
  private final int filters;
  private final int[] kernel;
  private final int[] strides;
  private final int[] dilation;
  private final int groups;
  private final String padding;
  private final boolean channelsFirst;
  private final Activation activation;
  private final boolean useBias;
  private final Initializer kernelInitializer;
  private final Initializer biasInitializer;
  private Weight kernelWeight;
  private Weight bias;

  /**
   * @param kernel [kd, kh, kw]
   * @param strides [sd, sh, sw]
   * @param padding "valid" or "same"
   * @param dataFormat "channels_last" or "channels_first"
   */
  public Conv3D(int filters, int[] kernel, int[] strides, String padding, String dataFormat,
      Activation activation, boolean useBias, Initializer kernelInitializer,
      Initializer biasInitializer, String name) {
    this(filters, kernel, strides, new int[] {1, 1, 1}, 1, padding, dataFormat, activation,
        useBias, kernelInitializer, biasInitializer, name);
  }

  /**
   * @param dilation [dd, dh, dw], Keras's {@code dilation_rate}
   * @param groups Keras's {@code groups}, dividing the channels and the filters
   */
  public Conv3D(int filters, int[] kernel, int[] strides, int[] dilation, int groups,
      String padding, String dataFormat, Activation activation, boolean useBias,
      Initializer kernelInitializer, Initializer biasInitializer, String name) {
    super(name);
    if (dilation.length != 3 || Arrays.stream(dilation).anyMatch(d -> d <= 0) || groups <= 0
        || filters % groups != 0) {
      throw new IllegalArgumentException("Conv3D needs three positive dilation rates and"
          + " positive groups dividing its filters, got " + Arrays.toString(dilation) + " and "
          + groups + " for " + filters + " filters");
    }
    if (Arrays.stream(dilation).max().getAsInt() > 1
        && Arrays.stream(strides).max().getAsInt() > 1) {
      throw new IllegalArgumentException("Conv3D cannot have strides above 1 with a"
          + " dilation_rate above 1 (Keras refuses both at once)");
    }
    this.dilation = dilation.clone();
    this.groups = groups;
    if (filters <= 0 || kernel.length != 3 || strides.length != 3
        || Arrays.stream(kernel).anyMatch(k -> k <= 0)
        || Arrays.stream(strides).anyMatch(s -> s <= 0)) {
      throw new IllegalArgumentException("Conv3D needs positive filters and three positive"
          + " kernel sizes and strides, got " + filters + ", " + Arrays.toString(kernel) + ", "
          + Arrays.toString(strides));
    }
    if (!"channels_last".equals(dataFormat) && !"channels_first".equals(dataFormat)) {
      throw new IllegalArgumentException("data_format must be 'channels_last' or"
          + " 'channels_first', got '" + dataFormat + "'");
    }
    this.filters = filters;
    this.kernel = kernel.clone();
    this.strides = strides.clone();
    this.padding = Pooling.padding(padding);
    this.channelsFirst = dataFormat.equals("channels_first");
    this.activation = activation;
    this.useBias = useBias;
    this.kernelInitializer = kernelInitializer;
    this.biasInitializer = biasInitializer;
  }

  /** {@code Conv3D(filters, kernel)} with Keras's other defaults. */
  public Conv3D(int filters, int kd, int kh, int kw) {
    this(filters, new int[] {kd, kh, kw}, new int[] {1, 1, 1}, "valid", "channels_last",
        Activation.LINEAR, true, Initializers.glorotUniform(), Initializers.zeros(), null);
  }

  /** Keras's {@code Conv3D.from_config}. */
  public static Conv3D fromConfig(Config c) {
    int[] ones = {1, 1, 1};
    return withRegularizers(c, new Conv3D(c.positive("filters"), c.tuple("kernel_size", 3, null),
        c.tuple("strides", 3, ones), c.tuple("dilation_rate", 3, ones),
        c.has("groups") ? c.positive("groups") : 1, c.text("padding", "valid"),
        c.text("data_format", "channels_last"), activation(c, "activation"),
        c.bool("use_bias", true), initializer(c, "kernel_initializer",
            Initializers.glorotUniform()), initializer(c, "bias_initializer", Initializers.zeros()),
        c.name()));
  }

  @Override
  protected int[] doBuild(int[] in) {
    if (in.length != 4 || Arrays.stream(in).anyMatch(d -> d <= 0)) {
      throw badShape("Conv3D", channelsFirst ? "(channels, depth, height, width)"
          : "(depth, height, width, channels)", in);
    }
    int channels = channelsFirst ? in[0] : in[3];
    if (channels % groups != 0) {
      throw new IllegalArgumentException("layer " + name() + " (Conv3D): " + channels
          + " input channels do not split into " + groups + " groups");
    }
    int[] out = new int[3];
    for (int a = 0; a < 3; a++) {
      int n = in[channelsFirst ? a + 1 : a];
      out[a] = Pooling.outputSize(n, (kernel[a] - 1) * dilation[a] + 1, strides[a], padding);
      if (out[a] <= 0) {
        throw new IllegalArgumentException("layer " + name() + " (Conv3D): a kernel of "
            + Arrays.toString(kernel) + " does not fit an input of " + Arrays.toString(in));
      }
    }
    kernelWeight = addWeight("kernel", new int[] {kernel[0], kernel[1], kernel[2],
        channels / groups, filters}, kernelInitializer);
    if (useBias) {
      bias = addWeight("bias", new int[] {filters}, biasInitializer);
    }
    return channelsFirst ? new int[] {filters, out[0], out[1], out[2]}
        : new int[] {out[0], out[1], out[2], filters};
  }

  @Override
  public Operand<TFloat32> call(Operand<TFloat32> x, CallContext ctx) {
    registerGradient();
    Ops tf = ctx.tf();
    Operand<TFloat32> volume = channelsFirst
        ? tf.linalg.transpose(x, tf.constant(new int[] {0, 2, 3, 4, 1})) : x;
    Operand<TFloat32> k = dilated(tf, ctx.get(kernelWeight));
    List<Long> step = List.of(1L, (long) strides[0], (long) strides[1], (long) strides[2], 1L);
    Operand<TFloat32> y;
    if (groups == 1) {
      y = tf.nn.conv3d(volume, k, step, padding.toUpperCase());
    } else {
      // each group of channels with its group of filters, then the filters side by side
      List<org.tensorflow.Output<TFloat32>> parts = tf.split(tf.constant(4), volume,
          (long) groups).output();
      List<org.tensorflow.Output<TFloat32>> kernels = tf.split(tf.constant(4), k, (long) groups)
          .output();
      List<Operand<TFloat32>> outs = new java.util.ArrayList<>();
      for (int g = 0; g < groups; g++) {
        outs.add(tf.nn.conv3d(parts.get(g), kernels.get(g), step, padding.toUpperCase()));
      }
      y = tf.concat(outs, tf.constant(4));
    }
    y = activation.apply(tf, bias == null ? y : tf.nn.biasAdd(y, ctx.get(bias)));
    return channelsFirst ? tf.linalg.transpose(y, tf.constant(new int[] {0, 4, 1, 2, 3})) : y;
  }

  /**
   * The kernel [kd, kh, kw, c, f] with {@code d - 1} zeros between its taps along each axis:
   * [(kd - 1) dd + 1, ...]; the kernel itself when no axis is dilated.
   */
  private Operand<TFloat32> dilated(Ops tf, Operand<TFloat32> k) {
    if (Arrays.stream(dilation).allMatch(d -> d == 1)) {
      return k;
    }
    int[] n = kernel;
    Operand<TFloat32> seven = tf.reshape(k, tf.constant(new int[] {n[0], 1, n[1], 1, n[2], 1,
        -1}));
    Operand<TFloat32> wide = tf.pad(seven, tf.constant(new int[][] {{0, 0},
        {0, dilation[0] - 1}, {0, 0}, {0, dilation[1] - 1}, {0, 0}, {0, dilation[2] - 1},
        {0, 0}}), tf.constant(0f));
    int c = (int) k.shape().get(3);
    Operand<TFloat32> spread = tf.reshape(wide, tf.constant(new int[] {n[0] * dilation[0],
        n[1] * dilation[1], n[2] * dilation[2], c, filters}));
    return tf.slice(spread, tf.constant(new int[] {0, 0, 0, 0, 0}), tf.constant(new int[] {
        (n[0] - 1) * dilation[0] + 1, (n[1] - 1) * dilation[1] + 1,
        (n[2] - 1) * dilation[2] + 1, c, filters}));
  }

  /** Registers {@code Conv3D}'s gradient once per JVM, before any graph asks for it. */
  private static synchronized void registerGradient() {
    if (!gradientRegistered) {
      TensorFlow.registerCustomGradient(org.tensorflow.op.nn.Conv3d.Inputs.class,
          (tf, op, grads) -> {
            @SuppressWarnings("unchecked")
            Operand<TFloat32> dy = (Operand<TFloat32>) grads.get(0);
            @SuppressWarnings("unchecked")
            Operand<TFloat32> input = (Operand<TFloat32>) op.input;
            @SuppressWarnings("unchecked")
            Operand<TFloat32> filter = (Operand<TFloat32>) op.filter;
            List<Long> s = Arrays.stream(op.strides).boxed().toList();
            return List.of(
                tf.nn.conv3dBackpropInput(tf.shape(input), filter, dy, s, op.padding),
                tf.nn.conv3dBackpropFilter(input, tf.shape(filter), dy, s, op.padding));
          });
      gradientRegistered = true;
    }
  }

  @Override
  public List<Activation> activations() {
    return List.of(activation);
  }

  @Override
  protected void addConfig(Map<String, Object> c) {
    c.put("filters", filters);
    c.put("kernel_size", ConvGeometry.list(kernel));
    c.put("strides", ConvGeometry.list(strides));
    c.put("padding", padding);
    c.put("data_format", channelsFirst ? "channels_first" : "channels_last");
    c.put("dilation_rate", ConvGeometry.list(dilation));
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
