package dev.tfjlabs.keras.metrics;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Keras's {@code TopKCategoricalAccuracy(k=5, name="top_k_categorical_accuracy")} (one-hot
 * targets) and {@code SparseTopKCategoricalAccuracy(k=5,
 * name="sparse_top_k_categorical_accuracy")} (class ids): 1 where the target class is among the
 * k highest predictions (classes tied at the k-th value count as among them, as TensorFlow's
 * {@code in_top_k} has it), else 0.
 */
public final class TopKAccuracy implements SampleMetric {
  private final boolean sparse;
  private final int k;
  private final String name;

  public TopKAccuracy(boolean sparse, int k, String name) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1, got " + k);
    }
    this.sparse = sparse;
    this.k = k;
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  /** Keras's {@code TopKCategoricalAccuracy} or {@code SparseTopKCategoricalAccuracy} config. */
  static TopKAccuracy fromConfig(dev.tfjlabs.keras.config.Config c, boolean sparse) {
    if (sparse) {
      c.fixed("from_sorted_ids", false);
    }
    int k = c.has("k") ? c.positive("k") : 5;
    return new TopKAccuracy(sparse, k, c.text("name", defaultName(sparse)));
  }

  private static String defaultName(boolean sparse) {
    return sparse ? "sparse_top_k_categorical_accuracy" : "top_k_categorical_accuracy";
  }

  /** Its name where it has Keras's defaults, else Keras's dict with {@code k}. */
  @Override
  public Object serialize() {
    if (k == 5 && name.equals(defaultName(sparse))) {
      return name;
    }
    java.util.Map<String, Object> config = Metrics.baseConfig(name);
    config.put("k", k);
    return Metrics.serialized(sparse ? "SparseTopKCategoricalAccuracy" : "TopKCategoricalAccuracy",
        config);
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
    Operand<TInt32> target = sparse
        ? tf.dtypes.cast(tf.reshape(yTrue, tf.constant(new int[] {-1})), TInt32.class)
        : tf.dtypes.cast(tf.math.argMax(yTrue, tf.constant(-1)), TInt32.class);
    return tf.dtypes.cast(tf.nn.inTopK(yPred, target, tf.constant(k)), TFloat32.class);
  }
}
