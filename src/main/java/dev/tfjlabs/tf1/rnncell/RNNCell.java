package dev.tfjlabs.tf1.rnncell;

import dev.tfjlabs.tf1.Variables;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * TensorFlow 1's {@code tf.nn.rnn_cell.RNNCell}: one time step, {@code (output, new_state) =
 * cell(inputs, state)}, with its variables created on the first call from the input depth
 * (TF1's {@code build}). The kernels act on the concatenation {@code [x_t, h_{t-1}]}, as TF1's
 * do, so each is one matrix of {@code input_depth + num_units} rows; their default initializer
 * is TF1's variable-scope default, glorot-uniform over that shape. These are not Keras's cells:
 * see each subclass for where the equations differ.
 */
public abstract class RNNCell {
  protected final int numUnits;
  private boolean built;

  protected RNNCell(int numUnits) {
    if (numUnits <= 0) {
      throw new IllegalArgumentException("num_units must be positive, got " + numUnits);
    }
    this.numUnits = numUnits;
  }

  public int numUnits() {
    return numUnits;
  }

  /** The number of state tensors (1, or 2 for the LSTM's (c, h)), each [batch, num_units]. */
  public abstract int stateCount();

  /** TF1's {@code build}: creates the variables for inputs of {@code inputDepth} features. */
  protected abstract void build(Variables vars, int inputDepth);

  /** One step on x_t [batch, depth]; returns the output and the new state. */
  protected abstract Step step(Ops tf, Operand<TFloat32> x, List<Operand<TFloat32>> state);

  /** What one step gives: the output h_t and the new state. */
  public record Step(Operand<TFloat32> output, List<Operand<TFloat32>> state) {}

  /** TF1's {@code cell(inputs, state)}; builds the variables on the first call. */
  public final Step call(Variables vars, Operand<TFloat32> x, List<Operand<TFloat32>> state) {
    if (!built) {
      build(vars, (int) x.shape().get(1));
      built = true;
    }
    return step(vars.tf(), x, state);
  }

  /** TF1's {@code zero_state(batch_size)}: zeros [batch, num_units] per state tensor. */
  public List<Operand<TFloat32>> zeroState(Ops tf, Operand<TInt32> batchSize) {
    Operand<TInt32> dims = tf.concat(List.of(tf.reshape(batchSize, tf.constant(new int[] {1})),
        tf.constant(new int[] {numUnits})), tf.constant(0));
    List<Operand<TFloat32>> zeros = new ArrayList<>();
    for (int i = 0; i < stateCount(); i++) {
      zeros.add(tf.fill(dims, tf.constant(0f)));
    }
    return zeros;
  }

  /** {@code concat([x, h], 1) @ kernel + bias}. */
  protected static Operand<TFloat32> linear(Ops tf, Operand<TFloat32> x, Operand<TFloat32> h,
      Operand<TFloat32> kernel, Operand<TFloat32> bias) {
    return tf.nn.biasAdd(tf.linalg.matMul(tf.concat(List.of(x, h), tf.constant(1)), kernel), bias);
  }
}
