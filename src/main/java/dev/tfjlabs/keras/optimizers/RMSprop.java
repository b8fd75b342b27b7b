package dev.tfjlabs.keras.optimizers;

import dev.tfjlabs.keras.config.Config;
import dev.tfjlabs.keras.backend.Floats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * {@code keras.optimizers.RMSprop} as Keras 3 updates ({@code keras/src/optimizers/rmsprop.py}),
 * with its defaults: learning rate 0.001, rho 0.9, momentum 0, epsilon 1e-7, centered false;
 * every slot starts at 0 (the TensorFlow Java framework's accumulator starts at 1.0 with epsilon
 * 1e-10):
 *
 * <pre>
 *   v = rho v + (1 - rho) g^2
 *   a = rho a + (1 - rho) g                      (centered only)
 *   d = v + epsilon,  or  v - a^2 + epsilon      (centered)
 *   increment = lr g / sqrt(d)
 *   m = momentum m + increment;  w = w - m       (momentum &gt; 0)
 *   w = w - increment                            (momentum = 0)
 * </pre>
 *
 * <p>Keras 3 puts epsilon inside the square root. tf.keras 2 (optimizer_v2) without momentum
 * added it outside, {@code w = w - lr g / (sqrt(v) + epsilon)}: with gradients near 1e-7 the two
 * updates differ by a third.
 */
public final class RMSprop extends Optimizer {
  public static final double LEARNING_RATE_DEFAULT = 0.001;
  public static final double RHO_DEFAULT = 0.9;
  public static final double MOMENTUM_DEFAULT = 0.0;
  public static final double EPSILON_DEFAULT = 1e-7;
  public static final boolean CENTERED_DEFAULT = false;

  private final double rho;
  private final float momentum;
  private final float epsilon;
  private final boolean centered;

  public RMSprop() {
    this(LEARNING_RATE_DEFAULT);
  }

  public RMSprop(double learningRate) {
    this(learningRate, RHO_DEFAULT, MOMENTUM_DEFAULT, EPSILON_DEFAULT, CENTERED_DEFAULT);
  }

  /**
   * @param rho discount of the moving average of squared gradients, in [0, 1)
   * @param momentum in [0, 1); 0 updates the weights with the increment directly
   * @param centered normalise by the estimated variance of the gradient instead of its second
   *     moment
   */
  public RMSprop(double learningRate, double rho, double momentum, double epsilon,
      boolean centered) {
    super(learningRate);
    if (!(rho >= 0 && rho < 1)) {
      throw new IllegalArgumentException("rho must be in [0, 1), got " + rho);
    }
    if (!(momentum >= 0 && momentum < 1)) {
      throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
    }
    if (!(epsilon >= 0)) {
      throw new IllegalArgumentException("epsilon must be >= 0, got " + epsilon);
    }
    this.rho = rho;
    this.momentum = (float) momentum;
    this.epsilon = (float) epsilon;
    this.centered = centered;
  }

  /** Keras's {@code RMSprop.from_config} (Keras 2's {@code lr} and {@code decay} too). */
  public static RMSprop fromConfig(Config c) {
    double lr = readBaseConfig(c, LEARNING_RATE_DEFAULT);
    return withBaseOptions(c, new RMSprop(lr, c.number("rho", RHO_DEFAULT),
        c.number("momentum", 0.0), c.number("epsilon", EPSILON_DEFAULT),
        c.bool("centered", false)));
  }

  @Override
  public String name() {
    return "RMSprop";
  }

  /** Keras 3's velocities, then momentums, then average gradients. */
  @Override
  protected List<String> kerasSlotNames() {
    return List.of("velocity", "momentum", "average_gradient");
  }

  @Override
  protected void addConfig(Map<String, Object> c) {
    c.put("rho", rho);
    c.put("momentum", Floats.decimal(momentum));
    c.put("epsilon", Floats.decimal(epsilon));
    c.put("centered", centered);
  }

  @Override
  protected Op applyDense(Ops tf, Variable<TFloat32> w, Operand<TFloat32> g, Slots slots,
      Operand<TFloat32> step) {
    List<Op> stores = new ArrayList<>();
    // 1 - rho in double, as Keras computes it in Python before the cast
    Operand<TFloat32> keep = tf.constant((float) rho);
    Operand<TFloat32> take = tf.constant((float) (1 - rho));
    Variable<TFloat32> v = slots.zerosLike(w, "velocity");
    Operand<TFloat32> vNext = tf.math.add(tf.math.mul(keep, tf.identity(v)),
        tf.math.mul(take, tf.math.square(g)));
    stores.add(tf.assign(v, vNext));
    Operand<TFloat32> denominator;
    if (centered) {
      Variable<TFloat32> a = slots.zerosLike(w, "average_gradient");
      Operand<TFloat32> aNext = tf.math.add(tf.math.mul(keep, tf.identity(a)),
          tf.math.mul(take, g));
      stores.add(tf.assign(a, aNext));
      denominator = tf.math.add(tf.math.sub(vNext, tf.math.square(aNext)), tf.constant(epsilon));
    } else {
      denominator = tf.math.add(vNext, tf.constant(epsilon));
    }
    Operand<TFloat32> increment = tf.math.div(tf.math.mul(learningRate(tf, step), g),
        tf.math.sqrt(denominator));
    if (momentum > 0) {
      Variable<TFloat32> m = slots.zerosLike(w, "momentum");
      Operand<TFloat32> mNext = tf.math.add(tf.math.mul(tf.constant(momentum), tf.identity(m)),
          increment);
      stores.add(tf.assign(m, mNext));
      stores.add(tf.assignSub(w, mNext));
    } else {
      stores.add(tf.assignSub(w, increment));
    }
    return tf.withControlDependencies(stores).noOp();
  }
}
