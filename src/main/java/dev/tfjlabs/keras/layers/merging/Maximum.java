package dev.tfjlabs.keras.layers.merging;

import dev.tfjlabs.keras.config.Config;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** {@code keras.layers.Maximum}: the element-wise maximum of its inputs. */
public final class Maximum extends Merge {

  public Maximum(String name) {
    super(name);
  }

  /** Keras's {@code Maximum.from_config}: the base arguments only. */
  public static Maximum fromConfig(Config c) {
    return new Maximum(c.name());
  }

  @Override
  protected Operand<TFloat32> combine(Ops tf, Operand<TFloat32> acc, Operand<TFloat32> next) {
    return tf.math.maximum(acc, next);
  }
}
