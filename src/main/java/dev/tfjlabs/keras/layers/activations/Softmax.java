package dev.tfjlabs.keras.layers.activations;

import dev.tfjlabs.keras.config.Config;
import dev.tfjlabs.keras.layers.CallContext;
import dev.tfjlabs.keras.layers.Layer;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * {@code keras.layers.Softmax(axis=-1)}: {@code y_i = e^{x_i - max x} / sum_j e^{x_j - max x}}
 * along {@code axis} (counted with the batch as 0; negative from the end).
 */
public final class Softmax extends Layer {
  private final int axis;

  public Softmax(int axis, String name) {
    super(name);
    if (axis == 0) {
      throw new IllegalArgumentException("Softmax cannot normalise over the batch axis (0)");
    }
    this.axis = axis;
  }

  /** Keras's {@code Softmax.from_config}: one integer {@code axis}. */
  public static Softmax fromConfig(Config c) {
    var a = c.get("axis");
    if (a != null && !a.isInt()) {
      throw c.unsupported("axis", a);
    }
    return new Softmax(a == null ? -1 : a.asInt(), c.name());
  }

  @Override
  protected int[] doBuild(int[] in) {
    int a = axis < 0 ? in.length + 1 + axis : axis;
    if (a < 1 || a > in.length) {
      throw new IllegalArgumentException("layer " + name() + " (Softmax): axis " + axis
          + " is out of range for inputs of " + (in.length + 1) + " dimensions");
    }
    return in;
  }

  @Override
  public Operand<TFloat32> call(Operand<TFloat32> x, CallContext ctx) {
    Ops tf = ctx.tf();
    int rank = inputShape().length + 1;
    int a = axis < 0 ? rank + axis : axis;
    if (a == rank - 1) {
      return tf.nn.softmax(x);
    }
    Operand<TFloat32> shifted = tf.math.sub(x, tf.max(x, tf.constant(a),
        org.tensorflow.op.core.Max.keepDims(true)));
    Operand<TFloat32> e = tf.math.exp(shifted);
    return tf.math.div(e, tf.sum(e, tf.constant(a), org.tensorflow.op.core.Sum.keepDims(true)));
  }

  /** Keras's {@code supports_masking}: it passes its input's mask on, as Keras's does. */
  @Override
  public boolean supportsMasking() {
    return true;
  }

  @Override
  protected void addConfig(Map<String, Object> c) {
    c.put("axis", axis);
  }
}
