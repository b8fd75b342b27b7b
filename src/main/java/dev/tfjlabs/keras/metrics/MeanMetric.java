package dev.tfjlabs.keras.metrics;

import dev.tfjlabs.keras.losses.Loss;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code MeanMetricWrapper} of a loss function ({@code metrics=["mae"]}): the loss's
 * value for each sample, averaged over every sample of the epoch, logged under the name it was
 * asked by.
 */
public final class MeanMetric implements SampleMetric {
  private final String name;
  private final Loss fn;

  public MeanMetric(String name, Loss fn) {
    this.name = name;
    this.fn = fn;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
    return fn.call(tf, yTrue, yPred);
  }
}
