package dev.tfjlabs.keras.optimizers.schedules;

import dev.tfjlabs.keras.config.Config;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * {@code keras.optimizers.schedules.ExponentialDecay}: {@code lr = initial * rate^(step /
 * decay_steps)}, the exponent floored with {@code staircase}; with {@link #inverseTime} Keras's
 * {@code InverseTimeDecay}, {@code lr = initial / (1 + rate * step / decay_steps)}.
 */
public final class ExponentialDecay implements LearningRateSchedule {
  private final double initial;
  private final double decaySteps;
  private final double decayRate;
  private final boolean staircase;
  private final boolean inverseTime;

  public ExponentialDecay(double initial, double decaySteps, double decayRate,
      boolean staircase) {
    this(initial, decaySteps, decayRate, staircase, false);
  }

  private ExponentialDecay(double initial, double decaySteps, double decayRate,
      boolean staircase, boolean inverseTime) {
    if (!(initial > 0) || !(decaySteps > 0)) {
      throw new IllegalArgumentException("a decay needs a positive initial learning rate and"
          + " decay_steps, got " + initial + " and " + decaySteps);
    }
    this.initial = initial;
    this.decaySteps = decaySteps;
    this.decayRate = decayRate;
    this.staircase = staircase;
    this.inverseTime = inverseTime;
  }

  /** Keras's {@code InverseTimeDecay(initial, decay_steps, decay_rate, staircase)}. */
  public static ExponentialDecay inverseTime(double initial, double decaySteps, double decayRate,
      boolean staircase) {
    return new ExponentialDecay(initial, decaySteps, decayRate, staircase, true);
  }

  /** Keras's {@code ExponentialDecay.from_config}. */
  public static ExponentialDecay fromConfig(Config c) {
    c.ignore("name");
    return new ExponentialDecay(c.number("initial_learning_rate", null),
        c.number("decay_steps", null), c.number("decay_rate", null),
        c.bool("staircase", false));
  }

  /** Keras's {@code InverseTimeDecay.from_config}. */
  public static ExponentialDecay inverseTimeFromConfig(Config c) {
    c.ignore("name");
    return inverseTime(c.number("initial_learning_rate", null), c.number("decay_steps", null),
        c.number("decay_rate", null), c.bool("staircase", false));
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> step) {
    Operand<TFloat32> p = tf.math.div(step, tf.constant((float) decaySteps));
    if (staircase) {
      p = tf.math.floor(p);
    }
    Operand<TFloat32> lr0 = tf.constant((float) initial);
    return inverseTime
        ? tf.math.div(lr0, tf.math.add(tf.constant(1f), tf.math.mul(tf.constant((float)
            decayRate), p)))
        : tf.math.mul(lr0, tf.math.pow(tf.constant((float) decayRate), p));
  }

  @Override
  public double initialLearningRate() {
    return initial;
  }

  @Override
  public String className() {
    return inverseTime ? "InverseTimeDecay" : "ExponentialDecay";
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("initial_learning_rate", initial);
    c.put("decay_steps", decaySteps);
    c.put("decay_rate", decayRate);
    c.put("staircase", staircase);
    c.put("name", className());
    return c;
  }
}
