package dev.tfjlabs.keras.losses;

import dev.tfjlabs.keras.config.Config;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** {@code keras.losses.LogCosh}: {@code mean(log(cosh(p - y)))} over the last axis, computed as {@code x + softplus(-2x) - log 2}. */
public final class LogCosh implements Loss {

  /** Keras's {@code LogCosh.from_config}. */
  public static LogCosh fromConfig(Config c) {
    Loss.readBaseConfig(c);
    return new LogCosh();
  }

  @Override
  public String name() {
    return "log_cosh";
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
    Operand<TFloat32> y = Loss.likePrediction(tf, yTrue, yPred);
    Operand<TFloat32> p = yPred;
    Operand<TFloat32> x = tf.math.sub(p, y);
    Operand<TFloat32> v = tf.math.sub(tf.math.add(x, tf.math.softplus(tf.math.mul(tf.constant(-2f),
        x))), tf.constant((float) Math.log(2)));
    return Loss.meanOverLastAxis(tf, v);
  }
}
