package dev.tfjlabs.tf1.rnncell;

import dev.tfjlabs.keras.initializers.Initializers;
import dev.tfjlabs.tf1.Variables;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * TensorFlow 1's {@code tf.nn.rnn_cell.BasicLSTMCell(num_units, forget_bias=1.0)}, state
 * (c, h), gates in TF1's order i, j, f, o along the columns of the kernel:
 *
 * <pre>
 *   i, j, f, o = split([x_t, h_{t-1}] kernel + bias, 4)
 *   c_t = c_{t-1} * sigmoid(f + forget_bias) + sigmoid(i) * tanh(j)
 *   h_t = output = tanh(c_t) * sigmoid(o)
 * </pre>
 *
 * kernel [depth + units, 4 units] glorot-uniform, bias [4 units] zeros. Unlike Keras's LSTM
 * (gate order i, f, c, o; {@code unit_forget_bias} puts 1 in the bias variable), the forget
 * bias here is a constant added in the equation and the bias variable starts at zero.
 * Parameters {@code 4 (depth + units + 1) units}: 291,840 for 256 units on 28 features.
 */
public final class BasicLSTMCell extends RNNCell {
  /** TF1's default {@code forget_bias}. */
  public static final float FORGET_BIAS_DEFAULT = 1.0f;

  private final float forgetBias;
  private Operand<TFloat32> kernel;
  private Operand<TFloat32> bias;

  public BasicLSTMCell(int numUnits) {
    this(numUnits, FORGET_BIAS_DEFAULT);
  }

  public BasicLSTMCell(int numUnits, float forgetBias) {
    super(numUnits);
    this.forgetBias = forgetBias;
  }

  @Override
  public int stateCount() {
    return 2;
  }

  @Override
  protected void build(Variables vars, int inputDepth) {
    kernel = vars.get("basic_lstm_cell/kernel", new int[] {inputDepth + numUnits, 4 * numUnits},
        Initializers.glorotUniform());
    bias = vars.get("basic_lstm_cell/bias", new int[] {4 * numUnits}, Initializers.zeros());
  }

  /** The state is (c, h), as TF1's {@code LSTMStateTuple}. */
  @Override
  protected Step step(Ops tf, Operand<TFloat32> x, List<Operand<TFloat32>> state) {
    Operand<TFloat32> c = state.get(0);
    List<Output<TFloat32>> g = tf.split(tf.constant(1), linear(tf, x, state.get(1), kernel, bias),
        4L).output();
    Operand<TFloat32> newC = tf.math.add(
        tf.math.mul(c, tf.math.sigmoid(tf.math.add(g.get(2), tf.constant(forgetBias)))),
        tf.math.mul(tf.math.sigmoid(g.get(0)), tf.math.tanh(g.get(1))));
    Operand<TFloat32> newH = tf.math.mul(tf.math.tanh(newC), tf.math.sigmoid(g.get(3)));
    return new Step(newH, List.of(newC, newH));
  }
}
