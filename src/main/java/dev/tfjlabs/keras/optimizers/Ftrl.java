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
 * {@code keras.optimizers.Ftrl} (McMahan et al. 2013, follow the regularized leader) with
 * Keras's defaults: learning rate 0.001, {@code learning_rate_power} p -0.5,
 * {@code initial_accumulator_value} 0.1 (n's start), the L1 strength l1, L2 strength l2, L2
 * shrinkage s and {@code beta} all 0. With z starting at zero and {@code l2' = l2 + beta / (2
 * lr)}:
 *
 * <pre>
 *   n' = n + g^2
 *   z  = z + (g + 2 s w) - (n'^(-p) - n^(-p)) / lr w
 *   w  = (clip(z, -l1, l1) - z) / (n'^(-p) / lr + 2 l2')
 *   n  = n'
 * </pre>
 */
public final class Ftrl extends Optimizer {
  private final float power;
  private final float initialAccumulator;
  private final float l1;
  private final float l2;
  private final float shrinkage;
  private final float beta;

  public Ftrl(double learningRate) {
    this(learningRate, -0.5, 0.1, 0, 0, 0, 0);
  }

  /**
   * @param power {@code learning_rate_power}, at most 0
   * @param initialAccumulator {@code initial_accumulator_value}, at least 0
   * @param l1 {@code l1_regularization_strength}, at least 0
   * @param l2 {@code l2_regularization_strength}, at least 0
   * @param shrinkage {@code l2_shrinkage_regularization_strength}, at least 0
   * @param beta {@code beta}
   */
  public Ftrl(double learningRate, double power, double initialAccumulator, double l1,
      double l2, double shrinkage, double beta) {
    super(learningRate);
    if (!(power <= 0) || !(initialAccumulator >= 0) || !(l1 >= 0) || !(l2 >= 0)
        || !(shrinkage >= 0)) {
      throw new IllegalArgumentException("Ftrl needs learning_rate_power <= 0 and"
          + " initial_accumulator_value and the regularization strengths >= 0, got "
          + power + ", " + initialAccumulator + ", " + l1 + ", " + l2 + ", " + shrinkage);
    }
    this.power = (float) power;
    this.initialAccumulator = (float) initialAccumulator;
    this.l1 = (float) l1;
    this.l2 = (float) l2;
    this.shrinkage = (float) shrinkage;
    this.beta = (float) beta;
  }

  /** Keras's {@code Ftrl.from_config}. */
  public static Ftrl fromConfig(Config c) {
    double lr = readBaseConfig(c, 0.001);
    return withBaseOptions(c, new Ftrl(lr, c.number("learning_rate_power", -0.5),
        c.number("initial_accumulator_value", 0.1), c.number("l1_regularization_strength", 0.0),
        c.number("l2_regularization_strength", 0.0),
        c.number("l2_shrinkage_regularization_strength", 0.0), c.number("beta", 0.0)));
  }

  @Override
  public String name() {
    return "Ftrl";
  }

  /** Keras 3's accumulator and linear term of each weight, in turn. */
  @Override
  protected List<String> kerasSlotNames() {
    return List.of("accumulator", "linear");
  }

  @Override
  protected boolean kerasSlotsByVariable() {
    return true;
  }

  @Override
  protected void addConfig(Map<String, Object> c) {
    c.put("learning_rate_power", Floats.decimal(power));
    c.put("initial_accumulator_value", Floats.decimal(initialAccumulator));
    c.put("l1_regularization_strength", Floats.decimal(l1));
    c.put("l2_regularization_strength", Floats.decimal(l2));
    c.put("l2_shrinkage_regularization_strength", Floats.decimal(shrinkage));
    c.put("beta", Floats.decimal(beta));
  }

  @Override
  protected Op applyDense(Ops tf, Variable<TFloat32> w, Operand<TFloat32> g, Slots slots,
      Operand<TFloat32> step) {
    Variable<TFloat32> n = slots.filled(w, "accumulator", initialAccumulator);
    Variable<TFloat32> z = slots.zerosLike(w, "linear");
    Operand<TFloat32> lr = learningRate(tf, step);
    Operand<TFloat32> minusPower = tf.constant(-power);
    Operand<TFloat32> nNew = tf.math.add(n, tf.math.square(g));
    Operand<TFloat32> nPower = tf.math.pow(nNew, minusPower);
    Operand<TFloat32> zNew = tf.assignAdd(z, tf.math.sub(
        tf.math.add(g, tf.math.mul(tf.constant(2 * shrinkage), w)),
        tf.math.mul(tf.math.div(tf.math.sub(nPower, tf.math.pow(n, minusPower)), lr), w)));
    Operand<TFloat32> l2Total = tf.math.add(tf.constant(l2),
        tf.math.div(tf.constant(beta), tf.math.mul(tf.constant(2f), lr)));
    Operand<TFloat32> quadratic = tf.math.add(tf.math.div(nPower, lr),
        tf.math.mul(tf.constant(2f), l2Total));
    Operand<TFloat32> clipped = tf.clipByValue(zNew, tf.constant(-l1), tf.constant(l1));
    Op updated = tf.assign(w, tf.math.div(tf.math.sub(clipped, zNew), quadratic));
    return tf.withControlDependencies(List.of(updated)).assign(n, nNew);
  }
}
