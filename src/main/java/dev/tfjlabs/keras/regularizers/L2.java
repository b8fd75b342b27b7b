package dev.tfjlabs.keras.regularizers;

import dev.tfjlabs.keras.config.Config;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** {@code keras.regularizers.L2(l2=0.01)}: {@code l2 * sum(x^2)}. */
public final class L2 implements Regularizer {
  private final double l2;

  public L2(double l2) {
    this.l2 = Regularizer.factor("l2", l2);
  }

  /** Keras's {@code L2.from_config}. */
  public static L2 fromConfig(Config c) {
    return new L2(c.number("l2", 0.01));
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x) {
    return Regularizer.l2(tf, l2, x);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("l2", l2);
    return c;
  }
}
