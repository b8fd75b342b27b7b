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
import org.tensorflow.types.TInt32;

/**
 * Keras's transposed convolution ({@code Conv1DTranspose}, {@code Conv2DTranspose}), the
 * gradient of a convolution with respect to its input: every input cell {@code x[i]} adds
 * {@code K[j] x[i]} to output cell {@code i s + j d - p} (kernel {@code K} [k..., filters,
 * channels], glorot-uniform; bias [filters], zeros). Output size per spatial axis, with
 * {@code k' = (k - 1) d + 1}: "valid" {@code (n - 1) s + max(k', s)}, "same" {@code n s};
 * with {@code output_padding} p' (each below its stride) "valid" gives
 * {@code (n - 1) s + k' + p'} and "same" {@code (n - 1) s + (k' mod 2) + p'}. The cells cut
 * off before the first output, {@code p}, are Keras's
 * ({@code keras/src/backend/common/backend_utils.py}): {@code k' - 1 - left} with
 * {@code left = k' - 1} ("valid") or {@code min(ceil(P / 2), k' - 1)} ("same", {@code P = s +
 * k' - 2}, or {@code k' + (k' mod 2) - 2 + p'} with an output padding).
 */
public abstract class BaseConvTranspose extends ConvLayer {
  private final int filters;
  private final int[] outputPadding;
  private final Initializer kernelInitializer;
  private Weight kernel;
  private int[] outSpatial;
  private int[] spatialIn;

  /** Builds a transposed convolution of one rank; unset settings are Keras's defaults. */
  public static final class Builder<L extends BaseConvTranspose>
      extends ConvBuilder<Builder<L>> {
    final int filters;
    int[] outputPadding;
    Initializer kernelInitializer = Initializers.glorotUniform();
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

    /** Keras's {@code output_padding}, each below its stride (default: none). */
    public Builder<L> outputPadding(int... value) {
      outputPadding = value == null ? null : value.clone();
      return this;
    }

    /** Default: glorot-uniform. */
    public Builder<L> kernelInitializer(Initializer value) {
      kernelInitializer = value;
      return this;
    }

    public L build() {
      return make.apply(this);
    }
  }

  BaseConvTranspose(Builder<?> b) {
    super(b);
    if (b.filters <= 0) {
      throw new IllegalArgumentException("filters must be positive, got " + b.filters);
    }
    this.filters = b.filters;
    this.kernelInitializer = b.kernelInitializer;
    if (b.outputPadding != null) {
      int[] s = geometry.strides();
      if (b.outputPadding.length != geometry.rank()) {
        throw new IllegalArgumentException("output_padding needs " + geometry.rank()
            + " numbers, got " + Arrays.toString(b.outputPadding));
      }
      for (int a = 0; a < s.length; a++) {
        if (b.outputPadding[a] < 0 || b.outputPadding[a] >= s[a]) {
          throw new IllegalArgumentException("output_padding must be at least 0 and below the"
              + " strides, got " + Arrays.toString(b.outputPadding) + " with strides "
              + Arrays.toString(s));
        }
      }
    }
    this.outputPadding = b.outputPadding == null ? null : b.outputPadding.clone();
  }

  /** Keras's {@code from_config} of a transposed convolution of {@code builder}'s rank. */
  static <L extends BaseConvTranspose> L fromConfig(Config c, int rank,
      Function<int[], Builder<L>> builder) {
    Builder<L> b = common(c, builder.apply(c.tuple("kernel_size", rank, null)))
        .kernelInitializer(kernelInitializer(c, "kernel_initializer"));
    if (c.get("output_padding") != null) {
      b.outputPadding(c.tuple("output_padding", rank, null));
    }
    return withRegularizers(c, b.build());
  }

  /** The output padding, or null for Keras's default. */
  public int[] outputPadding() {
    return outputPadding == null ? null : outputPadding.clone();
  }

  @Override
  protected int[] doBuild(int[] in) {
    int channels = geometry.channels(kerasType(), in);
    spatialIn = geometry.spatial(kerasType(), in);
    kernel = addWeight("kernel", geometry.kernelShape(filters, channels), kernelInitializer);
    buildBias(filters);
    outSpatial = new int[geometry.rank()];
    int[] s = geometry.strides();
    for (int a = 0; a < outSpatial.length; a++) {
      int span = geometry.span(a);
      boolean same = geometry.padding().equals("same");
      if (outputPadding == null) {
        outSpatial[a] = same ? spatialIn[a] * s[a] : (spatialIn[a] - 1) * s[a]
            + Math.max(span, s[a]);
      } else {
        outSpatial[a] = (spatialIn[a] - 1) * s[a] + (same ? span % 2 : span) + outputPadding[a];
      }
    }
    return geometry.shape(filters, outSpatial);
  }

  /** The zeros before ({@code [a][0]}) and after ({@code [a][1]}) of each axis, as Keras's. */
  private int[][] pads() {
    int[] s = geometry.strides();
    int[][] out = new int[geometry.rank()][2];
    for (int a = 0; a < out.length; a++) {
      int span = geometry.span(a);
      if (geometry.padding().equals("valid")) {
        int op = outputPadding == null ? Math.max(span, s[a]) - span : outputPadding[a];
        out[a][0] = span - 1;
        out[a][1] = span - 1 + op;
      } else {
        int total = outputPadding == null ? s[a] + span - 2
            : span + span % 2 - 2 + outputPadding[a];
        out[a][0] = Math.min(total / 2 + total % 2, span - 1);
        out[a][1] = total - out[a][0];
      }
    }
    return out;
  }

