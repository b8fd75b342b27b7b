package dev.tfjlabs.tf1;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tfjlabs.keras.backend.Backend;
import dev.tfjlabs.keras.backend.Tensors;
import dev.tfjlabs.tf1.rnncell.BasicLSTMCell;
import dev.tfjlabs.tf1.rnncell.BasicRNNCell;
import dev.tfjlabs.tf1.rnncell.GRUCell;
import dev.tfjlabs.tf1.rnncell.RNNCell;
import dev.tfjlabs.tf1.rnncell.StaticRnn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Stack;
import org.tensorflow.types.TFloat32;

/**
 * TF1's cells (static unrolling from the zero state) against {@link Tf1Reference}: every step's
 * output, and the gradient of a fixed linear function of the outputs with respect to every
 * weight against central differences of the reference, with random weights (biases included).
 */
class RnnCellTest {
  private static final int B = 3;
  private static final int T = 4;
  private static final int D = 3;
  private static final int U = 5;

  private static float[] random(Random r, int n, double scale) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (scale * (2 * r.nextDouble() - 1));
    }
    return v;
  }

  /** The cell's variables by name with their shapes, from building it once. */
  private static Map<String, int[]> shapes(Function<Integer, RNNCell> cell) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Variables vars = Variables.seeded(Ops.create(g), 1);
      StaticRnn.run(vars, cell.apply(U), vars.tf().placeholder(TFloat32.class,
          Placeholder.shape(Shape.of(-1, T, D))));
      vars.initialize(s);
      Map<String, int[]> out = new LinkedHashMap<>();
      vars.values(s).forEach((k, v) -> out.put(k, k.endsWith("bias") ? new int[] {v.length}
          : new int[] {D + U, v.length / (D + U)}));
      return out;
    }
  }

  private void check(Function<Integer, RNNCell> newCell,
      BiFunction<Map<String, float[]>, Integer, Tf1Reference.Cell> reference, long seed) {
    Random r = new Random(seed);
    Map<String, float[]> w = new LinkedHashMap<>();
    shapes(newCell).forEach((k, shape) -> w.put(k, random(r, shape.length == 1 ? shape[0]
        : shape[0] * shape[1], 0.7)));
    float[] x = random(r, B * T * D, 1);
    float[] probe = random(r, B * T * U, 1);

    List<String> names = new ArrayList<>(w.keySet());
    float[] outputs;
    List<float[]> gradients = new ArrayList<>();
    try (Graph g = new Graph(); Session s = Backend.newSession(g)) {
      Ops tf = Ops.create(g);
      Variables vars = Variables.restoring(tf, w);
      Placeholder<TFloat32> in = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, T, D)));
      Operand<TFloat32> seq = tf.stack(StaticRnn.run(vars, newCell.apply(U), in), Stack.axis(1L));
      Operand<TFloat32> loss = tf.sum(tf.math.mul(seq, tf.constant(Shape.of(B, T, U),
          org.tensorflow.ndarray.buffer.DataBuffers.of(probe))), tf.constant(new int[] {0, 1, 2}));
      Output<?>[] grads = g.addGradients(loss.asOutput(), vars.reads().stream()
          .map(Operand::asOutput).toArray(Output<?>[]::new));
      vars.initialize(s);
      try (TFloat32 xt = Tensors.of(new int[] {B, T, D}, x)) {
        Session.Runner run = s.runner().feed(in, xt).fetch(seq);
        for (Output<?> gr : grads) {
          run.fetch(gr);
        }
        Result res = run.run();
        outputs = Tensors.values((TFloat32) res.get(0));
        for (int i = 0; i < grads.length; i++) {
          gradients.add(Tensors.values((TFloat32) res.get(i + 1)));
        }
        res.close();
      }
    }

    // forward: every step of every sample
    for (int b = 0; b < B; b++) {
      double[][] ref = Tf1Reference.run(reference.apply(w, U), sequence(x, b), U);
      for (int t = 0; t < T; t++) {
        for (int u = 0; u < U; u++) {
          assertEquals(ref[t][u], outputs[(b * T + t) * U + u], 1e-5, "b" + b + " t" + t + " u" + u);
        }
      }
    }
    // gradients: central differences of the double-precision reference
    for (int v = 0; v < names.size(); v++) {
      float[] values = w.get(names.get(v));
      for (int i = 0; i < values.length; i += Math.max(1, values.length / 12)) {
        float keep = values[i];
        double h = 1e-3;
        values[i] = (float) (keep + h);
        double plus = referenceLoss(reference.apply(w, U), x, probe);
        values[i] = (float) (keep - h);
        double minus = referenceLoss(reference.apply(w, U), x, probe);
        values[i] = keep;
        double numeric = (plus - minus) / ((double) (float) (keep + h) - (float) (keep - h));
        assertEquals(numeric, gradients.get(v)[i], 2e-3 * Math.max(1, Math.abs(numeric)),
            names.get(v) + "[" + i + "]");
      }
    }
  }

  private static double[][] sequence(float[] x, int b) {
    double[][] s = new double[T][D];
    for (int t = 0; t < T; t++) {
      for (int d = 0; d < D; d++) {
        s[t][d] = x[(b * T + t) * D + d];
      }
    }
    return s;
  }

  private static double referenceLoss(Tf1Reference.Cell cell, float[] x, float[] probe) {
    double loss = 0;
    for (int b = 0; b < B; b++) {
      double[][] out = Tf1Reference.run(cell, sequence(x, b), U);
      for (int t = 0; t < T; t++) {
        for (int u = 0; u < U; u++) {
          loss += out[t][u] * probe[(b * T + t) * U + u];
        }
      }
    }
    return loss;
  }

  @Test
  void basicRnnCellIsTanhOfOneStackedKernel() {
    check(BasicRNNCell::new, Tf1Reference::basicRnn, 11);
  }

  @Test
  void basicLstmCellAddsTheForgetBiasInTheEquation() {
    check(BasicLSTMCell::new, (w, u) -> Tf1Reference.basicLstm(w, u, 1.0), 12);
    check(u -> new BasicLSTMCell(u, 0.5f), (w, u) -> Tf1Reference.basicLstm(w, u, 0.5), 13);
  }

  @Test
  void gruCellResetsHBeforeTheCandidateMatmul() {
    check(GRUCell::new, Tf1Reference::gru, 14);
  }

  @Test
  void initialValuesAreTf1s() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Variables vars = Variables.seeded(Ops.create(g), 3);
      StaticRnn.run(vars, new GRUCell(U), vars.tf().placeholder(TFloat32.class,
          Placeholder.shape(Shape.of(-1, T, D))));
      vars.initialize(s);
      Map<String, float[]> v = vars.values(s);
      float[] ones = new float[2 * U];
      java.util.Arrays.fill(ones, 1f);
      assertArrayEquals(ones, v.get("gru_cell/gates/bias"), "TF1's GRU gate bias starts at 1");
      assertArrayEquals(new float[U], v.get("gru_cell/candidate/bias"));
      double limit = Math.sqrt(6.0 / ((D + U) + 2 * U));
      for (float k : v.get("gru_cell/gates/kernel")) {
        assertEquals(0, k, limit, "glorot-uniform over [depth + units, 2 units]");
      }
      assertEquals(3 * (D + U + 1) * U, vars.countParams());
    }
  }
}
