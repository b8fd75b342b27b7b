package dev.tfjlabs.keras.optimizers;

import dev.tfjlabs.keras.backend.Floats;
import dev.tfjlabs.keras.config.Config;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * {@code keras.optimizers.Lion} (Chen et al. 2023, evolved sign momentum) with Keras's defaults:
 * learning rate 0.001, beta1 0.9, beta2 0.99. With m starting at zero:
 *
 * <pre>
 *   w = w - lr sign(beta1 m + (1 - beta1) g)
 *   m = beta2 m + (1 - beta2) g
 * </pre>
 */
public final class Lion extends Optimizer {
  private final float beta1;
  private final float beta2;

  public Lion(double learningRate) {
    this(learningRate, 0.9, 0.99);
  }

  public Lion(double learningRate, double beta1, double beta2) {
    super(learningRate);
    if (!(beta1 > 0 && beta1 <= 1)) {
      throw new IllegalArgumentException("Lion's beta_1 must be in (0, 1], otherwise it"
          + " degenerates to SignSGD; got " + beta1);
    }
    this.beta1 = (float) beta1;
    this.beta2 = (float) beta2;
  }

  /** Keras's {@code Lion.from_config}. */
  public static Lion fromConfig(Config c) {
    double lr = readBaseConfig(c, 0.001);
    return withBaseOptions(c, new Lion(lr, c.number("beta_1", 0.9), c.number("beta_2", 0.99)));
  }

  @Override
  public String name() {
    return "Lion";
  }

  /** Keras 3's one momentum per weight. */
  @Override
  protected List<String> kerasSlotNames() {
    return List.of("momentum");
  }

  @Override
  protected void addConfig(Map<String, Object> c) {
    c.put("beta_1", Floats.decimal(beta1));
    c.put("beta_2", Floats.decimal(beta2));
  }

  @Override
  protected Op applyDense(Ops tf, Variable<TFloat32> w, Operand<TFloat32> g, Slots slots,
      Operand<TFloat32> step) {
    Variable<TFloat32> m = slots.zerosLike(w, "momentum");
    Operand<TFloat32> direction = tf.math.sign(tf.math.add(tf.math.mul(m, tf.constant(beta1)),
        tf.math.mul(g, tf.constant(1f - beta1))));
    Op update = tf.assignSub(w, tf.math.mul(learningRate(tf, step), direction));
    return tf.withControlDependencies(List.of(update)).assign(m, tf.math.add(
        tf.math.mul(m, tf.constant(beta2)), tf.math.mul(g, tf.constant(1f - beta2))));
  }
}
