package dev.tfjlabs.keras.layers;

import dev.tfjlabs.keras.initializers.Initializers;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * {@code keras.layers.Conv2D(filters, kernel_size, activation, padding)} on channels-last
 * images [height, width, channels], stride 1: {@code y = activation(conv(x, K) + b)} with
 * {@code K} [k, k, channels, filters] (glorot-uniform) and {@code b} [filters] (zeros).
 * {@code padding} is {@code "valid"} (Keras's default) or {@code "same"}.
 */
public final class Conv2D extends Layer {
  private final int filters;
  private final int kernelSize;
  private final Activation activation;
  private final String padding;
  private Weight kernel;
  private Weight bias;

  public Conv2D(int filters, int kernelSize, Activation activation, String padding) {
    this(filters, kernelSize, activation, padding, null);
  }

  public Conv2D(int filters, int kernelSize, Activation activation, String padding, String name) {
    super(name);
    if (filters <= 0 || kernelSize <= 0) {
      throw new IllegalArgumentException("Conv2D needs positive filters and kernel size");
    }
    if (!padding.equals("valid") && !padding.equals("same")) {
      throw new IllegalArgumentException("padding must be 'valid' or 'same', got '" + padding + "'");
    }
    this.filters = filters;
    this.kernelSize = kernelSize;
    this.activation = activation;
    this.padding = padding;
  }

  public int kernelSize() {
    return kernelSize;
  }

  @Override
  protected int[] doBuild(int[] in) {
    if (in.length != 3) {
      throw badShape("Conv2D", "(height, width, channels)", in);
    }
    kernel = addWeight("kernel", new int[] {kernelSize, kernelSize, in[2], filters},
        Initializers.glorotUniform());
    bias = addWeight("bias", new int[] {filters}, Initializers.zeros());
    int shrink = padding.equals("same") ? 0 : kernelSize - 1;
    return new int[] {in[0] - shrink, in[1] - shrink, filters};
  }

  @Override
  public Operand<TFloat32> call(Operand<TFloat32> x, CallContext ctx) {
    Ops tf = ctx.tf();
    Operand<TFloat32> conv = tf.nn.conv2d(x, ctx.get(kernel), List.of(1L, 1L, 1L, 1L),
        padding.toUpperCase());
    return activation.apply(tf, tf.nn.biasAdd(conv, ctx.get(bias)));
  }
}
