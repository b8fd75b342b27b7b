package dev.tfjlabs.keras.layers.reshaping;

import dev.tfjlabs.keras.config.Config;
import dev.tfjlabs.keras.layers.CallContext;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.image.ResizeBilinear;
import org.tensorflow.types.TFloat32;

/**
 * {@code keras.layers.UpSampling2D(size=(2, 2), interpolation="nearest")}: "nearest" repeats
 * each row and column {@code size} times; "bilinear" interpolates as Keras's
 * {@code ops.image.resize} does (TensorFlow's half-pixel centres): output cell o of an axis of n
 * cells and factor f reads the input at {@code (o + 0.5) / f - 0.5}, between its two nearest
 * cells (clamped to the edges). Keras's other interpolations are refused in one line.
 */
public final class UpSampling2D extends Spatial {
  private final boolean bilinear;

  /** @param amounts [axis][factor] */
  public UpSampling2D(int[][] amounts, String name) {
    this(amounts, "nearest", name);
  }

  /**
   * @param amounts [axis][factor]
   * @param interpolation "nearest" or "bilinear"
   */
  public UpSampling2D(int[][] amounts, String interpolation, String name) {
    super(Kind.REPEAT, 2, amounts, name);
    if (!"nearest".equals(interpolation) && !"bilinear".equals(interpolation)) {
      throw new IllegalArgumentException("UpSampling2D's interpolation must be 'nearest' or"
          + " 'bilinear' here, got '" + interpolation + "'");
    }
    this.bilinear = interpolation.equals("bilinear");
  }

  /** Keras's {@code UpSampling2D.from_config}: {@code size}, {@code interpolation}. */
  public static UpSampling2D fromConfig(Config c) {
    String interpolation = c.text("interpolation", "nearest");
    if (!interpolation.equals("nearest") && !interpolation.equals("bilinear")) {
      throw c.unsupported("interpolation", interpolation);
    }
    return new UpSampling2D(amounts(c, "size", 2, false, 2), interpolation, c.name());
  }

  @Override
  public Operand<TFloat32> call(Operand<TFloat32> x, CallContext ctx) {
    if (!bilinear) {
      return super.call(x, ctx);
    }
    Ops tf = ctx.tf();
    int[] out = outputShape();
    return tf.image.resizeBilinear(x, tf.constant(new int[] {out[0], out[1]}),
        ResizeBilinear.halfPixelCenters(true));
  }

  @Override
  protected void addAmounts(Map<String, Object> c) {
    c.put("size", written());
    c.put("interpolation", bilinear ? "bilinear" : "nearest");
  }
}
