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
 * {@code keras.optimizers.Nadam} (Dozat 2016), Adam with Nesterov momentum, as Keras 3 updates
 * ({@code keras/src/optimizers/nadam.py}), with its defaults: learning rate 0.001, beta1 0.9,
 * beta2 0.999, epsilon 1e-7. At step t, with m and v starting at zero:
 *
 * <pre>
 *   u_t = beta1 (1 - 0.5 * 0.96^t),   P_t = u_1 u_2 ... u_t
 *   m = m + (g - m)(1 - beta1)
 *   v = v + (g^2 - v)(1 - beta2)
 *   mhat = u_{t+1} m / (1 - P_t u_{t+1}) + (1 - u_t) g / (1 - P_t)
 *   vhat = v / (1 - beta2^t)
 *   w = w - lr mhat / (sqrt(vhat) + epsilon)
 * </pre>
 *
 * <p>Keras keeps the product P in a variable ({@code u_product}); it depends on the step count
 * alone, so it is computed here from t and written to files as Keras writes it.
 */
public final class Nadam extends Optimizer {
  public static final double LEARNING_RATE_DEFAULT = 0.001;
  /** Keras's fixed momentum-schedule base. */
  private static final float DECAY = 0.96f;

  private final float beta1;
  private final float beta2;
  private final float epsilon;

  public Nadam() {
    this(LEARNING_RATE_DEFAULT);
  }

  public Nadam(double learningRate) {
    this(learningRate, Adam.BETA_ONE_DEFAULT, Adam.BETA_TWO_DEFAULT, Adam.EPSILON_DEFAULT);
  }

  public Nadam(double learningRate, double beta1, double beta2, double epsilon) {
    super(learningRate);
    this.beta1 = (float) beta1;
    this.beta2 = (float) beta2;
    this.epsilon = (float) epsilon;
  }

  /**
   * Keras's {@code Nadam.from_config} (Keras 2's {@code lr}; its {@code schedule_decay}, a
   * different momentum schedule, is ignored with a warning as Keras 3 ignores it).
   */
  public static Nadam fromConfig(Config c) {
    double lr = readBaseConfig(c, LEARNING_RATE_DEFAULT);
    return withBaseOptions(c, new Nadam(lr, c.number("beta_1", Adam.BETA_ONE_DEFAULT),
        c.number("beta_2", Adam.BETA_TWO_DEFAULT), c.number("epsilon", Adam.EPSILON_DEFAULT)));
  }

  @Override
  public String name() {
    return "Nadam";
  }

  /** Keras 3's momentum and velocity of each weight, in turn. */
  @Override
  protected List<String> kerasSlotNames() {
    return List.of("m", "v");
  }

  @Override
  protected boolean kerasSlotsByVariable() {
    return true;
  }

  /** Keras's {@code u_product} after {@code iterations} steps, multiplied in float32 as Keras. */
  @Override
  public float[] kerasStepVariables(long iterations) {
    float product = 1f;
    for (long t = 1; t <= iterations; t++) {
      product = product * beta1 * (1f - 0.5f * (float) Math.pow(DECAY, t));
    }
    return new float[] {product};
  }

  @Override
  protected void addConfig(Map<String, Object> c) {
    c.put("beta_1", Floats.decimal(beta1));
    c.put("beta_2", Floats.decimal(beta2));
    c.put("epsilon", Floats.decimal(epsilon));
  }

  /** {@code u_t = beta1 (1 - 0.5 * 0.96^t)} for a step count t. */
  private Operand<TFloat32> momentumAt(Ops tf, Operand<TFloat32> t) {
    return tf.math.mul(tf.constant(beta1), tf.math.sub(tf.constant(1f),
        tf.math.mul(tf.constant(0.5f), tf.math.pow(tf.constant(DECAY), t))));
  }

  @Override
  protected Op applyDense(Ops tf, Variable<TFloat32> w, Operand<TFloat32> g, Slots slots,
      Operand<TFloat32> step) {
    Operand<TFloat32> one = tf.constant(1f);
    Operand<TFloat32> uT = momentumAt(tf, step);
    Operand<TFloat32> uNext = momentumAt(tf, tf.math.add(step, one));
    Operand<TFloat32> product = tf.reduceProd(momentumAt(tf,
        tf.range(one, tf.math.add(step, tf.constant(0.5f)), one)), tf.constant(0));
    Operand<TFloat32> productNext = tf.math.mul(product, uNext);
    Variable<TFloat32> m = slots.zerosLike(w, "m");
    Variable<TFloat32> v = slots.zerosLike(w, "v");
    // 1 - beta in double, as Keras computes it in Python before the cast
    Operand<TFloat32> mNext = tf.math.add(tf.identity(m), tf.math.mul(
        tf.math.sub(g, tf.identity(m)), tf.constant((float) (1 - Floats.decimal(beta1)))));
    Operand<TFloat32> vNext = tf.math.add(tf.identity(v), tf.math.mul(
        tf.math.sub(tf.math.square(g), tf.identity(v)),
        tf.constant((float) (1 - Floats.decimal(beta2)))));
    Operand<TFloat32> mHat = tf.math.add(
        tf.math.div(tf.math.mul(uNext, mNext), tf.math.sub(one, productNext)),
        tf.math.div(tf.math.mul(tf.math.sub(one, uT), g), tf.math.sub(one, product)));
    Operand<TFloat32> vHat = tf.math.div(vNext,
        tf.math.sub(one, tf.math.pow(tf.constant(beta2), step)));
    Operand<TFloat32> update = tf.math.div(tf.math.mul(mHat, learningRate(tf, step)),
        tf.math.add(tf.math.sqrt(vHat), tf.constant(epsilon)));
    return tf.withControlDependencies(List.of(tf.assign(m, mNext), tf.assign(v, vNext),
        tf.assignSub(w, update))).noOp();
  }
}
