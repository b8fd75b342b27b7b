package dev.tfjlabs.keras.layers.convolutional;

import dev.tfjlabs.keras.config.Config;
import dev.tfjlabs.keras.initializers.Initializer;
import dev.tfjlabs.keras.initializers.Initializers;
import dev.tfjlabs.keras.initializers.KerasInitializer;
import dev.tfjlabs.keras.layers.CallContext;
import dev.tfjlabs.keras.layers.Weight;
import java.util.Map;
import java.util.function.Function;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's depthwise convolution ({@code DepthwiseConv1D}, {@code DepthwiseConv2D}): each input
 * channel c convolved on its own with {@code depth_multiplier} m kernels,
 * {@code y[..., c m + j] = sum_u K[u, c, j] x[... + u d, c] + b[c m + j]} (kernel
 * [k..., channels, m], glorot-uniform, Keras 3's weight {@code kernel}, Keras 2's
 * {@code depthwise_kernel}; bias [channels m], zeros). Output sizes and padding are
 * {@code Conv2D}'s; strides above 1 with a dilation above 1 are refused, as Keras refuses them.
 */
public abstract class BaseDepthwiseConv extends ConvLayer {
  private final int depthMultiplier;
  private final Initializer depthwiseInitializer;
  private Weight kernel;
  private int[] spatialIn;

  /** Builds a depthwise convolution of one rank; unset settings are Keras's defaults. */
  public static final class Builder<L extends BaseDepthwiseConv>
      extends ConvBuilder<Builder<L>> {
    int depthMultiplier = 1;
    Initializer depthwiseInitializer = Initializers.glorotUniform();
    private final Function<Builder<L>, L> make;

    Builder(int[] kernel, Function<Builder<L>, L> make) {
      super(kernel);
      this.make = make;
    }

    @Override
    Builder<L> self() {
      return this;
    }

    /** Keras's {@code depth_multiplier}: kernels per input channel (default 1). */
    public Builder<L> depthMultiplier(int value) {
      depthMultiplier = value;
      return this;
    }

    /** Keras's {@code depthwise_initializer} (default glorot-uniform). */
    public Builder<L> depthwiseInitializer(Initializer value) {
      depthwiseInitializer = value;
      return this;
    }

    public L build() {
      return make.apply(this);
    }
  }

  BaseDepthwiseConv(Builder<?> b) {
    super(b);
    if (b.depthMultiplier <= 0) {
      throw new IllegalArgumentException("depth_multiplier must be positive, got "
          + b.depthMultiplier);
    }
    this.depthMultiplier = b.depthMultiplier;
    this.depthwiseInitializer = b.depthwiseInitializer;
  }

  /** Keras's {@code from_config} of a depthwise convolution of {@code builder}'s rank. */
  static <L extends BaseDepthwiseConv> L fromConfig(Config c, int rank,
      Function<int[], Builder<L>> builder) {
    Builder<L> b = common(c, builder.apply(c.tuple("kernel_size", rank, null)))
        .depthMultiplier(c.has("depth_multiplier") ? c.positive("depth_multiplier") : 1)
        .depthwiseInitializer(kernelInitializer(c, "depthwise_initializer"));
    L layer = withRegularizer(c, b.build(), "depthwise_regularizer", "kernel");
    layer = withRegularizer(c, layer, "bias_regularizer", "bias");
    layer = withConstraint(c, layer, "depthwise_constraint", "kernel");
    return withActivityRegularizer(c, withConstraint(c, layer, "bias_constraint", "bias"));
  }

  @Override
  protected int[] doBuild(int[] in) {
    int channels = geometry.channels(kerasType(), in);
    spatialIn = geometry.spatial(kerasType(), in);
    int[] out = geometry.convOutput("layer " + name() + " (" + kerasType() + ")", spatialIn);
    kernel = addWeight("kernel", geometry.kernelShape(channels, depthMultiplier),
        depthwiseInitializer);
    buildBias(channels * depthMultiplier);
    return geometry.shape(channels * depthMultiplier, out);
  }

  @Override
  public Operand<TFloat32> call(Operand<TFloat32> x, CallContext ctx) {
    Ops tf = ctx.tf();
    return finish(tf, depthwise(tf, geometry, geometry.toImage(tf, x),
        geometry.imageKernel(tf, ctx.get(kernel)), spatialIn), ctx);
  }

  /**
   * The depthwise convolution of an image with an image kernel [kh, kw, c, m]: TensorFlow's
   * own, or for a dilated kernel (stride 1) one product per kernel tap on the padded image, as
   * TensorFlow's dilated kernel aborts the process on this CPU when trained (oneDNN: "could
   * not create a primitive descriptor").
   */
  static Operand<TFloat32> depthwise(Ops tf, ConvGeometry g, Operand<TFloat32> image,
      Operand<TFloat32> k, int[] spatialIn) {
    if (!g.dilated()) {
      return tf.nn.depthwiseConv2dNative(image, k, g.imageStrides(),
          g.padding().toUpperCase());
    }
    int[] n = g.rank() == 1 ? new int[] {1, spatialIn[0]} : spatialIn;
    int[] d = g.rank() == 1 ? new int[] {1, g.dilation()[0]} : g.dilation();
    int[] kn = {(int) k.shape().get(0), (int) k.shape().get(1)};
    int channels = (int) k.shape().get(2);
    int m = (int) k.shape().get(3);
    int[] out = new int[2];
    int[][] pad = new int[2][2];
    for (int a = 0; a < 2; a++) {
      int span = (kn[a] - 1) * d[a] + 1;
      out[a] = g.padding().equals("same") ? n[a] : n[a] - span + 1;
      int total = Math.max(out[a] - 1 + span - n[a], 0);
      pad[a][0] = total / 2;
      pad[a][1] = total - total / 2;
    }
    Operand<TFloat32> padded = tf.pad(image, tf.constant(new int[][] {{0, 0}, pad[0], pad[1],
        {0, 0}}), tf.constant(0f));
    Operand<TFloat32> y = null;
    for (int u = 0; u < kn[0]; u++) {
      for (int v = 0; v < kn[1]; v++) {
        Operand<TFloat32> taps = tf.expandDims(tf.slice(padded, tf.constant(new int[] {0,
            u * d[0], v * d[1], 0}), tf.constant(new int[] {-1, out[0], out[1], -1})),
            tf.constant(4));
        Operand<TFloat32> kuv = tf.reshape(tf.slice(k, tf.constant(new int[] {u, v, 0, 0}),
            tf.constant(new int[] {1, 1, -1, -1})), tf.constant(new int[] {channels, m}));
        Operand<TFloat32> term = tf.math.mul(taps, kuv);
        y = y == null ? term : tf.math.add(y, term);
      }
    }
    return tf.reshape(y, tf.constant(new int[] {-1, out[0], out[1], channels * m}));
  }

  @Override
  protected void addConfig(Map<String, Object> c) {
    c.put("depth_multiplier", depthMultiplier);
    addCommonConfig(c);
    c.put("depthwise_initializer", KerasInitializer.serialize(depthwiseInitializer));
    c.put("depthwise_regularizer", regularizerConfig("kernel"));
    c.put("depthwise_constraint", constraintConfig("kernel"));
  }
}
