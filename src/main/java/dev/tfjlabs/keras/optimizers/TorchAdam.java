package dev.tfjlabs.keras.optimizers;

import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;

/**
 * PyTorch's {@code torch.optim.Adam(params, lr=0.001, betas=(0.9, 0.999), eps=1e-8)}, for the
 * labs that port PyTorch notebooks. At step t, with m and v starting at zero, as
 * {@code torch/optim/adam.py} computes it:
 *
 * <pre>
 *   m = beta1 m + (1 - beta1) g;   v = beta2 v + (1 - beta2) g^2
 *   step_size = lr / (1 - beta1^t);   c2 = sqrt(1 - beta2^t)          (in float64)
 *   w = w - step_size m / (sqrt(v) / c2 + eps)
 * </pre>
 *
 * <p>PyTorch computes the bias corrections in Python's double precision and only then meets the
 * float32 tensors; so does this class (in float32, {@code 1 - 0.999^2} is off by 6.7e-6 and every
 * update by 1.7e-6 relative). PyTorch adds eps to the bias-corrected sqrt(v); Keras's and
 * TensorFlow 1's {@link Adam} folds the correction into the learning rate and adds eps to the
 * uncorrected sqrt(v), which is eps sqrt(1 - beta2^t) in PyTorch's terms: the two differ where
 * sqrt(v) is near eps.
 */
public final class TorchAdam extends Optimizer {
  public static final double LEARNING_RATE_DEFAULT = 0.001;
  public static final double BETA_ONE_DEFAULT = 0.9;
  public static final double BETA_TWO_DEFAULT = 0.999;
  public static final double EPSILON_DEFAULT = 1e-8;

  private final double beta1;
  private final double beta2;
  private final float epsilon;

  public TorchAdam(double learningRate) {
    this(learningRate, BETA_ONE_DEFAULT, BETA_TWO_DEFAULT, EPSILON_DEFAULT);
  }

  public TorchAdam(double learningRate, double beta1, double beta2, double epsilon) {
    super(learningRate);
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = (float) epsilon;
  }

  /** PyTorch's Adam here keeps a constant learning rate; a schedule is refused. */
  @Override
  public Optimizer learningRateSchedule(
      dev.tfjlabs.keras.optimizers.schedules.LearningRateSchedule value) {
    throw new IllegalArgumentException("TorchAdam keeps a constant learning rate; use Adam for"
        + " a learning-rate schedule");
  }

  @Override
  public String name() {
    return "TorchAdam";
  }

  /** None: Keras has no optimizer with PyTorch's Adam rule. */
  @Override
  public Map<String, Object> getConfig() {
    return null;
  }

  @Override
  protected void addConfig(Map<String, Object> c) {}

  @Override
  protected Op applyDense(Ops tf, Variable<TFloat32> w, Operand<TFloat32> g, Slots slots,
      Operand<TFloat32> step) {
    Variable<TFloat32> m = slots.zerosLike(w, "m");
    Variable<TFloat32> v = slots.zerosLike(w, "v");
    Operand<TFloat32> mNew = tf.math.add(tf.math.mul(tf.constant((float) beta1), tf.identity(m)),
        tf.math.mul(tf.constant((float) (1 - beta1)), g));
    Operand<TFloat32> vNew = tf.math.add(tf.math.mul(tf.constant((float) beta2), tf.identity(v)),
        tf.math.mul(tf.constant((float) (1 - beta2)), tf.math.square(g)));
    Operand<TFloat64> t = tf.dtypes.cast(step, TFloat64.class);
    Operand<TFloat64> one = tf.constant(1.0);
    Operand<TFloat64> stepSize = tf.math.div(tf.constant((double) learningRate()),
        tf.math.sub(one, tf.math.pow(tf.constant(beta1), t)));
    Operand<TFloat64> c2 = tf.math.sqrt(tf.math.sub(one, tf.math.pow(tf.constant(beta2), t)));
    Operand<TFloat32> denominator = tf.math.add(
        tf.math.div(tf.math.sqrt(vNew), tf.dtypes.cast(c2, TFloat32.class)),
        tf.constant(epsilon));
    Operand<TFloat32> delta = tf.math.mul(tf.dtypes.cast(stepSize, TFloat32.class),
        tf.math.div(mNew, denominator));
    return tf.withControlDependencies(List.of(tf.assign(m, mNew), tf.assign(v, vNew),
        tf.assignSub(w, delta))).noOp();
  }
}
