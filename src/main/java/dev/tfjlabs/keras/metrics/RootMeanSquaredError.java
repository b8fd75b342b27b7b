package dev.tfjlabs.keras.metrics;

import dev.tfjlabs.keras.losses.MeanSquaredError;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * {@code keras.metrics.RootMeanSquaredError()}: over an epoch,
 * {@code sqrt(mean((y_pred - y_true)^2))}, the root taken of the epoch's mean, not averaged
 * over batches.
 */
public final class RootMeanSquaredError implements Metric {
  private final MeanSquaredError squares = new MeanSquaredError();
  private final String name;

  public RootMeanSquaredError() {
    this("root_mean_squared_error");
  }

  public RootMeanSquaredError(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  /** The sum and the count of the squared errors' per-sample means. */
  @Override
  public int accumulators() {
    return 2;
  }

  @Override
  public Operand<TFloat32> sums(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
    Operand<TFloat32> values = squares.call(tf, yTrue, yPred);
    return tf.stack(java.util.List.of(tf.sum(values, tf.range(tf.constant(0), tf.rank(values),
        tf.constant(1))), tf.dtypes.cast(tf.size(values), TFloat32.class)));
  }

  @Override
  public double result(double[] totals, long samples) {
    return totals[1] == 0 ? 0 : Math.sqrt(totals[0] / totals[1]);
  }
}
