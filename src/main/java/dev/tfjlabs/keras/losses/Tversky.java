package dev.tfjlabs.keras.losses;

import dev.tfjlabs.keras.config.Config;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * {@code keras.losses.Tversky(alpha=0.5, beta=0.5, axis=None)} (Salehi et al. 2017), as Keras 3
 * computes it: with the default {@code axis=None} one value for the whole batch, with sums over
 * every element of targets y and predictions p (with an {@code axis}, the sums over those axes,
 * averaged as Keras's reduction averages them),
 *
 * <pre>
 *   tp = sum(y p),  fp = sum((1 - y) p),  fn = sum(y (1 - p))
 *   loss = 1 - tp / (tp + alpha fp + beta fn + 1e-7)
 * </pre>
 *
 * <p>That value stands for each sample, so the batch's mean is it, as Keras's reduction of the
 * scalar is. {@link Dice} is the case alpha = beta = 0.5 up to where epsilon sits.
 */
public final class Tversky implements Loss {
  private final double alpha;
  private final double beta;
  private final int[] axes;

  public Tversky() {
    this(0.5, 0.5);
  }

  public Tversky(double alpha, double beta) {
    this(alpha, beta, null);
  }

  /** @param axes Keras's {@code axis}: the axes summed over, or null for every axis */
  public Tversky(double alpha, double beta, int[] axes) {
    this.alpha = alpha;
    this.beta = beta;
    this.axes = axes == null ? null : axes.clone();
  }

  /** Keras's {@code Tversky.from_config}. */
  public static Tversky fromConfig(Config c) {
    Loss.readBaseConfig(c);
    return new Tversky(c.number("alpha", 0.5), c.number("beta", 0.5), Loss.axes(c));
  }

  @Override
  public String name() {
    return "tversky";
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> c = Loss.super.getConfig();
    c.put("alpha", alpha);
    c.put("beta", beta);
    c.put("axis", Loss.axisConfig(axes));
    return c;
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
    Operand<TFloat32> one = tf.constant(1f);
    Operand<TFloat32> y = Loss.likePrediction(tf, yTrue, yPred);
    Operand<TFloat32> tp = Loss.sumOver(tf, tf.math.mul(y, yPred), axes);
    Operand<TFloat32> fp = Loss.sumOver(tf, tf.math.mul(tf.math.sub(one, y), yPred), axes);
    Operand<TFloat32> fn = Loss.sumOver(tf, tf.math.mul(y, tf.math.sub(one, yPred)), axes);
    Operand<TFloat32> index = tf.math.div(tp, tf.math.add(tf.math.add(tp,
        tf.math.mul(fp, tf.constant((float) alpha))), tf.math.add(
        tf.math.mul(fn, tf.constant((float) beta)), tf.constant(EPSILON))));
    return Loss.perSampleOver(tf, tf.math.sub(one, index), axes, yPred);
  }
}
