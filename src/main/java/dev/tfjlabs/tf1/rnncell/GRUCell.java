package dev.tfjlabs.tf1.rnncell;

import dev.tfjlabs.keras.initializers.Initializers;
import dev.tfjlabs.tf1.Variables;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * TensorFlow 1's {@code tf.nn.rnn_cell.GRUCell(num_units)} (Cho et al. 2014):
 *
 * <pre>
 *   r, u = split(sigmoid([x_t, h_{t-1}] gates/kernel + gates/bias), 2)
 *   c    = tanh([x_t, r * h_{t-1}] candidate/kernel + candidate/bias)
 *   h_t  = output = u * h_{t-1} + (1 - u) * c
 * </pre>
 *
 * gates/kernel [depth + units, 2 units] and candidate/kernel [depth + units, units]
 * glorot-uniform; gates/bias starts at 1.0 (TF1's default, so the gates start mostly open),
 * candidate/bias at 0. Unlike Keras's GRU with {@code reset_after=True}, the reset gate
 * multiplies h before the candidate's matmul, and there is one bias per gate. Parameters
 * {@code 3 (depth + units + 1) units}: 218,880 for 256 units on 28 features.
 */
public final class GRUCell extends RNNCell {
  private Operand<TFloat32> gateKernel;
  private Operand<TFloat32> gateBias;
  private Operand<TFloat32> candidateKernel;
  private Operand<TFloat32> candidateBias;

  public GRUCell(int numUnits) {
    super(numUnits);
  }

  @Override
  public int stateCount() {
    return 1;
  }

  @Override
  protected void build(Variables vars, int inputDepth) {
    int rows = inputDepth + numUnits;
    gateKernel = vars.get("gru_cell/gates/kernel", new int[] {rows, 2 * numUnits},
        Initializers.glorotUniform());
    gateBias = vars.get("gru_cell/gates/bias", new int[] {2 * numUnits},
        Initializers.constant(1.0f));
    candidateKernel = vars.get("gru_cell/candidate/kernel", new int[] {rows, numUnits},
        Initializers.glorotUniform());
    candidateBias = vars.get("gru_cell/candidate/bias", new int[] {numUnits},
        Initializers.zeros());
  }

  @Override
  protected Step step(Ops tf, Operand<TFloat32> x, List<Operand<TFloat32>> state) {
    Operand<TFloat32> h = state.get(0);
    List<Output<TFloat32>> ru = tf.split(tf.constant(1),
        tf.math.sigmoid(linear(tf, x, h, gateKernel, gateBias)), 2L).output();
    Operand<TFloat32> c = tf.math.tanh(linear(tf, x, tf.math.mul(ru.get(0), h), candidateKernel,
        candidateBias));
    Operand<TFloat32> u = ru.get(1);
    Operand<TFloat32> newH = tf.math.add(tf.math.mul(u, h),
        tf.math.mul(tf.math.sub(tf.constant(1f), u), c));
    return new Step(newH, List.of(newH));
  }
}
