package dev.tfjlabs.keras.losses;

import dev.tfjlabs.keras.config.Config;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** {@code keras.losses.MeanSquaredLogarithmicError}: {@code mean((log(max(p, 1e-7) + 1) - log(max(y, 1e-7) + 1))^2)} over the last axis. */
public final class MeanSquaredLogarithmicError implements Loss {

  /** Keras's {@code MeanSquaredLogarithmicError.from_config}. */
  public static MeanSquaredLogarithmicError fromConfig(Config c) {
    Loss.readBaseConfig(c);
    return new MeanSquaredLogarithmicError();
  }

  @Override
  public String name() {
    return "mean_squared_logarithmic_error";
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
    Operand<TFloat32> y = Loss.likePrediction(tf, yTrue, yPred);
    Operand<TFloat32> p = yPred;
    Operand<TFloat32> one = tf.constant(1f);
    Operand<TFloat32> lp = tf.math.log(tf.math.add(tf.math.maximum(p, tf.constant(Loss.EPSILON)),
        one));
    Operand<TFloat32> ly = tf.math.log(tf.math.add(tf.math.maximum(y, tf.constant(Loss.EPSILON)),
        one));
    return Loss.meanOverLastAxis(tf, tf.math.square(tf.math.sub(lp, ly)));
  }
}
