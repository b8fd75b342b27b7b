package dev.tfjlabs.keras.optimizers.schedules;

import dev.tfjlabs.keras.config.Config;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * {@code keras.optimizers.schedules.CosineDecayRestarts(initial_learning_rate,
 * first_decay_steps, t_mul=2.0, m_mul=1.0, alpha=0.0)}, SGDR (Loshchilov and Hutter 2017): a
 * cosine decay over {@code first_decay_steps}, restarted with periods {@code t_mul} times longer
 * and peaks {@code m_mul} times lower each time. With {@code f = step / first_decay_steps}:
 *
 * <pre>
 *   t_mul = 1:  i = floor(f),  f = f - i
 *   otherwise:  i = floor(log(1 - f (1 - t_mul)) / log(t_mul)),
 *               f = (f - (1 - t_mul^i) / (1 - t_mul)) / t_mul^i
 *   lr = initial * ((1 - alpha) * 0.5 m_mul^i (1 + cos(pi f)) + alpha)
 * </pre>
 */
public final class CosineDecayRestarts implements LearningRateSchedule {
  private final double initial;
  private final double firstDecaySteps;
  private final double tMul;
  private final double mMul;
  private final double alpha;

  public CosineDecayRestarts(double initial, double firstDecaySteps) {
    this(initial, firstDecaySteps, 2.0, 1.0, 0.0);
  }

  public CosineDecayRestarts(double initial, double firstDecaySteps, double tMul, double mMul,
      double alpha) {
    if (!(firstDecaySteps > 0)) {
      throw new IllegalArgumentException("Argument `first_decay_steps` must be > 0, got "
          + firstDecaySteps);
    }
    if (!(tMul > 0)) {
      throw new IllegalArgumentException("CosineDecayRestarts needs t_mul > 0, got " + tMul);
    }
    this.initial = initial;
    this.firstDecaySteps = firstDecaySteps;
    this.tMul = tMul;
    this.mMul = mMul;
    this.alpha = alpha;
  }

  /** Keras's {@code CosineDecayRestarts.from_config}. */
  public static CosineDecayRestarts fromConfig(Config c) {
    c.ignore("name");
    return new CosineDecayRestarts(c.number("initial_learning_rate", null),
        c.number("first_decay_steps", null), c.number("t_mul", 2.0), c.number("m_mul", 1.0),
        c.number("alpha", 0.0));
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> step) {
    Operand<TFloat32> one = tf.constant(1f);
    Operand<TFloat32> fraction = tf.math.div(step, tf.constant((float) firstDecaySteps));
    Operand<TFloat32> restart;
    Operand<TFloat32> within;
    if (tMul == 1) {
      restart = tf.math.floor(fraction);
      within = tf.math.sub(fraction, restart);
    } else {
      Operand<TFloat32> t = tf.constant((float) tMul);
      restart = tf.math.floor(tf.math.div(tf.math.log(tf.math.sub(one,
          tf.math.mul(fraction, tf.constant((float) (1 - tMul))))), tf.math.log(t)));
      Operand<TFloat32> power = tf.math.pow(t, restart);
      Operand<TFloat32> done = tf.math.div(tf.math.sub(one, power),
          tf.constant((float) (1 - tMul)));
      within = tf.math.div(tf.math.sub(fraction, done), power);
    }
    Operand<TFloat32> cosine = tf.math.mul(tf.math.mul(tf.constant(0.5f),
        tf.math.pow(tf.constant((float) mMul), restart)), tf.math.add(one,
        tf.math.cos(tf.math.mul(tf.constant((float) Math.PI), within))));
    Operand<TFloat32> decayed = tf.math.add(
        tf.math.mul(tf.constant((float) (1 - alpha)), cosine), tf.constant((float) alpha));
    return tf.math.mul(tf.constant((float) initial), decayed);
  }

  @Override
  public double initialLearningRate() {
    return initial;
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("initial_learning_rate", initial);
    c.put("first_decay_steps", firstDecaySteps);
    c.put("t_mul", tMul);
    c.put("m_mul", mMul);
    c.put("alpha", alpha);
    c.put("name", "SGDRDecay");
    return c;
  }
}
