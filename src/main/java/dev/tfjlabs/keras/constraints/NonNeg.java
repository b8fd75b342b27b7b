package dev.tfjlabs.keras.constraints;

import dev.tfjlabs.keras.config.Config;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** {@code keras.constraints.NonNeg()}: {@code max(w, 0)}. */
public final class NonNeg implements Constraint {

  /** Keras's {@code NonNeg.from_config} (no arguments). */
  public static NonNeg fromConfig(Config c) {
    return new NonNeg();
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> w) {
    return tf.math.maximum(w, tf.constant(0f));
  }

  @Override
  public Map<String, Object> getConfig() {
    return new LinkedHashMap<>();
  }
}
