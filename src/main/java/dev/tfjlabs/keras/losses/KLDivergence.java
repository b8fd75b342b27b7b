package dev.tfjlabs.keras.losses;

import dev.tfjlabs.keras.config.Config;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** {@code keras.losses.KLDivergence}: {@code sum(y log(y / p))} over the last axis, y and p clipped to [1e-7, 1]. */
public final class KLDivergence implements Loss {

  /** Keras's {@code KLDivergence.from_config}. */
  public static KLDivergence fromConfig(Config c) {
    Loss.readBaseConfig(c);
    return new KLDivergence();
  }

  @Override
  public String name() {
    return "kl_divergence";
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
    Operand<TFloat32> y = Loss.likePrediction(tf, yTrue, yPred);
    Operand<TFloat32> p = yPred;
    Operand<TFloat32> yc = tf.clipByValue(y, tf.constant(Loss.EPSILON), tf.constant(1f));
    Operand<TFloat32> pc = tf.clipByValue(p, tf.constant(Loss.EPSILON), tf.constant(1f));
    return tf.sum(tf.math.mul(yc, tf.math.log(tf.math.div(yc, pc))), tf.constant(-1));
  }
}
