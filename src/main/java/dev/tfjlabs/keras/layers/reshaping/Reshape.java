package dev.tfjlabs.keras.layers.reshaping;

import dev.tfjlabs.keras.config.Config;
import dev.tfjlabs.keras.layers.CallContext;
import dev.tfjlabs.keras.layers.Layer;
import java.util.Arrays;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * {@code keras.layers.Reshape(target_shape)}: each sample's values, in row-major order, in the
 * target shape; one dimension may be -1, inferred from the others.
 */
public final class Reshape extends Layer {
  private final int[] targetShape;

  public Reshape(int[] targetShape, String name) {
    super(name);
    if (targetShape.length == 0 || Arrays.stream(targetShape).filter(d -> d == -1).count() > 1
        || Arrays.stream(targetShape).anyMatch(d -> d == 0 || d < -1)) {
      throw new IllegalArgumentException("Reshape's target shape has positive dimensions and at"
          + " most one -1, got " + Arrays.toString(targetShape));
    }
    this.targetShape = targetShape.clone();
  }

  /** Keras's {@code Reshape.from_config}: {@code target_shape}. */
  public static Reshape fromConfig(Config c) {
    var t = c.require("target_shape");
    if (!t.isArray()) {
      throw c.unsupported("target_shape", t);
    }
    int[] shape = new int[t.size()];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = t.get(i).isNull() ? -1 : t.get(i).asInt();
    }
    return new Reshape(shape, c.name());
  }

  @Override
  protected int[] doBuild(int[] in) {
    int size = Arrays.stream(in).reduce(1, (a, b) -> a * b);
    int known = Arrays.stream(targetShape).filter(d -> d > 0).reduce(1, (a, b) -> a * b);
    int[] out = targetShape.clone();
    for (int i = 0; i < out.length; i++) {
      if (out[i] == -1) {
        out[i] = known > 0 && size % known == 0 ? size / known : -1;
      }
    }
    if (Arrays.stream(in).anyMatch(d -> d <= 0)
        || Arrays.stream(out).reduce(1, (a, b) -> a * b) != size) {
      throw new IllegalArgumentException("layer " + name() + " (Reshape): an input of shape "
          + Arrays.toString(in) + " (" + size + " values) cannot take the shape "
          + Arrays.toString(targetShape));
    }
    return out;
  }

  @Override
  public Operand<TFloat32> call(Operand<TFloat32> x, CallContext ctx) {
    int[] out = outputShape();
    int[] batched = new int[out.length + 1];
    batched[0] = -1;
    System.arraycopy(out, 0, batched, 1, out.length);
    return ctx.tf().reshape(x, ctx.tf().constant(batched));
  }

  @Override
  protected void addConfig(Map<String, Object> c) {
    c.put("target_shape", Arrays.stream(targetShape).boxed().toList());
  }
}
