package dev.tfjlabs.keras.losses;

import dev.tfjlabs.keras.config.Config;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** {@code keras.losses.CategoricalHinge}: {@code max(max((1 - y) p) - sum(y p) + 1, 0)} per sample, y one-hot. */
public final class CategoricalHinge implements Loss {

  /** Keras's {@code CategoricalHinge.from_config}. */
  public static CategoricalHinge fromConfig(Config c) {
    Loss.readBaseConfig(c);
    return new CategoricalHinge();
  }

  @Override
  public String name() {
    return "categorical_hinge";
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
    Operand<TFloat32> y = Loss.likePrediction(tf, yTrue, yPred);
    Operand<TFloat32> p = yPred;
    Operand<org.tensorflow.types.TInt32> last = tf.constant(-1);
    Operand<TFloat32> pos = tf.sum(tf.math.mul(y, p), last);
    Operand<TFloat32> neg = tf.max(tf.math.mul(tf.math.sub(tf.constant(1f), y), p), last);
    return tf.math.maximum(tf.math.add(tf.math.sub(neg, pos), tf.constant(1f)),
        tf.constant(0f));
  }
}
