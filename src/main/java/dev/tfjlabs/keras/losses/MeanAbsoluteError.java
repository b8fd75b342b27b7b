package dev.tfjlabs.keras.losses;

import dev.tfjlabs.keras.config.Config;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** {@code keras.losses.MeanAbsoluteError}: {@code mean(|y - p|)} over the last axis. */
public final class MeanAbsoluteError implements Loss {

  /** Keras's {@code MeanAbsoluteError.from_config}. */
  public static MeanAbsoluteError fromConfig(Config c) {
    Loss.readBaseConfig(c);
    return new MeanAbsoluteError();
  }

  @Override
  public String name() {
    return "mean_absolute_error";
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
    Operand<TFloat32> y = Loss.likePrediction(tf, yTrue, yPred);
    Operand<TFloat32> p = yPred;
    return Loss.meanOverLastAxis(tf, tf.math.abs(tf.math.sub(y, p)));
  }
}
