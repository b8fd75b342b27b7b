package dev.tfjlabs.keras.metrics;

import dev.tfjlabs.keras.losses.BinaryCrossentropy;
import dev.tfjlabs.keras.losses.Loss;
import dev.tfjlabs.keras.losses.SparseCategoricalCrossentropy;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The metric Keras's string {@code "accuracy"} resolves to, logged as {@code accuracy}:
 * binary accuracy ({@code p > 0.5} equals y) when the loss is binary cross-entropy or the
 * output has one unit, sparse categorical accuracy ({@code argmax p} equals the class id) when
 * the loss is sparse, categorical accuracy ({@code argmax p} equals {@code argmax y}) otherwise.
 * Also Keras's {@code BinaryAccuracy(name="binary_accuracy", threshold=0.5)},
 * {@code CategoricalAccuracy} and {@code SparseCategoricalAccuracy} objects, by their names.
 */
public final class Accuracy implements SampleMetric {

  /** Which of Keras's three accuracies. */
  public enum Kind {
    BINARY,
    SPARSE_CATEGORICAL,
    CATEGORICAL
  }

  private final Kind kind;
  private final String name;
  private final double threshold;

  public Accuracy(Kind kind) {
    this(kind, "accuracy");
  }

  /** @param name the name it is logged under ({@code binary_accuracy}, ...) */
  public Accuracy(Kind kind, String name) {
    this(kind, name, 0.5);
  }

  /**
   * @param threshold above which a binary prediction is 1 (Keras's default 0.5); only for
   *     {@link Kind#BINARY}
   */
  public Accuracy(Kind kind, String name, double threshold) {
    if (kind != Kind.BINARY && threshold != 0.5) {
      throw new IllegalArgumentException("only a binary accuracy has a threshold, got "
          + threshold + " for " + name);
    }
    this.kind = kind;
    this.name = name;
    this.threshold = threshold;
  }

  /**
   * Keras's {@code BinaryAccuracy}, {@code CategoricalAccuracy} or
   * {@code SparseCategoricalAccuracy} config.
   */
  static Accuracy fromConfig(dev.tfjlabs.keras.config.Config c, Kind kind) {
    double threshold = kind == Kind.BINARY ? c.number("threshold", 0.5) : 0.5;
    return new Accuracy(kind, c.text("name", defaultName(kind)), threshold);
  }

  private static String defaultName(Kind kind) {
    return switch (kind) {
      case BINARY -> "binary_accuracy";
      case SPARSE_CATEGORICAL -> "sparse_categorical_accuracy";
      case CATEGORICAL -> "categorical_accuracy";
    };
  }

  /**
   * Its name where Keras resolves the name to this metric ({@code "accuracy"},
   * {@code "binary_accuracy"}), else Keras's dict with the name and threshold.
   */
  @Override
  public Object serialize() {
    if (threshold == 0.5 && (name.equals("accuracy") || name.equals(defaultName(kind)))) {
      return name;
    }
    java.util.Map<String, Object> config = Metrics.baseConfig(name);
    if (kind == Kind.BINARY) {
      config.put("threshold", threshold);
    }
    return Metrics.serialized(switch (kind) {
      case BINARY -> "BinaryAccuracy";
      case SPARSE_CATEGORICAL -> "SparseCategoricalAccuracy";
      case CATEGORICAL -> "CategoricalAccuracy";
    }, config);
  }

  /** Keras's resolution of {@code "accuracy"} for a loss and an output width. */
  public static Accuracy resolve(Loss loss, int outputUnits) {
    if (loss instanceof BinaryCrossentropy || outputUnits == 1) {
      return new Accuracy(Kind.BINARY);
    }
    if (loss instanceof SparseCategoricalCrossentropy) {
      return new Accuracy(Kind.SPARSE_CATEGORICAL);
    }
    return new Accuracy(Kind.CATEGORICAL);
  }

  public Kind kind() {
    return kind;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
    return switch (kind) {
      case BINARY -> {
        Operand<TFloat32> predicted =
            tf.dtypes.cast(tf.math.greater(yPred, tf.constant((float) threshold)), TFloat32.class);
        Operand<TFloat32> hit = tf.dtypes.cast(
            tf.math.equal(Loss.likePrediction(tf, yTrue, yPred), predicted), TFloat32.class);
        yield Loss.meanOverLastAxis(tf, hit);
      }
      case SPARSE_CATEGORICAL -> {
        Operand<TFloat32> predicted =
            tf.dtypes.cast(tf.math.argMax(yPred, tf.constant(-1)), TFloat32.class);
        yield tf.dtypes.cast(tf.math.equal(tf.reshape(yTrue, tf.constant(new int[] {-1})),
            predicted), TFloat32.class);
      }
      case CATEGORICAL -> tf.dtypes.cast(tf.math.equal(
          tf.math.argMax(Loss.likePrediction(tf, yTrue, yPred), tf.constant(-1)),
          tf.math.argMax(yPred, tf.constant(-1))), TFloat32.class);
    };
  }
}
