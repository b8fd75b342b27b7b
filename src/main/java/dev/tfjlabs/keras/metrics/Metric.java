package dev.tfjlabs.keras.metrics;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** A Keras mean metric: one value per sample, averaged over every sample of an epoch. */
public interface Metric {
  /** The name under which the metric is logged ({@code accuracy}). */
  String name();

  /** The value of each sample, shape [batch]. */
  Operand<TFloat32> call(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred);
}
