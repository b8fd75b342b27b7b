package dev.tfjlabs.keras.optimizers;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * A Keras optimizer, written as graph ops so that each training step is one session run. The
 * template: {@link #applyGradients} gives every (variable, gradient) pair to
 * {@link #applyDense} and groups the updates. Slot variables (moments, accumulators) start at
 * zero, as Keras's do.
 */
public abstract class Optimizer {

  /** Creates the optimizer's per-variable state, initialised to zeros. */
  @FunctionalInterface
  public interface Slots {
    Variable<TFloat32> zerosLike(Variable<TFloat32> variable, String slotName);
  }

  private final float learningRate;

  protected Optimizer(double learningRate) {
    if (!(learningRate > 0)) {
      throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
    }
    this.learningRate = (float) learningRate;
  }

  public float learningRate() {
    return learningRate;
  }

  /** Keras's name of the optimizer. */
  public abstract String name();

  /**
   * The update of all variables, as one op.
   *
   * @param step Keras's {@code iterations + 1}: the 1-based number of this update
   */
  public Op applyGradients(Ops tf, List<Variable<TFloat32>> variables,
      List<Operand<TFloat32>> gradients, Slots slots, Operand<TFloat32> step) {
    List<Op> updates = new ArrayList<>();
    for (int i = 0; i < variables.size(); i++) {
      updates.add(applyDense(tf, variables.get(i), gradients.get(i), slots, step));
    }
    return tf.withControlDependencies(updates).noOp();
  }

  /** The update of one variable from its gradient. */
  protected abstract Op applyDense(Ops tf, Variable<TFloat32> variable, Operand<TFloat32> gradient,
      Slots slots, Operand<TFloat32> step);

  @Override
  public String toString() {
    return name() + "(learning_rate=" + learningRate + ")";
  }
}
