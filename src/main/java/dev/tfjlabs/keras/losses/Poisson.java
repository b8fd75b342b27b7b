package dev.tfjlabs.keras.losses;

import dev.tfjlabs.keras.config.Config;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** {@code keras.losses.Poisson}: {@code mean(p - y log(p + 1e-7))} over the last axis. */
public final class Poisson implements Loss {

  /** Keras's {@code Poisson.from_config}. */
  public static Poisson fromConfig(Config c) {
    Loss.readBaseConfig(c);
    return new Poisson();
  }

  @Override
  public String name() {
    return "poisson";
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
    Operand<TFloat32> y = Loss.likePrediction(tf, yTrue, yPred);
    Operand<TFloat32> p = yPred;
    return Loss.meanOverLastAxis(tf, tf.math.sub(p, tf.math.mul(y,
        tf.math.log(tf.math.add(p, tf.constant(Loss.EPSILON))))));
  }
}
