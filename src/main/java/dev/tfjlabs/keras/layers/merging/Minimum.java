package dev.tfjlabs.keras.layers.merging;

import dev.tfjlabs.keras.config.Config;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** {@code keras.layers.Minimum}: the element-wise minimum of its inputs. */
public final class Minimum extends Merge {

  public Minimum(String name) {
    super(name);
  }

  /** Keras's {@code Minimum.from_config}: the base arguments only. */
  public static Minimum fromConfig(Config c) {
    return new Minimum(c.name());
  }

  @Override
  protected Operand<TFloat32> combine(Ops tf, Operand<TFloat32> acc, Operand<TFloat32> next) {
    return tf.math.minimum(acc, next);
  }
}
