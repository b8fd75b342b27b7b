package dev.tfjlabs.keras.losses;

import dev.tfjlabs.keras.config.Config;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * {@code keras.losses.Dice(axis=None)}, as Keras 3 computes it with its default
 * {@code axis=None}: one value for the whole batch, with sums over every element of targets y
 * and predictions p,
 *
 * <pre>
 *   loss = 1 - 2 sum(y p) / (sum(y) + sum(p) + 1e-7)
 * </pre>
 *
 * <p>That value stands for each sample, so the batch's mean is it, as Keras's reduction of the
 * scalar is.
 */
public final class Dice implements Loss {

  /** Keras's {@code Dice.from_config}; an {@code axis} other than None is refused. */
  public static Dice fromConfig(Config c) {
    Loss.readBaseConfig(c);
    c.none("axis");
    return new Dice();
  }

  @Override
  public String name() {
    return "dice";
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> c = Loss.super.getConfig();
    c.put("axis", null);
    return c;
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
    Operand<TFloat32> y = Loss.likePrediction(tf, yTrue, yPred);
    Operand<TFloat32> overlap = tf.math.mul(tf.constant(2f),
        Loss.sumAll(tf, tf.math.mul(y, yPred)));
    Operand<TFloat32> total = tf.math.add(tf.math.add(Loss.sumAll(tf, y),
        Loss.sumAll(tf, yPred)), tf.constant(EPSILON));
    return Loss.perSample(tf, tf.math.sub(tf.constant(1f), tf.math.div(overlap, total)), yPred);
  }
}
