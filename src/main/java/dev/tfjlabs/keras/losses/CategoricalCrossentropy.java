package dev.tfjlabs.keras.losses;

import dev.tfjlabs.keras.config.Config;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.types.TFloat32;

/**
 * {@code keras.losses.CategoricalCrossentropy}: one-hot targets, as Keras 3's TensorFlow backend
 * computes it. On probabilities: {@code -sum_j y_j log(clip(p_j / sum_k p_k, 1e-7, 1 - 1e-7))};
 * on logits ({@code fromLogits}, or the input of the model's final softmax, which Keras 3 reads
 * in its place): softmax cross-entropy on them.
 *
 * <p>With {@code labelSmoothing} s and K classes the targets are first
 * {@code y (1 - s) + s / K}. With an {@code axis} other than the last (Keras's default -1), the
 * classes are along that axis ([batch, classes, h, w] with {@code axis=1}): the loss is computed
 * over it, one value per remaining position.
 */
public final class CategoricalCrossentropy implements Loss {
  private final boolean fromLogits;
  private final double labelSmoothing;
  private final int axis;

  public CategoricalCrossentropy() {
    this(false);
  }

  public CategoricalCrossentropy(boolean fromLogits) {
    this(fromLogits, 0);
  }

  /** @param labelSmoothing in [0, 1]; Keras's default 0 */
  public CategoricalCrossentropy(boolean fromLogits, double labelSmoothing) {
    this(fromLogits, labelSmoothing, -1);
  }

  /**
   * @param axis the class axis of the predictions (Keras's default -1, the last); another moves
   *     it last before the loss, as Keras's {@code axis} computes over it
   */
  public CategoricalCrossentropy(boolean fromLogits, double labelSmoothing, int axis) {
    this.fromLogits = fromLogits;
    this.labelSmoothing = Loss.labelSmoothing(labelSmoothing);
    this.axis = axis;
  }

  @Override
  public boolean fromLogits() {
    return fromLogits;
  }

  /**
   * Keras's {@code CategoricalCrossentropy.from_config}: {@code from_logits},
   * {@code label_smoothing}, {@code axis}.
   */
  public static CategoricalCrossentropy fromConfig(Config c) {
    double smoothing = c.number("label_smoothing", 0.0);
    return new CategoricalCrossentropy(Loss.readLogits(c), smoothing, Loss.readAxis(c));
  }

  /** Keras's config: name, reduction, from_logits, label_smoothing, axis. */
  @Override
  public java.util.Map<String, Object> getConfig() {
    return Loss.crossentropyConfig(this, labelSmoothing, axis);
  }

  @Override
  public String name() {
    return "categorical_crossentropy";
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
    Operand<TFloat32> y = Loss.axisLast(tf, Loss.likePrediction(tf, yTrue, yPred), axis);
    yPred = Loss.axisLast(tf, yPred, axis);
    y = Loss.smoothCategorical(tf, y, yPred, labelSmoothing);
    Operand<TFloat32> logits = Loss.logitsBehind(yPred, "Softmax");
    if (logits == null && fromLogits) {
      logits = yPred;
    }
    if (logits != null) {
      return tf.nn.softmaxCrossEntropyWithLogits(logits, y).loss();
    }
    Operand<TFloat32> sums = tf.reduceSum(yPred, tf.constant(-1), ReduceSum.keepDims(true));
    Operand<TFloat32> p = Loss.clip(tf, tf.math.div(yPred, sums));
    return tf.math.neg(tf.reduceSum(tf.math.mul(y, tf.math.log(p)), tf.constant(-1)));
  }
}
