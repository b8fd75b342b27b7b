package dev.tfjlabs.keras.losses;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * {@code keras.losses.BinaryCrossentropy}: targets 0/1. On probabilities Keras computes, with
 * {@code q = clip(p, 1e-7, 1 - 1e-7)}, {@code -(y log(q + 1e-7) + (1 - y) log(1 - q + 1e-7))},
 * averaged over the last axis; with {@code fromLogits} the same through {@code sigmoid}.
 */
public final class BinaryCrossentropy implements Loss {
  private final boolean fromLogits;

  public BinaryCrossentropy() {
    this(false);
  }

  public BinaryCrossentropy(boolean fromLogits) {
    this.fromLogits = fromLogits;
  }

  @Override
  public String name() {
    return "binary_crossentropy";
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
    Operand<TFloat32> y = Loss.likePrediction(tf, yTrue, yPred);
    Operand<TFloat32> q = Loss.clip(tf, fromLogits ? tf.math.sigmoid(yPred) : yPred);
    Operand<TFloat32> eps = tf.constant(EPSILON);
    Operand<TFloat32> one = tf.constant(1f);
    Operand<TFloat32> pos = tf.math.mul(y, tf.math.log(tf.math.add(q, eps)));
    Operand<TFloat32> neg = tf.math.mul(tf.math.sub(one, y),
        tf.math.log(tf.math.add(tf.math.sub(one, q), eps)));
    return Loss.meanOverLastAxis(tf, tf.math.neg(tf.math.add(pos, neg)));
  }
}
