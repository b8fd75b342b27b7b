package dev.tfjlabs.keras.optimizers.schedules;

import dev.tfjlabs.keras.config.Config;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * {@code keras.optimizers.schedules.PolynomialDecay(initial_learning_rate, decay_steps,
 * end_learning_rate=0.0001, power=1.0, cycle=False)}: {@code lr = (initial - end) (1 - s /
 * d)^power + end} with {@code s = min(step, d)}; with {@code cycle}, {@code d} grows to the next
 * multiple of {@code decay_steps} past the step instead.
 */
public final class PolynomialDecay implements LearningRateSchedule {
  private final double initial;
  private final double decaySteps;
  private final double end;
  private final double power;
  private final boolean cycle;

  public PolynomialDecay(double initial, double decaySteps, double end, double power,
      boolean cycle) {
    if (!(decaySteps > 0)) {
      throw new IllegalArgumentException("PolynomialDecay needs positive decay_steps");
    }
    this.initial = initial;
    this.decaySteps = decaySteps;
    this.end = end;
    this.power = power;
    this.cycle = cycle;
  }

  /** Keras's {@code PolynomialDecay.from_config}. */
  public static PolynomialDecay fromConfig(Config c) {
    c.ignore("name");
    return new PolynomialDecay(c.number("initial_learning_rate", null),
        c.number("decay_steps", null), c.number("end_learning_rate", 0.0001),
        c.number("power", 1.0), c.bool("cycle", false));
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> step) {
    Operand<TFloat32> d = tf.constant((float) decaySteps);
    Operand<TFloat32> s = step;
    if (cycle) {
      // Keras: decay_steps * ceil(step / decay_steps), at least one period at step 0
      Operand<TFloat32> periods = tf.math.maximum(tf.math.ceil(tf.math.div(step, d)),
          tf.constant(1f));
      d = tf.math.mul(d, periods);
    } else {
      s = tf.math.minimum(step, d);
    }
    Operand<TFloat32> fraction = tf.math.sub(tf.constant(1f), tf.math.div(s, d));
    return tf.math.add(tf.math.mul(tf.constant((float) (initial - end)),
        tf.math.pow(fraction, tf.constant((float) power))), tf.constant((float) end));
  }

  @Override
  public double initialLearningRate() {
    return initial;
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("initial_learning_rate", initial);
    c.put("decay_steps", decaySteps);
    c.put("end_learning_rate", end);
    c.put("power", power);
    c.put("cycle", cycle);
    c.put("name", "PolynomialDecay");
    return c;
  }
}
