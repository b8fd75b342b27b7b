package dev.tfjlabs.keras.layers.merging;

import dev.tfjlabs.keras.config.Config;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** {@code keras.layers.Average}: the element-wise mean of its inputs, {@code (x1 + x2 + ... + xn) / n}. */
public final class Average extends Merge {

  public Average(String name) {
    super(name);
  }

  /** Keras's {@code Average.from_config}: the base arguments only. */
  public static Average fromConfig(Config c) {
    return new Average(c.name());
  }

  @Override
  protected Operand<TFloat32> combine(Ops tf, Operand<TFloat32> acc, Operand<TFloat32> next) {
    return tf.math.add(acc, next);
  }

  @Override
  protected Operand<TFloat32> finish(Ops tf, Operand<TFloat32> acc, int count) {
    return tf.math.div(acc, tf.constant((float) count));
  }
}
