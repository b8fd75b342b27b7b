package dev.tfjlabs.keras.optimizers;

import dev.tfjlabs.keras.config.Config;

import dev.tfjlabs.keras.backend.Floats;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * {@code keras.optimizers.Adam} (Kingma and Ba 2014) with Keras's defaults: learning rate 0.001,
 * beta1 0.9, beta2 0.999, epsilon 1e-7 (the TensorFlow Java framework's Adam uses 1e-8). At
 * step t, with m and v starting at zero:
 *
 * <pre>
 *   m = beta1 m + (1 - beta1) g
 *   v = beta2 v + (1 - beta2) g^2
 *   w = w - lr sqrt(1 - beta2^t) / (1 - beta1^t) * m / (sqrt(v) + epsilon)
 * </pre>
 */
public final class Adam extends Optimizer {
  public static final double LEARNING_RATE_DEFAULT = 0.001;
  public static final double BETA_ONE_DEFAULT = 0.9;
  public static final double BETA_TWO_DEFAULT = 0.999;
  public static final double EPSILON_DEFAULT = 1e-7;

  private final float beta1;
  private final float beta2;
  private final float epsilon;

  public Adam() {
    this(LEARNING_RATE_DEFAULT);
  }

  public Adam(double learningRate) {
    this(learningRate, BETA_ONE_DEFAULT, BETA_TWO_DEFAULT, EPSILON_DEFAULT);
  }

  public Adam(double learningRate, double beta1, double beta2, double epsilon) {
    super(learningRate);
    this.beta1 = (float) beta1;
    this.beta2 = (float) beta2;
    this.epsilon = (float) epsilon;
  }

  /** Keras's {@code Adam.from_config} (Keras 2's {@code lr} and {@code decay} too). */
  public static Adam fromConfig(Config c) {
    double lr = readBaseConfig(c, LEARNING_RATE_DEFAULT);
    c.fixed("amsgrad", false);
    return withBaseOptions(c, new Adam(lr, c.number("beta_1", BETA_ONE_DEFAULT),
        c.number("beta_2", BETA_TWO_DEFAULT), c.number("epsilon", EPSILON_DEFAULT)));
  }

  @Override
  public String name() {
    return "Adam";
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

  @Override
  protected void addConfig(Map<String, Object> c) {
    c.put("beta_1", Floats.decimal(beta1));
    c.put("beta_2", Floats.decimal(beta2));
    c.put("epsilon", Floats.decimal(epsilon));
    c.put("amsgrad", false);
  }

  @Override
  protected Op applyDense(Ops tf, Variable<TFloat32> w, Operand<TFloat32> g, Slots slots,
      Operand<TFloat32> step) {
    Operand<TFloat32> b1 = tf.constant(beta1);
    Operand<TFloat32> b2 = tf.constant(beta2);
    return tf.train.applyAdam(w, slots.zerosLike(w, "m"), slots.zerosLike(w, "v"),
        tf.math.pow(b1, step), tf.math.pow(b2, step), learningRate(tf, step), b1, b2,
        tf.constant(epsilon), g);
  }
}
