package dev.tfjlabs.keras.layers.merging;

import dev.tfjlabs.keras.config.Config;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** {@code keras.layers.Multiply}: the element-wise product of its inputs, {@code x1 * x2 * ...}. */
public final class Multiply extends Merge {

  public Multiply(String name) {
    super(name);
  }

  /** Keras's {@code Multiply.from_config}: the base arguments only. */
  public static Multiply fromConfig(Config c) {
    return new Multiply(c.name());
  }

  @Override
  protected Operand<TFloat32> combine(Ops tf, Operand<TFloat32> acc, Operand<TFloat32> next) {
    return tf.math.mul(acc, next);
  }
}
