package dev.tfjlabs.keras.layers.activations;

import dev.tfjlabs.keras.config.Config;
import dev.tfjlabs.keras.initializers.Initializer;
import dev.tfjlabs.keras.initializers.Initializers;
import dev.tfjlabs.keras.initializers.KerasInitializer;
import dev.tfjlabs.keras.layers.CallContext;
import dev.tfjlabs.keras.layers.Layer;
import dev.tfjlabs.keras.layers.Weight;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * {@code keras.layers.PReLU(alpha_initializer="zeros", shared_axes=None)}, the parametric ReLU
 * (He et al. 2015): {@code y = relu(x) - alpha * relu(-x)}, with a trained {@code alpha} of the
 * input's shape (without the batch), of size 1 along each of {@code shared_axes} (1-based, as
 * Keras counts them), so that one slope serves a whole axis.
 */
public final class PReLU extends Layer {
  private final Initializer alphaInitializer;
  private final int[] sharedAxes;
  private Weight alpha;

  /**
   * @param alphaInitializer the slopes' initializer (Keras's default zeros)
   * @param sharedAxes the axes (1-based, after the batch) that share one slope; null for none
   */
  public PReLU(Initializer alphaInitializer, int[] sharedAxes, String name) {
    super(name);
    this.alphaInitializer = alphaInitializer;
    this.sharedAxes = sharedAxes == null ? null : sharedAxes.clone();
  }

  /** Keras's {@code PReLU.from_config}. */
  public static PReLU fromConfig(Config c) {

    var s = c.get("shared_axes");
    int[] shared = null;
    if (s != null && !s.isNull()) {
      List<Integer> axes = new ArrayList<>();
      if (s.isArray()) {
        s.forEach(a -> axes.add(a.asInt()));
      } else {
        axes.add(s.asInt());
      }
      shared = axes.stream().mapToInt(Integer::intValue).toArray();
    }
    PReLU layer = new PReLU(initializer(c, "alpha_initializer", Initializers.zeros()), shared,
        c.name());
    withRegularizer(c, layer, "alpha_regularizer", "alpha");
    return withConstraint(c, layer, "alpha_constraint", "alpha");
  }

  @Override
  protected int[] doBuild(int[] in) {
    int[] shape = in.clone();
    if (sharedAxes != null) {
      for (int axis : sharedAxes) {
        if (axis < 1 || axis > in.length) {
          throw new IllegalArgumentException("PReLU " + name() + ": shared axis " + axis
              + " is not an axis of its input " + Arrays.toString(in) + " (1-based, after the"
              + " batch)");
        }
        shape[axis - 1] = 1;
      }
    }
    for (int d : shape) {
      if (d <= 0) {
        throw badShape("PReLU", "axes of known size, or shared_axes over the unknown ones", in);
      }
    }
    alpha = addWeight("alpha", shape, alphaInitializer);
    return in;
  }

  @Override
  public Operand<TFloat32> call(Operand<TFloat32> x, CallContext ctx) {
    Ops tf = ctx.tf();
    return tf.math.sub(tf.nn.relu(x), tf.math.mul(ctx.get(alpha), tf.nn.relu(tf.math.neg(x))));
  }

  /** Keras's {@code supports_masking}: it passes its input's mask on, as Keras's does. */
  @Override
  public boolean supportsMasking() {
    return true;
  }

  @Override
  protected void addConfig(Map<String, Object> c) {
    c.put("alpha_initializer", KerasInitializer.serialize(alphaInitializer));
    c.put("alpha_regularizer", regularizerConfig("alpha"));
    c.put("alpha_constraint", constraintConfig("alpha"));
    c.put("shared_axes", sharedAxes == null ? null
        : Arrays.stream(sharedAxes).boxed().toList());
  }
}
