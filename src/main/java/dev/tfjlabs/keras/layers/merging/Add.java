package dev.tfjlabs.keras.layers.merging;

import dev.tfjlabs.keras.config.Config;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** {@code keras.layers.Add}: the element-wise sum of its inputs, {@code x1 + x2 + ...}. */
public final class Add extends Merge {

  public Add(String name) {
    super(name);
  }

  /** Keras's {@code Add.from_config}: the base arguments only. */
  public static Add fromConfig(Config c) {
    return new Add(c.name());
  }

  @Override
  protected Operand<TFloat32> combine(Ops tf, Operand<TFloat32> acc, Operand<TFloat32> next) {
    return tf.math.add(acc, next);
  }
}
