package dev.tfjlabs.keras.metrics;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's confusion counts ({@code keras/src/metrics/metrics_utils.py},
 * {@code update_confusion_matrix_variables}) of a batch: every prediction of {@code yPred}
 * against its label in {@code yTrue} (1 positive, 0 negative), a prediction positive where it
 * is above the threshold.
 */
final class Confusion {
  private Confusion() {}

  /** [n] predictions flattened, in [0, 1]. */
  static Operand<TFloat32> flat(Ops tf, Operand<TFloat32> x) {
    return tf.reshape(x, tf.constant(new int[] {-1}));
  }

  /**
   * Per threshold (columns), {@code [tp..., fp..., tn..., fn...]}, the counts of the batch:
   * {@code pred > t} positive.
   */
  static Operand<TFloat32> counts(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred,
      float[] thresholds) {
    Operand<TFloat32> pred = tf.expandDims(flat(tf, yPred), tf.constant(1));
    Operand<TFloat32> label = tf.expandDims(flat(tf, tf.reshape(yTrue, tf.shape(yPred))),
        tf.constant(1));
    Operand<TFloat32> positive = tf.dtypes.cast(tf.math.greater(pred,
        tf.expandDims(tf.constant(thresholds), tf.constant(0))), TFloat32.class);
    Operand<TFloat32> negative = tf.math.sub(tf.constant(1f), positive);
    Operand<TFloat32> wrong = tf.math.sub(tf.constant(1f), label);
    Operand<org.tensorflow.types.TInt32> rows = tf.constant(0);
    return tf.concat(java.util.List.of(
        tf.sum(tf.math.mul(positive, label), rows),
        tf.sum(tf.math.mul(positive, wrong), rows),
        tf.sum(tf.math.mul(negative, wrong), rows),
        tf.sum(tf.math.mul(negative, label), rows)), tf.constant(0));
  }

  /** {@code a / b}, 0 where {@code b} is 0 (Keras's {@code divide_no_nan}). */
  static double divideNoNan(double a, double b) {
    return b == 0 ? 0 : a / b;
  }
}
