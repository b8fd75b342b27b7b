package dev.tfjlabs.keras.losses;

import dev.tfjlabs.keras.config.Config;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * {@code keras.losses.Dice(axis=None)}, as Keras 3 computes it: with the default
 * {@code axis=None} one value for the whole batch, with sums over every element of targets y and
 * predictions p (with an {@code axis}, the sums over those axes, e.g. (1, 2, 3) one value per
 * image, averaged as Keras's reduction averages them),
 *
 * <pre>
 *   loss = 1 - 2 sum(y p) / (sum(y) + sum(p) + 1e-7)
 * </pre>
 *
 * <p>That value stands for each sample, so the batch's mean is it, as Keras's reduction of the
 * scalar is.
 */
public final class Dice implements Loss {
  private final int[] axes;

  public Dice() {
    this(null);
  }

  /** @param axes Keras's {@code axis}: the axes summed over, or null for every axis */
  public Dice(int[] axes) {
    this.axes = axes == null ? null : axes.clone();
  }

  /** Keras's {@code Dice.from_config}. */
  public static Dice fromConfig(Config c) {
    Loss.readBaseConfig(c);
    return new Dice(Loss.axes(c));
  }

  @Override
  public String name() {
    return "dice";
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> c = Loss.super.getConfig();
    c.put("axis", Loss.axisConfig(axes));
    return c;
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
    Operand<TFloat32> y = Loss.likePrediction(tf, yTrue, yPred);
    Operand<TFloat32> overlap = tf.math.mul(tf.constant(2f),
        Loss.sumOver(tf, tf.math.mul(y, yPred), axes));
    Operand<TFloat32> total = tf.math.add(tf.math.add(Loss.sumOver(tf, y, axes),
        Loss.sumOver(tf, yPred, axes)), tf.constant(EPSILON));
    return Loss.perSampleOver(tf, tf.math.sub(tf.constant(1f), tf.math.div(overlap, total)),
        axes, yPred);
  }
}
