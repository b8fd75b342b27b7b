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
 * {@code keras.optimizers.Adadelta} (Zeiler 2012) with Keras 3's defaults: learning rate 0.001,
 * rho 0.95, epsilon 1e-7. With both accumulators starting at zero and
 * {@code rms(a) = sqrt(a + epsilon)}:
 *
 * <pre>
 *   G = rho G + (1 - rho) g^2
 *   d = -rms(D) / rms(G) * g
 *   D = rho D + (1 - rho) d^2
 *   w = w + lr d
 * </pre>
 */
public final class Adadelta extends Optimizer {
  public static final double LEARNING_RATE_DEFAULT = 0.001;
  public static final double RHO_DEFAULT = 0.95;
  public static final double EPSILON_DEFAULT = 1e-7;
  private final float rho;
  private final float epsilon;

  public Adadelta(double learningRate) {
    this(learningRate, RHO_DEFAULT, EPSILON_DEFAULT);
  }

  public Adadelta(double learningRate, double rho, double epsilon) {
    super(learningRate);
    this.rho = (float) rho;
    this.epsilon = (float) epsilon;
  }

  /** Keras's {@code Adadelta.from_config} (Keras 2's {@code lr} and {@code decay} too). */
  public static Adadelta fromConfig(Config c) {
    double lr = readBaseConfig(c, LEARNING_RATE_DEFAULT);
    return withBaseOptions(c, new Adadelta(lr, c.number("rho", RHO_DEFAULT),
        c.number("epsilon", EPSILON_DEFAULT)));
  }

  @Override
  public String name() {
    return "Adadelta";
  }

  /** Keras 3's accumulated gradient and accumulated update of each weight, in turn. */
  @Override
  protected List<String> kerasSlotNames() {
    return List.of("accumulated_grad", "accumulated_delta_var");
  }

  @Override
  protected boolean kerasSlotsByVariable() {
    return true;
  }

  @Override
  protected void addConfig(Map<String, Object> c) {
    c.put("rho", Floats.decimal(rho));
    c.put("epsilon", Floats.decimal(epsilon));
  }

  @Override
  protected Op applyDense(Ops tf, Variable<TFloat32> w, Operand<TFloat32> g, Slots slots,
      Operand<TFloat32> step) {
    Variable<TFloat32> accGrad = slots.zerosLike(w, "accumulated_grad");
    Variable<TFloat32> accDelta = slots.zerosLike(w, "accumulated_delta_var");
    Operand<TFloat32> r = tf.constant(rho);
    Operand<TFloat32> oneMinusR = tf.constant(1f - rho);
    Operand<TFloat32> eps = tf.constant(epsilon);
    Operand<TFloat32> grads = tf.assign(accGrad, tf.math.add(tf.math.mul(r, accGrad),
        tf.math.mul(oneMinusR, tf.math.square(g))));
    Operand<TFloat32> delta = tf.math.neg(tf.math.mul(tf.math.div(
        tf.math.sqrt(tf.math.add(accDelta, eps)), tf.math.sqrt(tf.math.add(grads, eps))), g));
    Operand<TFloat32> deltas = tf.assign(accDelta, tf.math.add(tf.math.mul(r, accDelta),
        tf.math.mul(oneMinusR, tf.math.square(delta))));
    return tf.withControlDependencies(List.of(deltas)).assignAdd(w,
        tf.math.mul(learningRate(tf, step), delta));
  }
}
