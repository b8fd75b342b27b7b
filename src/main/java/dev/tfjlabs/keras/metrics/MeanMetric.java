package dev.tfjlabs.keras.metrics;

import dev.tfjlabs.keras.losses.Loss;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code MeanMetricWrapper} of a loss function ({@code metrics=["mae"]}): the loss's
 * value for each sample, averaged over every sample of the epoch, logged under the name it was
 * asked by; or one of Keras's metric classes that wrap a loss ({@code
 * SparseCategoricalCrossentropy(from_logits=True)}, {@code MeanSquaredError(name="err")}), with
 * the loss's arguments and its own name.
 */
public final class MeanMetric implements SampleMetric {
  private final String name;
  private final Loss fn;
  /** Keras's metric class where the metric is one with arguments or a name of its own. */
  private final String className;

  /** The metric Keras's string {@code name} stands for. */
  public MeanMetric(String name, Loss fn) {
    this(name, fn, null);
  }

  /**
   * Keras's metric class {@code className} ({@code MeanSquaredError}) under {@code name},
   * computing {@code fn} (the loss of that class, with the metric's arguments).
   */
  public MeanMetric(String name, Loss fn, String className) {
    this.name = name;
    this.fn = fn;
    this.className = className;
  }

  /** Its name, or for a metric class Keras's dict: name, dtype and the loss's arguments. */
  @Override
  public Object serialize() {
    if (className == null) {
      return name;
    }
    java.util.Map<String, Object> config = Metrics.baseConfig(name);
    fn.getConfig().forEach((k, v) -> {
      if (!k.equals("name") && !k.equals("reduction")) {
        config.put(k, v);
      }
    });
    return Metrics.serialized(className, config);
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
