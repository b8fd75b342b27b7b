package dev.tfjlabs.tf1.rnncell;

import dev.tfjlabs.tf1.Variables;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * TensorFlow 1's {@code tf.nn.dynamic_rnn(cell, X)} unrolled statically, as
 * {@code tf.nn.static_rnn} does (TensorFlow Java cannot differentiate a while loop): the cell
 * runs over the {@code steps} of X [batch, steps, depth] from its zero state.
 */
public final class StaticRnn {
  private StaticRnn() {}

  /** The outputs of every step, each [batch, num_units]; {@code steps} must be known. */
  public static List<Operand<TFloat32>> run(Variables vars, RNNCell cell, Operand<TFloat32> x) {
    Ops tf = vars.tf();
    long steps = x.shape().get(1);
    if (steps <= 0) {
      throw new IllegalArgumentException("a static RNN needs a known number of steps, got shape "
          + x.shape());
    }
    List<Output<TFloat32>> perStep = tf.unstack(x, steps, org.tensorflow.op.core.Unstack.axis(1L))
        .output();
    List<Operand<TFloat32>> state = cell.zeroState(tf, tf.slice(tf.shape(x),
        tf.constant(new int[] {0}), tf.constant(new int[] {1})));
    List<Operand<TFloat32>> outputs = new ArrayList<>();
    for (Output<TFloat32> xt : perStep) {
      RNNCell.Step s = cell.call(vars, xt, state);
      outputs.add(s.output());
      state = s.state();
    }
    return outputs;
  }
}
