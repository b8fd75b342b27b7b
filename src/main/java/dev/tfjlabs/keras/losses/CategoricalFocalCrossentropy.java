package dev.tfjlabs.keras.losses;

import dev.tfjlabs.keras.config.Config;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.types.TFloat32;

/**
 * {@code keras.losses.CategoricalFocalCrossentropy(alpha=0.25, gamma=2.0, from_logits=False,
 * label_smoothing=0.0, axis=-1)} (Lin et al. 2017), as Keras 3 computes it: one-hot targets
 * smoothed as {@link CategoricalCrossentropy} smooths them, the probabilities (the softmax of the
 * logits with {@code fromLogits}) normalised to sum 1 and clipped to [1e-7, 1 - 1e-7] as q:
 *
 * <pre>
 *   loss = sum over classes of -alpha (1 - q)^gamma y log(q)
 * </pre>
 *
 * <p>The classes are along {@code axis} (the last by default; {@code axis=1} for [batch, classes,
 * h, w]), as in {@link CategoricalCrossentropy}.
 */
public final class CategoricalFocalCrossentropy implements Loss {
  private final double alpha;
  private final double gamma;
  private final boolean fromLogits;
  private final double labelSmoothing;
  private final int axis;

  public CategoricalFocalCrossentropy() {
    this(0.25, 2.0, false, 0.0);
  }

  public CategoricalFocalCrossentropy(double alpha, double gamma, boolean fromLogits,
      double labelSmoothing) {
    this(alpha, gamma, fromLogits, labelSmoothing, -1);
  }

  /** @param axis the class axis of the predictions (Keras's default -1, the last) */
  public CategoricalFocalCrossentropy(double alpha, double gamma, boolean fromLogits,
      double labelSmoothing, int axis) {
    this.axis = axis;
    this.alpha = alpha;
    this.gamma = gamma;
    this.fromLogits = fromLogits;
    this.labelSmoothing = Loss.labelSmoothing(labelSmoothing);
  }

  /** Keras's {@code CategoricalFocalCrossentropy.from_config}. */
  public static CategoricalFocalCrossentropy fromConfig(Config c) {
    double smoothing = c.number("label_smoothing", 0.0);
    boolean logits = Loss.readLogits(c);
    return new CategoricalFocalCrossentropy(c.number("alpha", 0.25), c.number("gamma", 2.0),
        logits, smoothing, Loss.readAxis(c));
  }

  @Override
  public boolean fromLogits() {
    return fromLogits;
  }

  @Override
  public String name() {
    return "categorical_focal_crossentropy";
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> c = Loss.crossentropyConfig(this, labelSmoothing, axis);
    c.put("alpha", alpha);
    c.put("gamma", gamma);
    return c;
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
    Operand<TFloat32> y = Loss.axisLast(tf, Loss.likePrediction(tf, yTrue, yPred), axis);
    yPred = Loss.axisLast(tf, yPred, axis);
    y = Loss.smoothCategorical(tf, y, yPred, labelSmoothing);
    Operand<TFloat32> p = fromLogits ? tf.nn.softmax(yPred) : yPred;
    Operand<TFloat32> q = Loss.clip(tf, tf.math.div(p,
        tf.reduceSum(p, tf.constant(-1), ReduceSum.keepDims(true))));
    Operand<TFloat32> cce = tf.math.neg(tf.math.mul(y, tf.math.log(q)));
    Operand<TFloat32> weight = tf.math.mul(tf.math.pow(tf.math.sub(tf.constant(1f), q),
        tf.constant((float) gamma)), tf.constant((float) alpha));
    return tf.reduceSum(tf.math.mul(weight, cce), tf.constant(-1));
  }
}
