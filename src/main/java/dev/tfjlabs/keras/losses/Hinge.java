package dev.tfjlabs.keras.losses;

import dev.tfjlabs.keras.config.Config;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** {@code keras.losses.Hinge}: {@code mean(max(1 - y p, 0))} over the last axis, 0/1 targets taken as -1/1. */
public final class Hinge implements Loss {

  /** Keras's {@code Hinge.from_config}. */
  public static Hinge fromConfig(Config c) {
    Loss.readBaseConfig(c);
    return new Hinge();
  }

  @Override
  public String name() {
    return "hinge";
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
    Operand<TFloat32> y = Loss.likePrediction(tf, yTrue, yPred);
    Operand<TFloat32> p = yPred;
    return Loss.meanOverLastAxis(tf, margin(tf, y, p));
  }

  /**
   * {@code max(1 - y p, 0)} with Keras's targets: 0/1 targets are turned into -1/1, targets
   * already -1/1 stay.
   */
  static Operand<TFloat32> margin(Ops tf, Operand<TFloat32> y, Operand<TFloat32> p) {
    // Keras turns 0/1 targets into -1/1 (targets already -1/1 stay)
    Operand<TFloat32> binary = tf.dtypes.cast(tf.reduceAll(tf.math.logicalOr(
        tf.math.equal(y, tf.constant(0f)), tf.math.equal(y, tf.constant(1f))),
        tf.range(tf.constant(0), tf.rank(y), tf.constant(1))), TFloat32.class);
    Operand<TFloat32> signs = tf.math.add(tf.math.mul(binary, tf.math.sub(tf.math.mul(
        tf.constant(2f), y), tf.constant(1f))), tf.math.mul(tf.math.sub(tf.constant(1f), binary),
        y));
    return tf.math.maximum(tf.math.sub(tf.constant(1f),
        tf.math.mul(signs, p)), tf.constant(0f));
  }
}
