package dev.tfjlabs.tf1.rnncell;

import dev.tfjlabs.keras.initializers.Initializers;
import dev.tfjlabs.tf1.Variables;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * TensorFlow 1's {@code tf.nn.rnn_cell.BasicRNNCell(num_units)} (activation tanh):
 *
 * <pre>
 *   h_t = output = tanh([x_t, h_{t-1}] kernel + bias)
 * </pre>
 *
 * kernel [depth + units, units] glorot-uniform, bias [units] zeros. Parameters
 * {@code (depth + units + 1) * units}: 72,960 for 256 units on 28 features. The same function
 * as Keras's SimpleRNN, with W and U stacked in one kernel.
 */
public final class BasicRNNCell extends RNNCell {
  private Operand<TFloat32> kernel;
  private Operand<TFloat32> bias;

  public BasicRNNCell(int numUnits) {
    super(numUnits);
  }

  @Override
  public int stateCount() {
    return 1;
  }

  @Override
  protected void build(Variables vars, int inputDepth) {
    kernel = vars.get("basic_rnn_cell/kernel", new int[] {inputDepth + numUnits, numUnits},
        Initializers.glorotUniform());
    bias = vars.get("basic_rnn_cell/bias", new int[] {numUnits}, Initializers.zeros());
  }

  @Override
  protected Step step(Ops tf, Operand<TFloat32> x, List<Operand<TFloat32>> state) {
    Operand<TFloat32> h = tf.math.tanh(linear(tf, x, state.get(0), kernel, bias));
    return new Step(h, List.of(h));
  }
}
