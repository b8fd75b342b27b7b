package dev.tfjlabs.keras.losses;

import dev.tfjlabs.keras.config.Config;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** {@code keras.losses.Huber(delta=1.0)}: with {@code e = |y - p|}, {@code q = min(e, delta)}, {@code mean(q^2 / 2 + delta (e - q))} over the last axis. */
public final class Huber implements Loss {
  /** Keras's default {@code delta}. */
  public static final double DELTA_DEFAULT = 1.0;
  private final float delta;

  public Huber() {
    this(DELTA_DEFAULT);
  }

  /** Quadratic within {@code delta} of the target, linear beyond. */
  public Huber(double delta) {
    if (!(delta > 0)) {
      throw new IllegalArgumentException("Huber's delta must be positive, got " + delta);
    }
    this.delta = (float) delta;
  }

  /** Keras's {@code Huber.from_config}: {@code delta}. */
  public static Huber fromConfig(Config c) {
    Loss.readBaseConfig(c);
    return new Huber(c.number("delta", DELTA_DEFAULT));
  }

  @Override
  public String name() {
    return "huber";
  }

  /** Keras's config: the base one and {@code delta}. */
  @Override
  public java.util.Map<String, Object> getConfig() {
    java.util.Map<String, Object> c = Loss.super.getConfig();
    c.put("delta", (double) delta);
    return c;
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
    Operand<TFloat32> y = Loss.likePrediction(tf, yTrue, yPred);
    Operand<TFloat32> p = yPred;
    Operand<TFloat32> e = tf.math.abs(tf.math.sub(y, p));
    Operand<TFloat32> q = tf.math.minimum(e, tf.constant(delta));
    Operand<TFloat32> v = tf.math.add(tf.math.mul(tf.constant(0.5f), tf.math.square(q)),
        tf.math.mul(tf.constant(delta), tf.math.sub(e, q)));
    return Loss.meanOverLastAxis(tf, v);
  }
}
