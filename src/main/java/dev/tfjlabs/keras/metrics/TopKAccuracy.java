package dev.tfjlabs.keras.metrics;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Keras's {@code top_k_categorical_accuracy} (one-hot targets) and
 * {@code sparse_top_k_categorical_accuracy} (class ids), k 5 by default: 1 where the target class
 * is among the k highest predictions (classes tied at the k-th value count as among them, as
 * TensorFlow's {@code in_top_k} has it), else 0.
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

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
    Operand<TInt32> target = sparse
        ? tf.dtypes.cast(tf.reshape(yTrue, tf.constant(new int[] {-1})), TInt32.class)
        : tf.dtypes.cast(tf.math.argMax(yTrue, tf.constant(-1)), TInt32.class);
    return tf.dtypes.cast(tf.nn.inTopK(yPred, target, tf.constant(k)), TFloat32.class);
  }
}
