package dev.tfjlabs.keras.optimizers;

import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import java.util.List;

/**
 * PyTorch's {@code torch.optim.Adam(params, lr=0.001, betas=(0.9, 0.999), eps=1e-8)}, for the
 * labs that port PyTorch notebooks. At step t, with m and v starting at zero:
 *
 * <pre>
 *   m = beta1 m + (1 - beta1) g;   v = beta2 v + (1 - beta2) g^2
 *   w = w - lr (m / (1 - beta1^t)) / (sqrt(v / (1 - beta2^t)) + eps)
 * </pre>
 *
 * PyTorch adds eps to the bias-corrected sqrt(v); Keras's and TensorFlow 1's {@link Adam}
 * folds the correction into the learning rate and adds eps to the uncorrected sqrt(v), which
 * is eps sqrt(1 - beta2^t) in PyTorch's terms: the two differ where sqrt(v) is near eps.
 */
public final class TorchAdam extends Optimizer {
  public static final double LEARNING_RATE_DEFAULT = 0.001;
  public static final double BETA_ONE_DEFAULT = 0.9;
  public static final double BETA_TWO_DEFAULT = 0.999;
  public static final double EPSILON_DEFAULT = 1e-8;

  private final float beta1;
  private final float beta2;
  private final float epsilon;

  public TorchAdam(double learningRate) {
    this(learningRate, BETA_ONE_DEFAULT, BETA_TWO_DEFAULT, EPSILON_DEFAULT);
  }

  public TorchAdam(double learningRate, double beta1, double beta2, double epsilon) {
    super(learningRate);
    this.beta1 = (float) beta1;
    this.beta2 = (float) beta2;
    this.epsilon = (float) epsilon;
  }

  @Override
  public String name() {
    return "TorchAdam";
  }

  @Override
  protected Op applyDense(Ops tf, Variable<TFloat32> w, Operand<TFloat32> g, Slots slots,
      Operand<TFloat32> step) {
    Variable<TFloat32> m = slots.zerosLike(w, "m");
    Variable<TFloat32> v = slots.zerosLike(w, "v");
    Operand<TFloat32> b1 = tf.constant(beta1);
    Operand<TFloat32> b2 = tf.constant(beta2);
    Operand<TFloat32> one = tf.constant(1f);
    Operand<TFloat32> mNew = tf.math.add(tf.math.mul(b1, tf.identity(m)),
        tf.math.mul(tf.math.sub(one, b1), g));
    Operand<TFloat32> vNew = tf.math.add(tf.math.mul(b2, tf.identity(v)),
        tf.math.mul(tf.math.sub(one, b2), tf.math.square(g)));
    Operand<TFloat32> mHat = tf.math.div(mNew, tf.math.sub(one, tf.math.pow(b1, step)));
    Operand<TFloat32> vHat = tf.math.div(vNew, tf.math.sub(one, tf.math.pow(b2, step)));
    Operand<TFloat32> delta = tf.math.mul(tf.constant(learningRate()),
        tf.math.div(mHat, tf.math.add(tf.math.sqrt(vHat), tf.constant(epsilon))));
    return tf.withControlDependencies(List.of(tf.assign(m, mNew), tf.assign(v, vNew),
        tf.assignSub(w, delta))).noOp();
  }
}
