package dev.tfjlabs.keras.losses;

import dev.tfjlabs.keras.config.Config;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * {@code keras.losses.BinaryCrossentropy}: targets 0/1, averaged over its axis (the last by
 * default), as Keras 3's TensorFlow backend computes it ({@code keras/src/backend/tensorflow/nn.py}). On probabilities,
 * with {@code q = clip(p, 1e-7, 1 - 1e-7)}:
 *
 * <pre>
 *   -(y log(q) + (1 - y) log(1 - q))
 * </pre>
 *
 * so a clipped probability costs {@code -log(1e-7) = 16.118}. On logits x ({@code fromLogits},
 * or the input of the model's final sigmoid, which Keras 3 reads in its place):
 *
 * <pre>
 *   max(x, 0) - x y + log(1 + exp(-|x|))
 * </pre>
 *
 * TensorFlow's {@code sigmoid_cross_entropy_with_logits}, finite for any x. tf.keras 2 added
 * 1e-7 inside each log instead ({@code log(q + 1e-7)}: 15.425 at a clipped probability).
 *
 * <p>With {@code labelSmoothing} s the targets are first {@code y (1 - s) + s / 2}.
 */
public final class BinaryCrossentropy implements Loss {
  private final boolean fromLogits;
  private final double labelSmoothing;
  private final int axis;

  public BinaryCrossentropy() {
    this(false);
  }

  public BinaryCrossentropy(boolean fromLogits) {
    this(fromLogits, 0);
  }

  /** @param labelSmoothing in [0, 1]; Keras's default 0 */
  public BinaryCrossentropy(boolean fromLogits, double labelSmoothing) {
    this(fromLogits, labelSmoothing, -1);
  }

  /**
   * @param axis the class axis of the predictions (Keras's default -1, the last); another moves
   *     it last before the loss, as Keras's {@code axis} computes over it
   */
  public BinaryCrossentropy(boolean fromLogits, double labelSmoothing, int axis) {
    this.fromLogits = fromLogits;
    this.labelSmoothing = Loss.labelSmoothing(labelSmoothing);
    this.axis = axis;
  }

  @Override
  public boolean fromLogits() {
    return fromLogits;
  }

  /**
   * Keras's {@code BinaryCrossentropy.from_config}: {@code from_logits}, {@code label_smoothing};
   * {@code axis}.
   */
  public static BinaryCrossentropy fromConfig(Config c) {
    double smoothing = c.number("label_smoothing", 0.0);
    return new BinaryCrossentropy(Loss.readLogits(c), smoothing, Loss.readAxis(c));
  }

  /** Keras's config: name, reduction, from_logits, label_smoothing, axis. */
  @Override
  public java.util.Map<String, Object> getConfig() {
    return Loss.crossentropyConfig(this, labelSmoothing, axis);
  }

  @Override
  public String name() {
    return "binary_crossentropy";
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
    Operand<TFloat32> y = Loss.likePrediction(tf, yTrue, yPred);
    y = Loss.smoothBinary(tf, y, labelSmoothing);
    // element-wise, then averaged over the axis (Keras's default -1, the last)
    return Loss.meanOverLastAxis(tf, Loss.axisLast(tf, elements(tf, y, yPred, fromLogits), axis));
  }

  /**
   * The cross-entropy of each element, as Keras 3's backend {@code binary_crossentropy}
   * computes it: from the logits when {@code yPred} is them ({@code fromLogits}) or the output
   * of a sigmoid, else from the clipped probabilities.
   */
  static Operand<TFloat32> elements(Ops tf, Operand<TFloat32> y, Operand<TFloat32> yPred,
      boolean fromLogits) {
    Operand<TFloat32> logits = Loss.logitsBehind(yPred, "Sigmoid");
    if (logits == null && fromLogits) {
      logits = yPred;
    }
    if (logits != null) {
      return tf.math.add(tf.math.sub(tf.nn.relu(logits), tf.math.mul(logits, y)),
          tf.math.log1p(tf.math.exp(tf.math.neg(tf.math.abs(logits)))));
    }
    Operand<TFloat32> q = Loss.clip(tf, yPred);
    Operand<TFloat32> one = tf.constant(1f);
    Operand<TFloat32> pos = tf.math.mul(y, tf.math.log(q));
    Operand<TFloat32> neg = tf.math.mul(tf.math.sub(one, y), tf.math.log(tf.math.sub(one, q)));
    return tf.math.neg(tf.math.add(pos, neg));
  }
}
