package dev.tfjlabs.keras.losses;

import dev.tfjlabs.keras.config.Config;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * {@code keras.losses.SparseCategoricalCrossentropy}: labels are class ids [batch], as Keras 3's
 * TensorFlow backend computes it. On probabilities (the default) Keras computes
 * {@code -log(q_y / sum_j q_j)} with {@code q = clip(p, 1e-7, 1 - 1e-7)}, i.e. softmax
 * cross-entropy on the logits {@code log q}; on logits ({@code fromLogits}, or the input of the
 * model's final softmax, which Keras 3 reads in its place) it is softmax cross-entropy on them.
 * Built on the dense
 * {@code SoftmaxCrossEntropyWithLogits}, whose gradient TensorFlow registers (the sparse op's
 * it does not).
 */
public final class SparseCategoricalCrossentropy implements Loss {
  private final boolean fromLogits;

  public SparseCategoricalCrossentropy() {
    this(false);
  }

  public SparseCategoricalCrossentropy(boolean fromLogits) {
    this.fromLogits = fromLogits;
  }

  @Override
  public boolean fromLogits() {
    return fromLogits;
  }

  /**
   * Keras's {@code SparseCategoricalCrossentropy.from_config}: {@code from_logits}; label
   * smoothing, another axis or an ignored class are refused.
   */
  public static SparseCategoricalCrossentropy fromConfig(Config c) {
    c.none("ignore_class");
    c.zero("label_smoothing");
    return new SparseCategoricalCrossentropy(Loss.readCrossentropyConfig(c));
  }

  /** Keras's config: name, reduction, from_logits, ignore_class None. */
  @Override
  public java.util.Map<String, Object> getConfig() {
    java.util.Map<String, Object> c = new java.util.LinkedHashMap<>();
    c.put("name", name());
    c.put("reduction", "sum_over_batch_size");
    c.put("from_logits", fromLogits);
    c.put("ignore_class", null);
    return c;
  }

  @Override
  public String name() {
    return "sparse_categorical_crossentropy";
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
    int classes = (int) yPred.shape().get(-1);
    Operand<TInt32> ids = tf.dtypes.cast(tf.reshape(yTrue, tf.constant(new int[] {-1})), TInt32.class);
    Operand<TFloat32> oneHot = tf.oneHot(ids, tf.constant(classes), tf.constant(1f), tf.constant(0f));
    Operand<TFloat32> logits = Loss.logitsBehind(yPred, "Softmax");
    if (logits == null) {
      logits = fromLogits ? yPred : tf.math.log(Loss.clip(tf, yPred));
    }
    if (yPred.shape().numDimensions() <= 2) {
      return tf.nn.softmaxCrossEntropyWithLogits(logits, oneHot).loss();
    }
    // a sequence output [batch, steps, ..., classes]: every position's loss, in its place
    Operand<TFloat32> flat = tf.nn.softmaxCrossEntropyWithLogits(tf.reshape(logits,
        tf.constant(new int[] {-1, classes})), oneHot).loss();
    Operand<TInt32> shape = tf.shape(yPred);
    return tf.reshape(flat, tf.slice(shape, tf.constant(new int[] {0}),
        tf.expandDims(tf.math.sub(tf.rank(yPred), tf.constant(1)), tf.constant(0))));
  }
}
