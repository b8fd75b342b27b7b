package dev.tfjlabs.keras.losses;

import dev.tfjlabs.keras.config.Config;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** {@code keras.losses.MeanSquaredError}: {@code mean((y - p)^2)} over the last axis. */
public final class MeanSquaredError implements Loss {

  /** Keras's {@code MeanSquaredError.from_config}. */
  public static MeanSquaredError fromConfig(Config c) {
    Loss.readBaseConfig(c);
    return new MeanSquaredError();
  }

  @Override
  public String name() {
    return "mean_squared_error";
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
    Operand<TFloat32> d = tf.math.sub(Loss.likePrediction(tf, yTrue, yPred), yPred);
    return Loss.meanOverLastAxis(tf, tf.math.mul(d, d));
  }
}
