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
 * {@code keras.optimizers.SGD} with Keras's defaults: learning rate 0.01, momentum 0, nesterov
 * false. Without momentum {@code w = w - lr g}; with momentum, velocity v starting at 0:
 *
 * <pre>
 *   v = momentum v - lr g
 *   w = w + v                        (nesterov false)
 *   w = w + momentum v - lr g        (nesterov true, with the updated v)
 * </pre>
 */
public final class SGD extends Optimizer {
  public static final double LEARNING_RATE_DEFAULT = 0.01;

  private final float momentum;
  private final boolean nesterov;

  public SGD() {
    this(LEARNING_RATE_DEFAULT);
  }

  public SGD(double learningRate) {
    this(learningRate, 0);
  }

  public SGD(double learningRate, double momentum) {
    this(learningRate, momentum, false);
  }

  /** @param nesterov Nesterov momentum, as Keras applies it (no effect when momentum is 0) */
  public SGD(double learningRate, double momentum, boolean nesterov) {
    super(learningRate);
    if (!(momentum >= 0 && momentum <= 1)) {
      throw new IllegalArgumentException("momentum must be in [0, 1], got " + momentum);
    }
    this.momentum = (float) momentum;
    this.nesterov = nesterov;
  }

  /** Keras's {@code SGD.from_config} (Keras 2's {@code lr} and {@code decay} too). */
  public static SGD fromConfig(Config c) {
    double lr = readBaseConfig(c, LEARNING_RATE_DEFAULT);
    return withBaseOptions(c, new SGD(lr, c.number("momentum", 0.0),
        c.bool("nesterov", false)));
  }

  @Override
  public String name() {
    return "SGD";
  }

  /** Keras 3's momentums, when momentum is not 0. */
  @Override
  protected List<String> kerasSlotNames() {
    return List.of("momentum");
  }

  @Override
  protected void addConfig(Map<String, Object> c) {
    c.put("momentum", Floats.decimal(momentum));
    c.put("nesterov", nesterov);
  }

  @Override
  protected Op applyDense(Ops tf, Variable<TFloat32> w, Operand<TFloat32> g, Slots slots,
      Operand<TFloat32> step) {
    Operand<TFloat32> lr = learningRate(tf, step);
    if (momentum == 0) {
      return tf.train.applyGradientDescent(w, lr, g);
    }
    Variable<TFloat32> v = slots.zerosLike(w, "momentum");
    Operand<TFloat32> next = tf.math.sub(tf.math.mul(tf.constant(momentum), tf.identity(v)),
        tf.math.mul(lr, g));
    Operand<TFloat32> move = nesterov
        ? tf.math.sub(tf.math.mul(tf.constant(momentum), next), tf.math.mul(lr, g)) : next;
    return tf.withControlDependencies(List.of(tf.assign(v, next), tf.assignAdd(w, move))).noOp();
  }
}
