package dev.tfjlabs.keras.losses;

import dev.tfjlabs.keras.config.Config;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * {@code keras.losses.BinaryFocalCrossentropy(apply_class_balancing=False, alpha=0.25,
 * gamma=2.0, from_logits=False, label_smoothing=0.0, axis=-1)} (Lin et al. 2017), as Keras 3 computes it:
 * with p the probability (the sigmoid of the logits with {@code fromLogits}), targets smoothed
 * as {@link BinaryCrossentropy} smooths them, and bce the binary cross-entropy of each element,
 *
 * <pre>
 *   p_t = y p + (1 - y)(1 - p)
 *   loss = mean over the axis of (1 - p_t)^gamma * bce
 *          (times y alpha + (1 - y)(1 - alpha) with apply_class_balancing)
 * </pre>
 *
 * <p>The axis is the last by default; another ({@code axis=1} for [batch, classes, h, w]) is
 * averaged over as in {@link BinaryCrossentropy}.
 */
public final class BinaryFocalCrossentropy implements Loss {
  private final boolean applyClassBalancing;
  private final double alpha;
  private final double gamma;
  private final boolean fromLogits;
  private final double labelSmoothing;
  private final int axis;

  public BinaryFocalCrossentropy() {
    this(false, 0.25, 2.0, false, 0.0);
  }

  public BinaryFocalCrossentropy(boolean applyClassBalancing, double alpha, double gamma,
      boolean fromLogits, double labelSmoothing) {
    this(applyClassBalancing, alpha, gamma, fromLogits, labelSmoothing, -1);
  }

  /** @param axis the axis averaged over (Keras's default -1, the last) */
  public BinaryFocalCrossentropy(boolean applyClassBalancing, double alpha, double gamma,
      boolean fromLogits, double labelSmoothing, int axis) {
    this.axis = axis;
    this.applyClassBalancing = applyClassBalancing;
    this.alpha = alpha;
    this.gamma = gamma;
    this.fromLogits = fromLogits;
    this.labelSmoothing = Loss.labelSmoothing(labelSmoothing);
  }

  /** Keras's {@code BinaryFocalCrossentropy.from_config}. */
  public static BinaryFocalCrossentropy fromConfig(Config c) {
    double smoothing = c.number("label_smoothing", 0.0);
    boolean logits = Loss.readLogits(c);
    return new BinaryFocalCrossentropy(c.bool("apply_class_balancing", false),
        c.number("alpha", 0.25), c.number("gamma", 2.0), logits, smoothing, Loss.readAxis(c));
  }

  @Override
  public boolean fromLogits() {
    return fromLogits;
  }

  @Override
  public String name() {
    return "binary_focal_crossentropy";
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> c = Loss.crossentropyConfig(this, labelSmoothing, axis);
    c.put("apply_class_balancing", applyClassBalancing);
    c.put("alpha", alpha);
    c.put("gamma", gamma);
    return c;
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
    Operand<TFloat32> one = tf.constant(1f);
    Operand<TFloat32> y = Loss.likePrediction(tf, yTrue, yPred);
    y = Loss.smoothBinary(tf, y, labelSmoothing);
    Operand<TFloat32> p = fromLogits ? tf.math.sigmoid(yPred) : yPred;
    Operand<TFloat32> bce = BinaryCrossentropy.elements(tf, y, p, false);
    Operand<TFloat32> pt = tf.math.add(tf.math.mul(y, p),
        tf.math.mul(tf.math.sub(one, y), tf.math.sub(one, p)));
    Operand<TFloat32> focal = tf.math.mul(
        tf.math.pow(tf.math.sub(one, pt), tf.constant((float) gamma)), bce);
    if (applyClassBalancing) {
      focal = tf.math.mul(focal, tf.math.add(tf.math.mul(y, tf.constant((float) alpha)),
          tf.math.mul(tf.math.sub(one, y), tf.constant((float) (1 - alpha)))));
    }
    return Loss.meanOverLastAxis(tf, Loss.axisLast(tf, focal, axis));
  }
}
