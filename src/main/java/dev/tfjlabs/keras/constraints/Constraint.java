package dev.tfjlabs.keras.constraints;

import dev.tfjlabs.keras.config.Config;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code Constraint}: a projection applied to a weight after each optimizer update
 * (a layer's {@code kernel_constraint}, {@code recurrent_constraint}, {@code bias_constraint},
 * ...), as Keras 3's optimizer does after applying the gradients:
 * {@code w <- constraint(w)}.
 */
public interface Constraint {
  /** Keras's {@code backend.epsilon()}, added to a norm before dividing by it. */
  float EPSILON = 1e-7f;

  /** The projected weight. */
  Operand<TFloat32> call(Ops tf, Operand<TFloat32> w);

  /** Keras's class name. */
  default String className() {
    return getClass().getSimpleName();
  }

  /** Keras's {@code get_config()}. */
  Map<String, Object> getConfig();

  /** As a layer's config holds it: {@code module}, {@code class_name}, {@code config}. */
  default Map<String, Object> serialize() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("module", "keras.constraints");
    s.put("class_name", className());
    s.put("config", getConfig());
    s.put("registered_name", null);
    return s;
  }

  /** {@code sqrt(sum(w^2))} over {@code axes}, kept as axes of size 1. */
  static Operand<TFloat32> norms(Ops tf, Operand<TFloat32> w, int[] axes) {
    return tf.math.sqrt(tf.reduceSum(tf.math.square(w), tf.constant(axes),
        ReduceSum.keepDims(true)));
  }

  /** A config's {@code axis}: one integer or a list of them (default 0). */
  static int[] axes(Config c) {
    int[] axes = c.axes("axis");
    return axes == null ? new int[] {0} : axes;
  }

  /** {@code axis} as Keras writes it: the integer, or the list of several. */
  static Object axisConfig(int[] axes) {
    if (axes.length == 1) {
      return axes[0];
    }
    List<Integer> out = new ArrayList<>();
    for (int a : axes) {
      out.add(a);
    }
    return out;
  }
}
