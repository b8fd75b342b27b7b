package dev.tfjlabs.keras.optimizers;

import dev.tfjlabs.keras.config.Config;

import dev.tfjlabs.keras.backend.Floats;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
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
 *   vhat = max(vhat, v)                 (amsgrad, Reddi et al. 2018; then v stands for vhat)
 *   w = w - lr sqrt(1 - beta2^t) / (1 - beta1^t) * m / (sqrt(v) + epsilon)
 * </pre>
 */
public class Adam extends Optimizer {
  public static final double LEARNING_RATE_DEFAULT = 0.001;
  public static final double BETA_ONE_DEFAULT = 0.9;
  public static final double BETA_TWO_DEFAULT = 0.999;
  public static final double EPSILON_DEFAULT = 1e-7;

  private final float beta1;
  private final float beta2;
  private final float epsilon;
  private final boolean amsgrad;

  public Adam() {
    this(LEARNING_RATE_DEFAULT);
  }

  public Adam(double learningRate) {
    this(learningRate, BETA_ONE_DEFAULT, BETA_TWO_DEFAULT, EPSILON_DEFAULT);
  }

  public Adam(double learningRate, double beta1, double beta2, double epsilon) {
    this(learningRate, beta1, beta2, epsilon, false);
  }

  /** @param amsgrad divide by the largest v seen so far (Keras's default false) */
  public Adam(double learningRate, double beta1, double beta2, double epsilon,
      boolean amsgrad) {
    super(learningRate);
    this.beta1 = (float) beta1;
    this.beta2 = (float) beta2;
    this.epsilon = (float) epsilon;
    this.amsgrad = amsgrad;
  }

  /** Keras's {@code Adam.from_config} (Keras 2's {@code lr} and {@code decay} too). */
  public static Adam fromConfig(Config c) {
    double lr = readBaseConfig(c, LEARNING_RATE_DEFAULT);
    return withBaseOptions(c, new Adam(lr, c.number("beta_1", BETA_ONE_DEFAULT),
        c.number("beta_2", BETA_TWO_DEFAULT), c.number("epsilon", EPSILON_DEFAULT),
        c.bool("amsgrad", false)));
  }

  @Override
  public String name() {
    return "Adam";
  }

  /** Keras 3's momentum and velocity of each weight, in turn; then every velocity_hat. */
  @Override
  protected final List<String> kerasSlotNames() {
    return List.of("m", "v", "vhat");
  }

  @Override
  protected final boolean kerasSlotsByVariable() {
    return true;
  }

  @Override
  public final List<Slot> kerasOrder(List<Slot> slots) {
    List<Slot> hats = slots.stream().filter(s -> s.name().equals("vhat"))
        .sorted(Comparator.comparingInt(Slot::variable)).toList();
    List<Slot> moments = super.kerasOrder(slots.stream()
        .filter(s -> !s.name().equals("vhat")).toList());
    return Stream.concat(moments.stream(), hats.stream()).toList();
  }

  @Override
  protected void addConfig(Map<String, Object> c) {
    c.put("beta_1", Floats.decimal(beta1));
    c.put("beta_2", Floats.decimal(beta2));
    c.put("epsilon", Floats.decimal(epsilon));
    c.put("amsgrad", amsgrad);
  }

  @Override
  protected final Op applyDense(Ops tf, Variable<TFloat32> w, Operand<TFloat32> g, Slots slots,
      Operand<TFloat32> step) {
    Operand<TFloat32> b1 = tf.constant(beta1);
    Operand<TFloat32> b2 = tf.constant(beta2);
    Variable<TFloat32> m = slots.zerosLike(w, "m");
    Variable<TFloat32> v = slots.zerosLike(w, "v");
    if (!amsgrad) {
      return tf.train.applyAdam(w, m, v, tf.math.pow(b1, step), tf.math.pow(b2, step),
          learningRate(tf, step), b1, b2, tf.constant(epsilon), g);
    }
    Operand<TFloat32> one = tf.constant(1f);
    Operand<TFloat32> alpha = tf.math.div(
        tf.math.mul(learningRate(tf, step), tf.math.sqrt(tf.math.sub(one, tf.math.pow(b2, step)))),
        tf.math.sub(one, tf.math.pow(b1, step)));
    // 1 - beta in double, as Keras computes it in Python before the cast
    Operand<TFloat32> take1 = tf.constant((float) (1 - Floats.decimal(beta1)));
    Operand<TFloat32> take2 = tf.constant((float) (1 - Floats.decimal(beta2)));
    Operand<TFloat32> mNext = tf.math.add(tf.identity(m),
        tf.math.mul(tf.math.sub(g, tf.identity(m)), take1));
    Operand<TFloat32> vNext = tf.math.add(tf.identity(v),
        tf.math.mul(tf.math.sub(tf.math.square(g), tf.identity(v)), take2));
    Variable<TFloat32> vHat = slots.zerosLike(w, "vhat");
    Operand<TFloat32> vHatNext = tf.math.maximum(tf.identity(vHat), vNext);
    Operand<TFloat32> update = tf.math.div(tf.math.mul(mNext, alpha),
        tf.math.add(tf.math.sqrt(vHatNext), tf.constant(epsilon)));
    return tf.withControlDependencies(List.of(tf.assign(m, mNext), tf.assign(v, vNext),
        tf.assign(vHat, vHatNext), tf.assignSub(w, update))).noOp();
  }
}