  @Override
  public Operand<TFloat32> call(Operand<TFloat32> x, CallContext ctx) {
    Ops tf = ctx.tf();
    Operand<TFloat32> image = geometry.toImage(tf, x);
    Operand<TFloat32> k = geometry.imageKernel(tf, ctx.get(kernel));
    int[] out = geometry.rank() == 1 ? new int[] {1, outSpatial[0]} : outSpatial;
    Operand<TFloat32> y;
    if (outputPadding == null && !geometry.dilated()) {
      // TensorFlow's own: its "same"/"valid" cut-offs are Keras's for these output sizes
      Operand<TInt32> batch = tf.slice(tf.shape(image), tf.constant(new int[] {0}),
          tf.constant(new int[] {1}));
      Operand<TInt32> sizes = tf.concat(List.<Operand<TInt32>>of(batch,
          tf.constant(new int[] {out[0], out[1], filters})), tf.constant(0));
      y = tf.nn.conv2dBackpropInput(sizes, k, image, geometry.imageStrides(),
          geometry.padding().toUpperCase());
    } else {
      y = dilatedInput(tf, image, k);
    }
    return finish(tf, y, ctx);
  }

  /**
   * Keras's formulation for any output padding or dilation: the input with {@code s - 1} zeros
   * between its cells, padded as {@link #pads}, correlated with the kernel flipped in space
   * (dilated by zeros between its taps).
   */
  private Operand<TFloat32> dilatedInput(Ops tf, Operand<TFloat32> image, Operand<TFloat32> k) {
    int[] s = geometry.rank() == 1 ? new int[] {1, geometry.strides()[0]} : geometry.strides();
    int[] d = geometry.rank() == 1 ? new int[] {1, geometry.dilation()[0]} : geometry.dilation();
    int[] n = geometry.rank() == 1 ? new int[] {1, spatialIn[0]} : spatialIn;
    int[][] p = geometry.rank() == 1 ? new int[][] {{0, 0}, pads()[0]} : pads();
    int channels = (int) k.shape().get(3);
    Operand<TFloat32> spread = spread(tf, image, -1, n, s, channels);
    int[] after = {p[0][1] - (s[0] - 1), p[1][1] - (s[1] - 1)};
    Operand<TFloat32> padded = tf.pad(spread, tf.constant(new int[][] {{0, 0},
        {p[0][0], Math.max(after[0], 0)}, {p[1][0], Math.max(after[1], 0)}, {0, 0}}),
        tf.constant(0f));
    if (after[0] < 0 || after[1] < 0) {
      padded = tf.slice(padded, tf.constant(new int[] {0, 0, 0, 0}), tf.constant(new int[] {
          -1, n[0] * s[0] + p[0][0] + after[0], n[1] * s[1] + p[1][0] + after[1], -1}));
    }
    int[] kn = {(int) k.shape().get(0), (int) k.shape().get(1)};
    Operand<TFloat32> flipped = tf.linalg.transpose(tf.reverse(k, tf.constant(new int[] {0, 1})),
        tf.constant(new int[] {0, 1, 3, 2}));
    Operand<TFloat32> taps = flipped;
    if (geometry.dilated()) {
      taps = tf.slice(spread(tf, flipped, kn[0], kn, d, filters), tf.constant(new int[] {0, 0, 0,
          0}), tf.constant(new int[] {(kn[0] - 1) * d[0] + 1, (kn[1] - 1) * d[1] + 1, -1, -1}));
      taps = tf.reshape(taps, tf.constant(new int[] {(kn[0] - 1) * d[0] + 1,
          (kn[1] - 1) * d[1] + 1, (int) k.shape().get(3), filters}));
    }
    return tf.nn.conv2d(padded, taps, List.of(1L, 1L, 1L, 1L), "VALID");
  }

  /**
   * {@code v} [lead, h, w, last] with {@code f - 1} zeros after each cell of the two middle
   * axes: [lead, h fh, w fw, last] ({@code lead} -1 for the batch; for a kernel [h, w, c, f]
   * the leading pair is read as [h, w] and the trailing pair folded into {@code last}).
   */
  private static Operand<TFloat32> spread(Ops tf, Operand<TFloat32> v, int lead, int[] n,
      int[] f, int last) {
    if (lead > 0) {
      // a kernel [h, w, c, filters]: spread its two leading axes
      Operand<TFloat32> six = tf.reshape(v, tf.constant(new int[] {n[0], 1, n[1], 1, -1}));
      Operand<TFloat32> wide = tf.pad(six, tf.constant(new int[][] {{0, 0}, {0, f[0] - 1},
          {0, 0}, {0, f[1] - 1}, {0, 0}}), tf.constant(0f));
      return tf.reshape(wide, tf.constant(new int[] {n[0] * f[0], n[1] * f[1], -1, last}));
    }
    Operand<TFloat32> six = tf.reshape(v, tf.constant(new int[] {-1, n[0], 1, n[1], 1, last}));
    Operand<TFloat32> wide = tf.pad(six, tf.constant(new int[][] {{0, 0}, {0, 0},
        {0, f[0] - 1}, {0, 0}, {0, f[1] - 1}, {0, 0}}), tf.constant(0f));
    return tf.reshape(wide, tf.constant(new int[] {-1, n[0] * f[0], n[1] * f[1], last}));
  }

  @Override
  protected void addConfig(Map<String, Object> c) {
    c.put("filters", filters);
    addCommonConfig(c);
    c.put("output_padding", outputPadding == null ? null : ConvGeometry.list(outputPadding));
    c.put("kernel_initializer", KerasInitializer.serialize(kernelInitializer));
    c.put("kernel_regularizer", regularizerConfig("kernel"));
    c.put("kernel_constraint", constraintConfig("kernel"));
  }
}
