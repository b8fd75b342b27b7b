package dev.tfjlabs.keras.layers.convolutional;

import dev.tfjlabs.keras.config.Config;
import dev.tfjlabs.keras.layers.Pooling;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The window of a one- or two-dimensional convolution as Keras configures it:
 * {@code kernel_size}, {@code strides} (default 1), {@code padding} ("valid" or "same"),
 * {@code dilation_rate} (default 1) and {@code data_format} ("channels_last", the default, or
 * "channels_first"). A one-dimensional window runs as a two-dimensional one of height 1, so
 * that both ranks share TensorFlow's image kernels: {@link #toImage} turns an input into
 * [batch, height, width, channels] and {@link #fromImage} turns the result back.
 */
public final class ConvGeometry {
  private final int rank;
  private final int[] kernel;
  private final int[] strides;
  private final int[] dilation;
  private final String padding;
  private final boolean channelsFirst;

  /**
   * @param rank 1 or 2
   * @param kernel the kernel size per spatial axis
   * @param strides the step per spatial axis
   * @param padding "valid" or "same" (any case)
   * @param dilation the dilation rate per spatial axis
   * @param dataFormat "channels_last" or "channels_first"
   */
  public ConvGeometry(int rank, int[] kernel, int[] strides, String padding, int[] dilation,
      String dataFormat) {
    if (rank != 1 && rank != 2) {
      throw new IllegalArgumentException("a convolution window has 1 or 2 spatial axes");
    }
    this.rank = rank;
    this.kernel = positive("kernel_size", kernel, rank);
    this.strides = positive("strides", strides, rank);
    this.dilation = positive("dilation_rate", dilation, rank);
    this.padding = Pooling.padding(padding);
    if (!"channels_last".equals(dataFormat) && !"channels_first".equals(dataFormat)) {
      throw new IllegalArgumentException("data_format must be 'channels_last' or"
          + " 'channels_first', got '" + dataFormat + "'");
    }
    this.channelsFirst = dataFormat.equals("channels_first");
    if (Arrays.stream(this.strides).max().getAsInt() > 1
        && Arrays.stream(this.dilation).max().getAsInt() > 1) {
      throw new IllegalArgumentException("strides above 1 are not supported together with a"
          + " dilation_rate above 1 (Keras refuses both at once): strides "
          + Arrays.toString(strides) + ", dilation_rate " + Arrays.toString(dilation));
    }
  }

  private static int[] positive(String what, int[] v, int rank) {
    if (v == null || v.length != rank || Arrays.stream(v).anyMatch(i -> i <= 0)) {
      throw new IllegalArgumentException(what + " must be " + rank + " positive number"
          + (rank == 1 ? "" : "s") + ", got " + Arrays.toString(v));
    }
    return v.clone();
  }

  /** The window a config describes; {@code kernel_size} is required. */
  public static ConvGeometry fromConfig(Config c, int rank) {
    int[] ones = new int[rank];
    Arrays.fill(ones, 1);
    return new ConvGeometry(rank, c.tuple("kernel_size", rank, null),
        c.tuple("strides", rank, ones), c.text("padding", "valid"),
        c.tuple("dilation_rate", rank, ones), c.text("data_format", "channels_last"));
  }

  /** Writes {@code kernel_size}, {@code strides}, {@code padding}, {@code data_format} and
   * {@code dilation_rate} as Keras's {@code get_config} does. */
  public void addConfig(Map<String, Object> c) {
    c.put("kernel_size", list(kernel));
    c.put("strides", list(strides));
    c.put("padding", padding);
    c.put("data_format", channelsFirst ? "channels_first" : "channels_last");
    c.put("dilation_rate", list(dilation));
  }

  static List<Integer> list(int[] v) {
    List<Integer> out = new ArrayList<>();
    for (int i : v) {
      out.add(i);
    }
    return out;
  }

  public int rank() {
    return rank;
  }

  public int[] kernel() {
    return kernel.clone();
  }

  public int[] strides() {
    return strides.clone();
  }

  public int[] dilation() {
    return dilation.clone();
  }

  public String padding() {
    return padding;
  }

  public boolean dilated() {
    return Arrays.stream(dilation).anyMatch(d -> d > 1);
  }

  /** The channels of an input shape (without the batch), after checking its rank. */
  public int channels(String layer, int[] in) {
    check(layer, in);
    return channelsFirst ? in[0] : in[rank];
  }

  /** The spatial sizes of an input shape (without the batch). */
  public int[] spatial(String layer, int[] in) {
    check(layer, in);
    return Arrays.copyOfRange(in, channelsFirst ? 1 : 0, channelsFirst ? rank + 1 : rank);
  }

  private void check(String layer, int[] in) {
    if (in.length != rank + 1 || Arrays.stream(in).anyMatch(i -> i <= 0)) {
      String axes = rank == 1 ? "steps" : "height, width";
      throw new IllegalArgumentException(layer + " expects inputs of shape ("
          + (channelsFirst ? "channels, " + axes : axes + ", channels")
          + ") (without the batch dimension), got " + Arrays.toString(in));
    }
  }

  /** A shape (without the batch) of {@code channels} and {@code spatial} in the data format. */
  public int[] shape(int channels, int[] spatial) {
    int[] out = new int[rank + 1];
    System.arraycopy(spatial, 0, out, channelsFirst ? 1 : 0, rank);
    out[channelsFirst ? 0 : rank] = channels;
    return out;
  }

  /**
   * The output sizes of a convolution over {@code spatial}: {@code floor((n - k') / s) + 1}
   * ("valid") or {@code ceil(n / s)} ("same"), with {@code k' = (k - 1) d + 1}; refuses a
   * window that does not fit, naming the layer.
   */
  public int[] convOutput(String layer, int[] spatial) {
    int[] out = new int[rank];
    for (int a = 0; a < rank; a++) {
      out[a] = Pooling.outputSize(spatial[a], span(a), strides[a], padding);
      if (out[a] <= 0) {
        throw new IllegalArgumentException(layer + ": a kernel of " + Arrays.toString(kernel)
            + " (dilation " + Arrays.toString(dilation) + ") does not fit an input of "
            + Arrays.toString(spatial));
      }
    }
    return out;
  }

  /** A kernel's shape: the kernel size per spatial axis, then {@code a} and {@code b}. */
  public int[] kernelShape(int a, int b) {
    int[] shape = Arrays.copyOf(kernel, rank + 2);
    shape[rank] = a;
    shape[rank + 1] = b;
    return shape;
  }

  /** The dilated kernel's extent along spatial axis {@code a}: {@code (k - 1) d + 1}. */
  public int span(int a) {
    return (kernel[a] - 1) * dilation[a] + 1;
  }

  /** [batch, height, width, channels] of an input (height 1 for one spatial axis). */
  public Operand<TFloat32> toImage(Ops tf, Operand<TFloat32> x) {
    Operand<TFloat32> last = channelsFirst ? tf.linalg.transpose(x, tf.constant(rank == 1
        ? new int[] {0, 2, 1} : new int[] {0, 2, 3, 1})) : x;
    return rank == 1 ? tf.expandDims(last, tf.constant(1)) : last;
  }

  /** The inverse of {@link #toImage}: a result image back in the input's layout. */
  public Operand<TFloat32> fromImage(Ops tf, Operand<TFloat32> y) {
    Operand<TFloat32> last = rank == 1 ? tf.squeeze(y, org.tensorflow.op.core.Squeeze.axis(
        List.of(1L))) : y;
    return channelsFirst ? tf.linalg.transpose(last, tf.constant(rank == 1
        ? new int[] {0, 2, 1} : new int[] {0, 3, 1, 2})) : last;
  }

  /** A Keras kernel [k..., a, b] as an image kernel [kh, kw, a, b] (kh 1 for one axis). */
  public Operand<TFloat32> imageKernel(Ops tf, Operand<TFloat32> k) {
    return rank == 1 ? tf.expandDims(k, tf.constant(0)) : k;
  }

  /** Per image axis [1, sh, sw, 1] (sh 1 for one axis). */
  public List<Long> imageStrides() {
    return image(strides);
  }

  /** Per image axis [1, dh, dw, 1] (dh 1 for one axis). */
  public List<Long> imageDilations() {
    return image(dilation);
  }

  private List<Long> image(int[] v) {
    return rank == 1 ? List.of(1L, 1L, (long) v[0], 1L)
        : List.of(1L, (long) v[0], (long) v[1], 1L);
  }
}
