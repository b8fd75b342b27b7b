package dev.tfjlabs.keras.regularizers;

import dev.tfjlabs.keras.config.Config;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * {@code keras.regularizers.L1L2(l1=0.0, l2=0.0)}: {@code l1 * sum(|x|) + l2 * sum(x^2)}, each
 * term only when its factor is not 0. Keras 2 wrote every {@code l1}, {@code l2} and
 * {@code l1_l2} regularizer as this class.
 */
public final class L1L2 implements Regularizer {
  private final double l1;
  private final double l2;

  public L1L2(double l1, double l2) {
    this.l1 = Regularizer.factor("l1", l1);
    this.l2 = Regularizer.factor("l2", l2);
  }

  /** Keras's {@code L1L2.from_config}. */
  public static L1L2 fromConfig(Config c) {
    return new L1L2(c.number("l1", 0.0), c.number("l2", 0.0));
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x) {
    Operand<TFloat32> total = tf.constant(0f);
    if (l1 != 0) {
      total = tf.math.add(total, Regularizer.l1(tf, l1, x));
    }
    if (l2 != 0) {
      total = tf.math.add(total, Regularizer.l2(tf, l2, x));
    }
    return total;
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("l1", l1);
    c.put("l2", l2);
    return c;
  }
}
