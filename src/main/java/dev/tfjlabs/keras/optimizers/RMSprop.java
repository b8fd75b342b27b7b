package dev.tfjlabs.keras.optimizers;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * {@code keras.optimizers.RMSprop} with Keras's defaults: learning rate 0.001, rho 0.9,
 * epsilon 1e-7, accumulator starting at 0 (the TensorFlow Java framework's starts at 1.0 with
 * epsilon 1e-10, and TensorFlow's fused op puts epsilon inside the square root):
 *
 * <pre>
 *   a = rho a + (1 - rho) g^2
 *   w = w - lr g / (sqrt(a) + epsilon)
 * </pre>
 */
public final class RMSprop extends Optimizer {
  public static final double LEARNING_RATE_DEFAULT = 0.001;
  public static final double RHO_DEFAULT = 0.9;
  public static final double EPSILON_DEFAULT = 1e-7;

  private final float rho;
  private final float epsilon;

  public RMSprop() {
    this(LEARNING_RATE_DEFAULT);
  }

  public RMSprop(double learningRate) {
    this(learningRate, RHO_DEFAULT, EPSILON_DEFAULT);
  }

  public RMSprop(double learningRate, double rho, double epsilon) {
    super(learningRate);
    this.rho = (float) rho;
    this.epsilon = (float) epsilon;
  }

  @Override
  public String name() {
    return "RMSprop";
  }

  @Override
  protected Op applyDense(Ops tf, Variable<TFloat32> w, Operand<TFloat32> g, Slots slots,
      Operand<TFloat32> step) {
    Variable<TFloat32> a = slots.zerosLike(w, "rms");
    Operand<TFloat32> next = tf.math.add(tf.math.mul(tf.constant(rho), tf.identity(a)),
        tf.math.mul(tf.constant(1f - rho), tf.math.mul(g, g)));
    Op storeA = tf.assign(a, next);
    Operand<TFloat32> delta = tf.math.div(tf.math.mul(tf.constant(learningRate()), g),
        tf.math.add(tf.math.sqrt(next), tf.constant(epsilon)));
    Op storeW = tf.assignSub(w, delta);
    return tf.withControlDependencies(List.of(storeA, storeW)).noOp();
  }
}
