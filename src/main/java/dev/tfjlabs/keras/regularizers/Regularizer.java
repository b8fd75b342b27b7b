package dev.tfjlabs.keras.regularizers;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code Regularizer}: a penalty on a weight (a layer's {@code kernel_regularizer},
 * {@code recurrent_regularizer}, {@code bias_regularizer}), added to the loss that training
 * minimises and that {@code fit} and {@code evaluate} report, as Keras adds
 * {@code model.losses} to it.
 */
public interface Regularizer {

  /** The penalty of {@code x}, a float scalar. */
  Operand<TFloat32> call(Ops tf, Operand<TFloat32> x);

  /** Keras's class name ({@code L1}, {@code L2}, {@code L1L2}). */
  default String className() {
    return getClass().getSimpleName();
  }

  /** Keras's {@code get_config()}. */
  Map<String, Object> getConfig();

  /** As a layer's config holds it: {@code module}, {@code class_name}, {@code config}. */
  default Map<String, Object> serialize() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("module", "keras.regularizers");
    s.put("class_name", className());
    s.put("config", getConfig());
    s.put("registered_name", null);
    return s;
  }

  /** {@code factor * sum(|x|)}. */
  static Operand<TFloat32> l1(Ops tf, double factor, Operand<TFloat32> x) {
    return tf.math.mul(tf.constant((float) factor), tf.sum(tf.math.abs(x), all(tf, x)));
  }

  /** {@code factor * sum(x^2)}. */
  static Operand<TFloat32> l2(Ops tf, double factor, Operand<TFloat32> x) {
    return tf.math.mul(tf.constant((float) factor), tf.sum(tf.math.square(x), all(tf, x)));
  }

  /** Every axis of {@code x}. */
  private static Operand<org.tensorflow.types.TInt32> all(Ops tf, Operand<TFloat32> x) {
    return tf.range(tf.constant(0), tf.rank(x), tf.constant(1));
  }

  /** Keras's {@code validate_float_arg}: a finite factor of at least 0. */
  static double factor(String name, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("Invalid value for argument " + name + ": expected a"
          + " non-negative float, got " + value);
    }
    return value;
  }
}
