package dev.tfjlabs.keras.layers.convolutional;

import dev.tfjlabs.keras.config.Config;
import dev.tfjlabs.keras.initializers.Initializer;
import dev.tfjlabs.keras.initializers.Initializers;
import dev.tfjlabs.keras.initializers.KerasInitializer;
import dev.tfjlabs.keras.layers.CallContext;
import dev.tfjlabs.keras.layers.Weight;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's separable convolution ({@code SeparableConv1D}, {@code SeparableConv2D}): a
 * depthwise convolution ({@link BaseDepthwiseConv}, {@code depthwise_kernel} [k..., channels,
 * m]) followed by a pointwise one that mixes its {@code channels m} outputs into
 * {@code filters} ({@code pointwise_kernel} [1..., channels m, filters]), then the bias
 * [filters]: {@code y = activation(P . depthwise(x, D) + b)}. Both kernels glorot-uniform,
 * the bias zeros.
 */
public abstract class BaseSeparableConv extends ConvLayer {
  private final int filters;
  private final int depthMultiplier;
  private final Initializer depthwiseInitializer;
  private final Initializer pointwiseInitializer;
  private Weight depthwise;
  private Weight pointwise;
  private int[] spatialIn;

  /** Builds a separable convolution of one rank; unset settings are Keras's defaults. */
  public static final class Builder<L extends BaseSeparableConv>
      extends ConvBuilder<Builder<L>> {
    final int filters;
    int depthMultiplier = 1;
    Initializer depthwiseInitializer = Initializers.glorotUniform();
    Initializer pointwiseInitializer = Initializers.glorotUniform();
    private final Function<Builder<L>, L> make;

    Builder(int filters, int[] kernel, Function<Builder<L>, L> make) {
      super(kernel);
      this.filters = filters;
      this.make = make;
    }

    @Override
    Builder<L> self() {
      return this;
    }

    /** Keras's {@code depth_multiplier} (default 1). */
    public Builder<L> depthMultiplier(int value) {
      depthMultiplier = value;
      return this;
    }

    /** Keras's {@code depthwise_initializer} (default glorot-uniform). */
    public Builder<L> depthwiseInitializer(Initializer value) {
      depthwiseInitializer = value;
      return this;
    }

    /** Keras's {@code pointwise_initializer} (default glorot-uniform). */
    public Builder<L> pointwiseInitializer(Initializer value) {
      pointwiseInitializer = value;
      return this;
    }

    public L build() {
      return make.apply(this);
    }
  }

  BaseSeparableConv(Builder<?> b) {
    super(b);
    if (b.filters <= 0 || b.depthMultiplier <= 0) {
      throw new IllegalArgumentException("filters and depth_multiplier must be positive, got "
          + b.filters + " and " + b.depthMultiplier);
    }
    this.filters = b.filters;
    this.depthMultiplier = b.depthMultiplier;
    this.depthwiseInitializer = b.depthwiseInitializer;
    this.pointwiseInitializer = b.pointwiseInitializer;
  }

  /** Keras's {@code from_config} of a separable convolution of {@code builder}'s rank. */
  static <L extends BaseSeparableConv> L fromConfig(Config c, int rank,
      Function<int[], Builder<L>> builder) {
    Builder<L> b = common(c, builder.apply(c.tuple("kernel_size", rank, null)))
        .depthMultiplier(c.has("depth_multiplier") ? c.positive("depth_multiplier") : 1)
        .depthwiseInitializer(kernelInitializer(c, "depthwise_initializer"))
        .pointwiseInitializer(kernelInitializer(c, "pointwise_initializer"));
    L layer = withRegularizer(c, b.build(), "depthwise_regularizer", "depthwise_kernel");
    layer = withRegularizer(c, layer, "pointwise_regularizer", "pointwise_kernel");
    layer = withRegularizer(c, layer, "bias_regularizer", "bias");
    layer = withConstraint(c, layer, "depthwise_constraint", "depthwise_kernel");
    layer = withConstraint(c, layer, "pointwise_constraint", "pointwise_kernel");
    return withActivityRegularizer(c, withConstraint(c, layer, "bias_constraint", "bias"));
  }

  @Override
  protected int[] doBuild(int[] in) {
    int channels = geometry.channels(kerasType(), in);
    spatialIn = geometry.spatial(kerasType(), in);
    int[] out = geometry.convOutput("layer " + name() + " (" + kerasType() + ")", spatialIn);
    depthwise = addWeight("depthwise_kernel", geometry.kernelShape(channels, depthMultiplier),
        depthwiseInitializer);
    int[] point = new int[geometry.rank() + 2];
    Arrays.fill(point, 1);
    point[geometry.rank()] = channels * depthMultiplier;
    point[geometry.rank() + 1] = filters;
    pointwise = addWeight("pointwise_kernel", point, pointwiseInitializer);
    buildBias(filters);
    return geometry.shape(filters, out);
  }

  @Override
  public Operand<TFloat32> call(Operand<TFloat32> x, CallContext ctx) {
    Ops tf = ctx.tf();
    Operand<TFloat32> mid = BaseDepthwiseConv.depthwise(tf, geometry, geometry.toImage(tf, x),
        geometry.imageKernel(tf, ctx.get(depthwise)), spatialIn);
    Operand<TFloat32> y = tf.nn.conv2d(mid, geometry.imageKernel(tf, ctx.get(pointwise)),
        List.of(1L, 1L, 1L, 1L), "VALID");
    return finish(tf, y, ctx);
  }

  @Override
  protected void addConfig(Map<String, Object> c) {
    c.put("filters", filters);
    c.put("depth_multiplier", depthMultiplier);
    addCommonConfig(c);
    c.put("depthwise_initializer", KerasInitializer.serialize(depthwiseInitializer));
    c.put("pointwise_initializer", KerasInitializer.serialize(pointwiseInitializer));
    c.put("depthwise_regularizer", regularizerConfig("depthwise_kernel"));
    c.put("pointwise_regularizer", regularizerConfig("pointwise_kernel"));
    c.put("depthwise_constraint", constraintConfig("depthwise_kernel"));
    c.put("pointwise_constraint", constraintConfig("pointwise_kernel"));
  }
}
