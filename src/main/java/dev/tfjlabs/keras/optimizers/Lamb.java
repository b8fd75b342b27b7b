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
 * {@code keras.optimizers.Lamb} (You et al. 2019, layer-wise adaptive Adam) with Keras's
 * defaults: learning rate 0.001, beta1 0.9, beta2 0.999, epsilon 1e-7. At step t, with m and v
 * starting at zero:
 *
 * <pre>
 *   m = m + (g - m)(1 - beta1);  v = v + (g^2 - v)(1 - beta2)
 *   u = (m / (1 - beta1^t)) / (sqrt(v / (1 - beta2^t)) + epsilon)
 *   r = ||w|| / ||u||  (1 where either norm is 0)
 *   w = w - r lr u
 * </pre>
 */
public final class Lamb extends Optimizer {
  private final float beta1;
  private final float beta2;
  private final float epsilon;

  public Lamb(double learningRate) {
    this(learningRate, Adam.BETA_ONE_DEFAULT, Adam.BETA_TWO_DEFAULT, Adam.EPSILON_DEFAULT);
  }

  public Lamb(double learningRate, double beta1, double beta2, double epsilon) {
    super(learningRate);
    this.beta1 = (float) beta1;
    this.beta2 = (float) beta2;
    this.epsilon = (float) epsilon;
  }

  /** Keras's {@code Lamb.from_config}. */
  public static Lamb fromConfig(Config c) {
    double lr = readBaseConfig(c, Adam.LEARNING_RATE_DEFAULT);
    return withBaseOptions(c, new Lamb(lr, c.number("beta_1", Adam.BETA_ONE_DEFAULT),
        c.number("beta_2", Adam.BETA_TWO_DEFAULT), c.number("epsilon", Adam.EPSILON_DEFAULT)));
  }

  @Override
  public String name() {
    return "Lamb";
  }

  /** Keras 3's momentum and velocity of each weight, in turn. */
  @Override
  protected List<String> kerasSlotNames() {
    return List.of("momentum", "velocity");
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
    Variable<TFloat32> m = slots.zerosLike(w, "momentum");
    Variable<TFloat32> v = slots.zerosLike(w, "velocity");
    Operand<TFloat32> one = tf.constant(1f);
    Operand<TFloat32> mNew = tf.assignAdd(m, tf.math.mul(tf.math.sub(g, m),
        tf.constant(1f - beta1)));
    Operand<TFloat32> vNew = tf.assignAdd(v, tf.math.mul(tf.math.sub(tf.math.square(g), v),
        tf.constant(1f - beta2)));
    Operand<TFloat32> mHat = tf.math.div(mNew, tf.math.sub(one,
        tf.math.pow(tf.constant(beta1), step)));
    Operand<TFloat32> vSqrt = tf.math.add(tf.math.sqrt(tf.math.div(vNew, tf.math.sub(one,
        tf.math.pow(tf.constant(beta2), step)))), tf.constant(epsilon));
    Operand<TFloat32> u = tf.math.div(mHat, vSqrt);
    Operand<TFloat32> wNorm = norm(tf, w);
    Operand<TFloat32> uNorm = norm(tf, u);
    Operand<TFloat32> zero = tf.constant(0f);
    Operand<TFloat32> ratio = tf.select(tf.math.greater(wNorm, zero), tf.select(
        tf.math.greater(uNorm, zero), tf.math.divNoNan(wNorm, uNorm), one), one);
    return tf.assignSub(w, tf.math.mul(tf.math.mul(ratio, learningRate(tf, step)), u));
  }

  /** {@code sqrt(sum(x^2))} over every axis. */
  private static Operand<TFloat32> norm(Ops tf, Operand<TFloat32> x) {
    return tf.math.sqrt(tf.sum(tf.math.square(x), tf.range(tf.constant(0), tf.rank(x),
        tf.constant(1))));
  }
}
