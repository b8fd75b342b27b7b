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
 * {@code keras.optimizers.Adagrad} (Duchi et al. 2011) with Keras 3's defaults: learning rate
 * 0.001, {@code initial_accumulator_value} 0.1, epsilon 1e-7. With the accumulator a starting at
 * the initial value:
 *
 * <pre>
 *   a = a + g^2
 *   w = w - lr g / sqrt(a + epsilon)
 * </pre>
 */
public final class Adagrad extends Optimizer {
  public static final double LEARNING_RATE_DEFAULT = 0.001;
  public static final double INITIAL_ACCUMULATOR_DEFAULT = 0.1;
  public static final double EPSILON_DEFAULT = 1e-7;
  private final float initialAccumulator;
  private final float epsilon;

  public Adagrad(double learningRate) {
    this(learningRate, INITIAL_ACCUMULATOR_DEFAULT, EPSILON_DEFAULT);
  }

  public Adagrad(double learningRate, double initialAccumulator, double epsilon) {
    super(learningRate);
    if (initialAccumulator < 0) {
      throw new IllegalArgumentException("initial_accumulator_value cannot be negative, got "
          + initialAccumulator);
    }
    this.initialAccumulator = (float) initialAccumulator;
    this.epsilon = (float) epsilon;
  }

  /** Keras's {@code Adagrad.from_config} (Keras 2's {@code lr} and {@code decay} too). */
  public static Adagrad fromConfig(Config c) {
    double lr = readBaseConfig(c, LEARNING_RATE_DEFAULT);
    return withBaseOptions(c, new Adagrad(lr, c.number("initial_accumulator_value",
        INITIAL_ACCUMULATOR_DEFAULT), c.number("epsilon", EPSILON_DEFAULT)));
  }

  @Override
  public String name() {
    return "Adagrad";
  }

  @Override
  protected List<String> kerasSlotNames() {
    return List.of("accumulator");
  }

  @Override
  protected void addConfig(Map<String, Object> c) {
    c.put("initial_accumulator_value", Floats.decimal(initialAccumulator));
    c.put("epsilon", Floats.decimal(epsilon));
  }

  @Override
  protected Op applyDense(Ops tf, Variable<TFloat32> w, Operand<TFloat32> g, Slots slots,
      Operand<TFloat32> step) {
    Variable<TFloat32> a = slots.filled(w, "accumulator", initialAccumulator);
    Operand<TFloat32> accumulated = tf.assignAdd(a, tf.math.square(g));
    Operand<TFloat32> delta = tf.math.div(tf.math.mul(learningRate(tf, step), g),
        tf.math.sqrt(tf.math.add(accumulated, tf.constant(epsilon))));
    return tf.assignSub(w, delta);
  }
}
