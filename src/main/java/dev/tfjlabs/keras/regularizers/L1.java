package dev.tfjlabs.keras.regularizers;

import dev.tfjlabs.keras.config.Config;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** {@code keras.regularizers.L1(l1=0.01)}: {@code l1 * sum(|x|)}. */
public final class L1 implements Regularizer {
  private final double l1;

  public L1(double l1) {
    this.l1 = Regularizer.factor("l1", l1);
  }

  /** Keras's {@code L1.from_config}. */
  public static L1 fromConfig(Config c) {
    return new L1(c.number("l1", 0.01));
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x) {
    return Regularizer.l1(tf, l1, x);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("l1", l1);
    return c;
  }
}
