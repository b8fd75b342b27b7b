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
 * {@code keras.optimizers.Adamax} (Kingma and Ba 2014, Adam under the infinity norm) with Keras's
 * defaults: learning rate 0.001, beta1 0.9, beta2 0.999, epsilon 1e-7. At step t, with m and u
 * starting at zero:
 *
 * <pre>
 *   m = beta1 m + (1 - beta1) g
 *   u = max(beta2 u, |g|)
 *   w = w - lr / (1 - beta1^t) * m / (u + epsilon)
 * </pre>
 */
public final class Adamax extends Optimizer {
  private final float beta1;
  private final float beta2;
  private final float epsilon;

  public Adamax(double learningRate) {
    this(learningRate, Adam.BETA_ONE_DEFAULT, Adam.BETA_TWO_DEFAULT, Adam.EPSILON_DEFAULT);
  }

  public Adamax(double learningRate, double beta1, double beta2, double epsilon) {
    super(learningRate);
    this.beta1 = (float) beta1;
    this.beta2 = (float) beta2;
    this.epsilon = (float) epsilon;
  }

  /** Keras's {@code Adamax.from_config} (Keras 2's {@code lr} and {@code decay} too). */
  public static Adamax fromConfig(Config c) {
    double lr = readBaseConfig(c, Adam.LEARNING_RATE_DEFAULT);
    return withBaseOptions(c, new Adamax(lr, c.number("beta_1", Adam.BETA_ONE_DEFAULT),
        c.number("beta_2", Adam.BETA_TWO_DEFAULT), c.number("epsilon", Adam.EPSILON_DEFAULT)));
  }

  @Override
  public String name() {
    return "Adamax";
  }

  /** Keras 3's momentum and norm of each weight, in turn. */
  @Override
  protected List<String> kerasSlotNames() {
    return List.of("m", "u");
  }

  @Override
  protected boolean kerasSlotsByVariable() {
    return true;
  }

  @Override
  protected void addConfig(Map<String, Object> c) {
    c.put("beta_1", Floats.decimal(beta1));
    c.put("beta_2", Floats.decimal(beta2));
    c.put("epsilon", Floats.decimal(epsilon));
  }

  @Override
  protected Op applyDense(Ops tf, Variable<TFloat32> w, Operand<TFloat32> g, Slots slots,
      Operand<TFloat32> step) {
    Variable<TFloat32> m = slots.zerosLike(w, "m");
    Variable<TFloat32> u = slots.zerosLike(w, "u");
    Operand<TFloat32> b1 = tf.constant(beta1);
    Operand<TFloat32> mNew = tf.assign(m, tf.math.add(tf.math.mul(b1, m),
        tf.math.mul(tf.constant(1f - beta1), g)));
    Operand<TFloat32> uNew = tf.assign(u, tf.math.maximum(tf.math.mul(tf.constant(beta2), u),
        tf.math.abs(g)));
    Operand<TFloat32> lr = tf.math.div(learningRate(tf, step),
        tf.math.sub(tf.constant(1f), tf.math.pow(b1, step)));
    return tf.assignSub(w, tf.math.div(tf.math.mul(lr, mNew),
        tf.math.add(uNew, tf.constant(epsilon))));
  }
}
