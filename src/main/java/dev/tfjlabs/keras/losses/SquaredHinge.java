package dev.tfjlabs.keras.losses;

import dev.tfjlabs.keras.config.Config;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** {@code keras.losses.SquaredHinge}: {@code mean(max(1 - y p, 0)^2)} over the last axis, 0/1 targets taken as -1/1. */
public final class SquaredHinge implements Loss {

  /** Keras's {@code SquaredHinge.from_config}. */
  public static SquaredHinge fromConfig(Config c) {
    Loss.readBaseConfig(c);
    return new SquaredHinge();
  }

  @Override
  public String name() {
    return "squared_hinge";
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
    Operand<TFloat32> y = Loss.likePrediction(tf, yTrue, yPred);
    Operand<TFloat32> p = yPred;
    return Loss.meanOverLastAxis(tf, tf.math.square(Hinge.margin(tf, y, p)));
  }
}
