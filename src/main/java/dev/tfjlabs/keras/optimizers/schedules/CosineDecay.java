package dev.tfjlabs.keras.optimizers.schedules;

import dev.tfjlabs.keras.config.Config;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * {@code keras.optimizers.schedules.CosineDecay(initial_learning_rate, decay_steps, alpha=0.0,
 * warmup_target=None, warmup_steps=0)}: without warmup, with {@code s = min(step, decay_steps)},
 * {@code lr = initial * ((1 - alpha) (1 + cos(pi s / decay_steps)) / 2 + alpha)}; with a warmup
 * target, the rate first rises linearly from {@code initial} to the target over
 * {@code warmup_steps}, then decays from the target as above.
 */
public final class CosineDecay implements LearningRateSchedule {
  private final double initial;
  private final double decaySteps;
  private final double alpha;
  private final Double warmupTarget;
  private final double warmupSteps;

  public CosineDecay(double initial, double decaySteps, double alpha) {
    this(initial, decaySteps, alpha, null, 0);
  }

  /** @param warmupTarget null: no warmup */
  public CosineDecay(double initial, double decaySteps, double alpha, Double warmupTarget,
      double warmupSteps) {
    if (!(decaySteps > 0) || warmupSteps < 0) {
      throw new IllegalArgumentException("CosineDecay needs positive decay_steps and"
          + " non-negative warmup_steps");
    }
    this.initial = initial;
    this.decaySteps = decaySteps;
    this.alpha = alpha;
    this.warmupTarget = warmupTarget;
    this.warmupSteps = warmupSteps;
  }

  /** Keras's {@code CosineDecay.from_config}. */
  public static CosineDecay fromConfig(Config c) {
    c.ignore("name");
    return new CosineDecay(c.number("initial_learning_rate", null),
        c.number("decay_steps", null), c.number("alpha", 0.0),
        c.has("warmup_target") ? c.number("warmup_target", null) : null,
        c.number("warmup_steps", 0.0));
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> step) {
    if (warmupTarget == null) {
      return decay(tf, tf.math.minimum(step, tf.constant((float) decaySteps)), initial);
    }
    Operand<TFloat32> s = tf.math.minimum(step, tf.constant((float) (decaySteps + warmupSteps)));
    Operand<TFloat32> warm = tf.math.add(tf.math.mul(tf.constant((float) (warmupTarget
        - initial)), tf.math.div(s, tf.constant((float) Math.max(warmupSteps, 1e-12)))),
        tf.constant((float) initial));
    Operand<TFloat32> decayed = decay(tf, tf.math.sub(s, tf.constant((float) warmupSteps)),
        warmupTarget);
    return tf.select(tf.math.less(s, tf.constant((float) warmupSteps)), warm, decayed);
  }

  private Operand<TFloat32> decay(Ops tf, Operand<TFloat32> s, double from) {
    Operand<TFloat32> cos = tf.math.mul(tf.constant(0.5f), tf.math.add(tf.constant(1f),
        tf.math.cos(tf.math.mul(tf.constant((float) Math.PI),
            tf.math.div(s, tf.constant((float) decaySteps))))));
    Operand<TFloat32> decayed = tf.math.add(tf.math.mul(tf.constant((float) (1 - alpha)), cos),
        tf.constant((float) alpha));
    return tf.math.mul(tf.constant((float) from), decayed);
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
    c.put("alpha", alpha);
    c.put("name", "CosineDecay");
    c.put("warmup_target", warmupTarget);
    c.put("warmup_steps", warmupSteps);
    return c;
  }
}
