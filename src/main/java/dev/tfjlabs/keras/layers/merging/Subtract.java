package dev.tfjlabs.keras.layers.merging;

import dev.tfjlabs.keras.config.Config;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** {@code keras.layers.Subtract}: the difference of exactly two inputs, {@code x1 - x2}. */
public final class Subtract extends Merge {

  public Subtract(String name) {
    super(name);
  }

  /** Keras's {@code Subtract.from_config}: the base arguments only. */
  public static Subtract fromConfig(Config c) {
    return new Subtract(c.name());
  }

  @Override
  protected List<int[]> doBuildAll(List<int[]> shapes) {
    if (shapes.size() != 2) {
      throw new IllegalArgumentException("A Subtract layer should be called on exactly 2 inputs;"
          + " layer " + name() + " got " + shapes.size());
    }
    return super.doBuildAll(shapes);
  }

  @Override
  protected Operand<TFloat32> combine(Ops tf, Operand<TFloat32> acc, Operand<TFloat32> next) {
    return tf.math.sub(acc, next);
  }
}
