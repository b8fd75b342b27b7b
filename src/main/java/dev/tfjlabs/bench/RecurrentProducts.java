package dev.tfjlabs.bench;

import dev.tfjlabs.keras.backend.Backend;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;

/**
 * The floating-point rate of a stacked recurrent layer's matrix products alone, as a training
 * step runs them, with the dependencies the unrolled graph has between them: what is left of
 * fashion-rnn-gru's step when every element-wise op is free. For each of the {@code layers}
 * (gates g: 3 for the GRU), with inputs X [steps * batch, in] and state products over
 * {@code steps - 1} steps (the first step has no state):
 *
 * <pre>
 *   forward   P = X W;  h_{t+1} = (h_t U)[:, :units] + P_t[:, :units]      (27 chained)
 *   backward  d_t = [g_t, g_t, g_t];  g_{t-1} = d_t U^T + dX_t            (27 chained)
 *             dU = sum_t h_t^T d_t;  dW = X^T D;  dX = D W^T               (D: every d_t)
 * </pre>
 *
 * The slices, adds and tiles stand for the gates: they carry the dependencies at the cost of a
 * few microseconds each. Layer l + 1's input is layer l's states; the backward pass runs from
 * the last layer down, each layer's dX feeding the one below (the first layer's dX is not
 * needed). The multiply-adds are those {@link KernelWork} counts for these layers.
 */
final class RecurrentProducts {
  private RecurrentProducts() {}

  /**
   * The graph's inputs (each with its value), the step's weight gradients to run, and the
   * multiply-adds of its products.
   */
  record Step(List<Placeholder<TFloat32>> placeholders, List<Tensor> values,
      List<Operand<TFloat32>> targets, long multiplyAdds) implements AutoCloseable {
    @Override
    public void close() {
      values.forEach(Tensor::close);
    }
  }

  /** GFLOP/s of the best of {@code runs}, after one untimed. */
  static double gflops(int layers, int batch, int steps, int features, int units, int gates,
      int runs) {
    try (Graph g = new Graph();
        Step step = build(Ops.create(g), layers, batch, steps, features, units, gates);
        Session s = Backend.newSession(g)) {
      Session.Runner run = s.runner();
      for (int i = 0; i < step.placeholders().size(); i++) {
        run.feed(step.placeholders().get(i), step.values().get(i));
      }
      step.targets().forEach(run::addTarget);
      return 2.0 * step.multiplyAdds() / BestOf.seconds(runs, run) / 1e9;
    }
  }

  /** Builds the step's products for the given shapes (gates: 3 for the GRU, 1 for SimpleRNN). */
  static Step build(Ops tf, int layers, int batch, int steps, int features, int units,
      int gates) {
    Random random = new Random(1);
    int width = gates * units;
    List<Tensor> values = new ArrayList<>();
    List<Placeholder<TFloat32>> placeholders = new ArrayList<>();
    List<Operand<TFloat32>> kernels = new ArrayList<>();
    List<Operand<TFloat32>> recurrentKernels = new ArrayList<>();
    for (int l = 0; l < layers; l++) {
      int in = l == 0 ? features : units;
      kernels.add(input(tf, random, values, placeholders, Math.sqrt(3.0 / in), in, width));
      recurrentKernels.add(input(tf, random, values, placeholders, Math.sqrt(3.0 / units),
          units, width));
    }
    Operand<TFloat32> x = input(tf, random, values, placeholders, 1, steps * batch, features);
    long multiplyAdds = 0;
    List<Operand<TFloat32>> layerInputs = new ArrayList<>();
    List<List<Operand<TFloat32>>> states = new ArrayList<>();
    for (int l = 0; l < layers; l++) {
      int in = l == 0 ? features : units;
      layerInputs.add(x);
      Operand<TFloat32> p = tf.linalg.matMul(x, kernels.get(l));
      multiplyAdds += (long) steps * batch * in * width;
      List<Operand<TFloat32>> h = new ArrayList<>();
      h.add(rows(tf, p, 0, batch, units));
      for (int t = 1; t < steps; t++) {
        Operand<TFloat32> r = tf.linalg.matMul(h.get(t - 1), recurrentKernels.get(l));
        h.add(tf.math.add(cols(tf, r, units), rows(tf, p, t * batch, batch, units)));
      }
      multiplyAdds += (long) (steps - 1) * batch * units * width;
      states.add(h);
      x = tf.concat(h, tf.constant(0));
    }
    List<Operand<TFloat32>> targets = new ArrayList<>();
    Operand<TFloat32> dx = null;
    for (int l = layers - 1; l >= 0; l--) {
      int in = l == 0 ? features : units;
      List<Operand<TFloat32>> h = states.get(l);
      List<Operand<TFloat32>> d = new ArrayList<>(Collections.nCopies(steps, null));
      Operand<TFloat32> gradient = h.get(steps - 1);
      List<Operand<TFloat32>> du = new ArrayList<>();
      for (int t = steps - 1; t >= 0; t--) {
        if (dx != null) {
          gradient = tf.math.add(gradient, rows(tf, dx, t * batch, batch, units));
        }
        d.set(t, tf.tile(gradient, tf.constant(new int[] {1, gates})));
        if (t > 0) {
          du.add(tf.linalg.matMul(h.get(t - 1), d.get(t), MatMul.transposeA(true)));
          gradient = tf.linalg.matMul(d.get(t), recurrentKernels.get(l),
              MatMul.transposeB(true));
        }
      }
      multiplyAdds += 2L * (steps - 1) * batch * units * width;
      targets.add(tf.math.addN(du));
      Operand<TFloat32> dp = tf.concat(d, tf.constant(0));
      targets.add(tf.linalg.matMul(layerInputs.get(l), dp, MatMul.transposeA(true)));
      multiplyAdds += (long) steps * batch * in * width;
      if (l > 0) {
        dx = tf.linalg.matMul(dp, kernels.get(l), MatMul.transposeB(true));
        multiplyAdds += (long) steps * batch * in * width;
      }
    }
    return new Step(placeholders, values, targets, multiplyAdds);
  }

  private static Placeholder<TFloat32> input(Ops tf, Random random, List<Tensor> values,
      List<Placeholder<TFloat32>> placeholders, double bound, int rows, int cols) {
    TFloat32 v = BestOf.uniform(random, bound, rows, cols);
    values.add(v);
    Placeholder<TFloat32> p = tf.placeholder(TFloat32.class, Placeholder.shape(v.shape()));
    placeholders.add(p);
    return p;
  }

  /** Rows {@code from .. from + n} of {@code m}, the first {@code cols} columns. */
  private static Operand<TFloat32> rows(Ops tf, Operand<TFloat32> m, int from, int n, int cols) {
    return tf.slice(m, tf.constant(new int[] {from, 0}), tf.constant(new int[] {n, cols}));
  }

  /** The first {@code cols} columns of {@code m}. */
  private static Operand<TFloat32> cols(Ops tf, Operand<TFloat32> m, int cols) {
    return tf.slice(m, tf.constant(new int[] {0, 0}), tf.constant(new int[] {-1, cols}));
  }
}
