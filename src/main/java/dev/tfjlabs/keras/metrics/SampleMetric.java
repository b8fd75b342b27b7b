package dev.tfjlabs.keras.metrics;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A Keras mean metric ({@code MeanMetricWrapper}): one value per sample (or per sample and
 * step, for a sequence output), averaged over every value of an epoch.
 */
public interface SampleMetric extends Metric {

  /** The value of each sample, shape [batch] (or [batch, steps]). */
  Operand<TFloat32> call(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred);

  /** The sum and the count of the values. */
  @Override
  default int accumulators() {
    return 2;
  }

  /** The sum of the batch's values and how many there are. */
  @Override
  default Operand<TFloat32> sums(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
    Operand<TFloat32> values = call(tf, yTrue, yPred);
    Operand<TFloat32> sum = tf.sum(values, tf.range(tf.constant(0), tf.rank(values),
        tf.constant(1)));
    Operand<TFloat32> count = tf.dtypes.cast(tf.size(values), TFloat32.class);
    return tf.stack(java.util.List.of(sum, count));
  }

  /** The sum of the unmasked steps' values and how many there are. */
  @Override
  default Operand<TFloat32> sums(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred,
      Operand<org.tensorflow.types.TBool> mask) {
    if (mask == null) {
      return sums(tf, yTrue, yPred);
    }
    Operand<TFloat32> m = tf.dtypes.cast(mask, TFloat32.class);
    Operand<TFloat32> values = tf.reshape(call(tf, Metric.steps(tf, yTrue),
        Metric.steps(tf, yPred)), tf.shape(m));
    Operand<org.tensorflow.types.TInt32> both = tf.constant(new int[] {0, 1});
    return tf.stack(java.util.List.of(tf.sum(tf.math.mul(values, m), both), tf.sum(m, both)));
  }

  /** The mean of the values. */
  @Override
  default double result(double[] totals, long samples) {
    return totals[1] == 0 ? 0 : totals[0] / totals[1];
  }
}
