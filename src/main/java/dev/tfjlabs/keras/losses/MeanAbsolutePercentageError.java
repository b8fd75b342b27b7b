package dev.tfjlabs.keras.losses;

import dev.tfjlabs.keras.config.Config;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** {@code keras.losses.MeanAbsolutePercentageError}: {@code 100 mean(|y - p| / max(|y|, 1e-7))} over the last axis. */
public final class MeanAbsolutePercentageError implements Loss {

  /** Keras's {@code MeanAbsolutePercentageError.from_config}. */
  public static MeanAbsolutePercentageError fromConfig(Config c) {
    Loss.readBaseConfig(c);
    return new MeanAbsolutePercentageError();
  }

  @Override
  public String name() {
    return "mean_absolute_percentage_error";
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
    Operand<TFloat32> y = Loss.likePrediction(tf, yTrue, yPred);
    Operand<TFloat32> p = yPred;
    Operand<TFloat32> rel = tf.math.div(tf.math.abs(tf.math.sub(y, p)),
        tf.math.maximum(tf.math.abs(y), tf.constant(Loss.EPSILON)));
    return tf.math.mul(tf.constant(100f), Loss.meanOverLastAxis(tf, rel));
  }
}
