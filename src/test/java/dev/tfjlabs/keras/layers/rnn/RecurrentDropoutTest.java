package dev.tfjlabs.keras.layers.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tfjlabs.keras.layers.CallContext;
import dev.tfjlabs.keras.layers.Weight;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Keras's {@code dropout} and {@code recurrent_dropout} on SimpleRNN, LSTM and GRU in training
 * (Keras 3's implementation 1 whenever recurrent dropout is set: one input mask and one
 * recurrent mask per gate, each drawn once per sequence; {@code keras/src/layers/rnn/lstm.py},
 * {@code gru.py}, {@code simple_rnn.py}). The layer runs in a training graph of its own whose
 * dropout masks are read back (the same seed and stream); its outputs and the gradient of a
 * weighted sum of them with respect to every weight are compared with a plain-Java
 * double-precision loop over Keras's equations with those masks.
 */
class RecurrentDropoutTest {
  private static final int B = 3;
  private static final int T = 4;
  private static final int F = 2;
  private static final int U = 3;

  /** The masks a training pass drew: input [gate][sample][feature], recurrent [gate][sample][unit]. */
  private record Masks(double[][][] input, double[][][] recurrent) {}

  /** One sample's step: the new states (h first) from x, the states and the sample's masks. */
  private interface Step {
    double[][] apply(double[] x, double[][] s, List<float[]> w, double[][] in, double[][] rec);
  }

  private static double sigmoid(double v) {
    return 1 / (1 + Math.exp(-v));
  }

  /** {@code (x * mask) W[:, col]}. */
  private static double dot(double[] x, double[] mask, float[] w, int cols, int col) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += x[i] * (mask == null ? 1 : mask[i]) * w[i * cols + col];
    }
    return s;
  }

  private static double[] gateMask(double[][] masks, int g) {
    return masks == null ? null : masks[Math.min(g, masks.length - 1)];
  }

  private static final Step SIMPLE = (x, s, w, in, rec) -> {
    double[] h = new double[U];
    for (int j = 0; j < U; j++) {
      h[j] = Math.tanh(dot(x, gateMask(in, 0), w.get(0), U, j) + w.get(2)[j]
          + dot(s[0], gateMask(rec, 0), w.get(1), U, j));
    }
    return new double[][] {h};
  };

  private static final Step LSTM_STEP = (x, s, w, in, rec) -> {
    double[] h = new double[U];
    double[] c = new double[U];
    for (int j = 0; j < U; j++) {
      double[] z = new double[4];
      for (int g = 0; g < 4; g++) {
        int col = g * U + j;
        z[g] = dot(x, gateMask(in, g), w.get(0), 4 * U, col) + w.get(2)[col]
            + dot(s[0], gateMask(rec, g), w.get(1), 4 * U, col);
      }
      c[j] = sigmoid(z[1]) * s[1][j] + sigmoid(z[0]) * Math.tanh(z[2]);
      h[j] = sigmoid(z[3]) * Math.tanh(c[j]);
    }
    return new double[][] {h, c};
  };

  private static Step gru(boolean resetAfter) {
    return (x, s, w, in, rec) -> {
      int cols = 3 * U;
      float[] b = w.get(2);
      double[] h = new double[U];
      for (int j = 0; j < U; j++) {
        double[] xs = new double[3];
        double[] rs = new double[3];
        for (int g = 0; g < 3; g++) {
          int col = g * U + j;
          xs[g] = dot(x, gateMask(in, g), w.get(0), cols, col) + b[col];
          rs[g] = dot(s[0], gateMask(rec, g), w.get(1), cols, col) + (resetAfter ? b[cols + col] : 0);
        }
        double z = sigmoid(xs[0] + rs[0]);
        double r = sigmoid(xs[1] + rs[1]);
        double recurrentH;
        if (resetAfter) {
          recurrentH = r * rs[2];
        } else {
          // (r * h * m_h) U_h, each unit's own r
          recurrentH = 0;
          double[] m = gateMask(rec, 2);
          for (int i = 0; i < U; i++) {
            double ri = sigmoid(dot(x, gateMask(in, 1), w.get(0), cols, U + i) + b[U + i]
                + dot(s[0], gateMask(rec, 1), w.get(1), cols, U + i));
            recurrentH += ri * s[0][i] * (m == null ? 1 : m[i]) * w.get(1)[i * cols + 2 * U + j];
          }
        }
        double hh = Math.tanh(xs[2] + recurrentH);
        h[j] = z * s[0][j] + (1 - z) * hh;
      }
      return new double[][] {h};
    };
  }

  /** The layer's outputs [B][T][U] by the reference, for weights {@code w}. */
  private static double[] reference(Step step, int states, double[] x, List<float[]> w,
      Masks m) {
    double[] out = new double[B * T * U];
    for (int n = 0; n < B; n++) {
      double[][] s = new double[states][U];
      double[][] in = m.input() == null ? null : new double[m.input().length][];
      double[][] rec = m.recurrent() == null ? null : new double[m.recurrent().length][];
      for (int g = 0; in != null && g < in.length; g++) {
        in[g] = m.input()[g][n];
      }
      for (int g = 0; rec != null && g < rec.length; g++) {
        rec[g] = m.recurrent()[g][n];
      }
      for (int t = 0; t < T; t++) {
        double[] xt = new double[F];
        System.arraycopy(x, (n * T + t) * F, xt, 0, F);
        s = step.apply(xt, s, w, in, rec);
        System.arraycopy(s[0], 0, out, (n * T + t) * U, U);
      }
    }
    return out;
  }

  /**
   * Runs {@code layer} (built for [T, F]) in training with random weights; checks its outputs
   * and gradients against the reference with the masks the pass drew ({@code inputGates}
   * input masks, {@code recurrentGates} recurrent ones, 0 for none).
   */
  private static void check(RNN layer, Step step, int states, int inputGates,
      int recurrentGates) {
    layer.build(new int[] {T, F});
    Random r = new Random(17);
    List<float[]> w = new ArrayList<>();
    for (Weight weight : layer.weights()) {
      float[] v = new float[weight.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) (r.nextDouble() - 0.5);
      }
      w.add(v);
    }
    double[] x = new double[B * T * F];
    float[] xf = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      xf[i] = (float) (r.nextDouble() * 2 - 1);
      x[i] = xf[i];
    }
    float[] outWeights = new float[B * T * U];
    for (int i = 0; i < outWeights.length; i++) {
      outWeights[i] = (float) (r.nextDouble() - 0.5);
    }
    try (Graph g = new Graph(); Session session = new Session(g)) {
      Ops tf = Ops.create(g);
      Map<Weight, Operand<TFloat32>> values = new HashMap<>();
      List<Operand<TFloat32>> constants = new ArrayList<>();
      for (int k = 0; k < w.size(); k++) {
        Weight weight = layer.weights().get(k);
        long[] dims = java.util.Arrays.stream(weight.shape()).asLongStream().toArray();
        Operand<TFloat32> c = tf.constant(Shape.of(dims), DataBuffers.of(w.get(k)));
        values.put(weight, c);
        constants.add(c);
      }
      CallContext ctx = new CallContext(tf, true, values, tf.constant(new long[] {5, 9}),
          new HashMap<>());
      Operand<TFloat32> input = tf.constant(Shape.of(B, T, F), DataBuffers.of(xf));
      Operand<TFloat32> y = layer.callAll(List.of(input), ctx).get(0);
      Operand<TFloat32> loss = tf.sum(tf.math.mul(y, tf.constant(Shape.of(B, T, U),
          DataBuffers.of(outWeights))), tf.constant(new int[] {0, 1, 2}));
      Output<?>[] grads = g.addGradients(loss.asOutput(), constants.stream()
          .map(Operand::asOutput).toArray(Output<?>[]::new));
      List<Operand<TFloat32>> maskOps = new ArrayList<>();
      Operand<TInt32> byFeatures = tf.constant(new int[] {B, F});
      Operand<TInt32> byUnits = tf.constant(new int[] {B, U});
      float inRate = layer.options().dropout();
      float recRate = layer.options().recurrentDropout();
      for (int k = 0; k < inputGates; k++) {
        maskOps.add(ctx.dropoutMask(byFeatures, inRate, inputGates == 1 ? layer.path()
            : layer.path() + "/dropout/" + k));
      }
      for (int k = 0; k < recurrentGates; k++) {
        maskOps.add(ctx.dropoutMask(byUnits, recRate, layer.path() + "/recurrent_dropout/" + k));
      }
      Session.Runner runner = session.runner().fetch(y);
      for (Output<?> grad : grads) {
        runner.fetch(grad);
      }
      maskOps.forEach(runner::fetch);
      try (var result = runner.run()) {
        float[] got = read(result.get(0), B * T * U);
        double[][][] in = inputGates == 0 ? null : new double[inputGates][B][F];
        double[][][] rec = recurrentGates == 0 ? null : new double[recurrentGates][B][U];
        int dropped = 0;
        for (int k = 0; k < inputGates + recurrentGates; k++) {
          int width = k < inputGates ? F : U;
          float[] mask = read(result.get(1 + w.size() + k), B * width);
          for (int n = 0; n < B; n++) {
            for (int i = 0; i < width; i++) {
              double v = mask[n * width + i];
              dropped += v == 0 ? 1 : 0;
              if (k < inputGates) {
                in[k][n][i] = v;
              } else {
                rec[k - inputGates][n][i] = v;
              }
            }
          }
        }
        assertTrue(dropped > 0, "some units dropped");
        Masks masks = new Masks(in, rec);
        double[] want = reference(step, states, x, w, masks);
        for (int i = 0; i < want.length; i++) {
          assertEquals(want[i], got[i], 1e-5, "output " + i);
        }
        for (int k = 0; k < w.size(); k++) {
          float[] analytic = read(result.get(1 + k), w.get(k).length);
          for (int i = 0; i < w.get(k).length; i++) {
            List<float[]> plus = copy(w);
            List<float[]> minus = copy(w);
            plus.get(k)[i] += 1e-3f;
            minus.get(k)[i] -= 1e-3f;
            double h = (double) plus.get(k)[i] - minus.get(k)[i];
            double numeric = (weighted(reference(step, states, x, plus, masks), outWeights)
                - weighted(reference(step, states, x, minus, masks), outWeights)) / h;
            double err = Math.abs(analytic[i] - numeric) / (1e-3 + Math.abs(numeric));
            assertTrue(err < 2e-2, "weight " + k + "[" + i + "]: graph " + analytic[i]
                + ", numerical " + numeric);
          }
        }
      }
    }
  }

  private static double weighted(double[] y, float[] w) {
    double s = 0;
    for (int i = 0; i < y.length; i++) {
      s += y[i] * w[i];
    }
    return s;
  }

  private static List<float[]> copy(List<float[]> w) {
    List<float[]> out = new ArrayList<>();
    w.forEach(a -> out.add(a.clone()));
    return out;
  }

  private static float[] read(org.tensorflow.Tensor t, int n) {
    float[] out = new float[n];
    ((TFloat32) t).asRawTensor().data().asFloats().read(out);
    return out;
  }

  @Test
  void simpleRnnWithInputAndRecurrentDropout() {
    check(SimpleRNN.builder(U).name("simple").dropout(0.3).recurrentDropout(0.4)
        .returnSequences(true).build(), SIMPLE, 1, 1, 1);
  }

  @Test
  void lstmDrawsOneMaskPerGate() {
    check(LSTM.builder(U).name("lstm").dropout(0.3).recurrentDropout(0.4).returnSequences(true)
        .build(), LSTM_STEP, 2, 4, 4);
    // recurrent dropout alone
    check(LSTM.builder(U).name("lstm_r").recurrentDropout(0.5).returnSequences(true).build(),
        LSTM_STEP, 2, 0, 4);
    // implementation 1 without recurrent dropout: per-gate input masks only
    check(LSTM.builder(U).name("lstm_i").dropout(0.4).implementation(1).returnSequences(true)
        .build(), LSTM_STEP, 2, 4, 0);
  }

  @Test
  void gruBothResetOrders() {
    check(GRU.builder(U).name("gru").dropout(0.25).recurrentDropout(0.5).returnSequences(true)
        .build(), gru(true), 1, 3, 3);
    check(GRU.builder(U).name("gru_b").resetAfter(false).dropout(0.25).recurrentDropout(0.5)
        .returnSequences(true).build(), gru(false), 1, 3, 3);
    // implementation 1: a product per gate, each reading its own masks
    check(GRU.builder(U).name("gru_i").dropout(0.25).recurrentDropout(0.5).implementation(1)
        .returnSequences(true).build(), gru(true), 1, 3, 3);
    check(GRU.builder(U).name("gru_ib").resetAfter(false).dropout(0.25).recurrentDropout(0.5)
        .implementation(1).returnSequences(true).build(), gru(false), 1, 3, 3);
  }

  /** A model with recurrent dropout trains, and its config keeps the rates through a file. */
  @Test
  void aModelWithRecurrentDropoutTrainsSavesAndLoads(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path tmp) throws Exception {
    var x = dev.tfjlabs.keras.TestData.uniform(3, 1, 16, T, F);
    var y = dev.tfjlabs.keras.TestData.uniform(4, 1, 16, 1);
    java.nio.file.Path file = tmp.resolve("rd.keras");
    float[] before;
    try (var m = new dev.tfjlabs.keras.models.Sequential("rd", T, F).add(GRU.builder(U)
        .dropout(0.2).recurrentDropout(0.3).build()).add(new dev.tfjlabs.keras.layers.Dense(1))) {
      m.compile(new dev.tfjlabs.keras.optimizers.Adam(0.01),
          new dev.tfjlabs.keras.losses.MeanSquaredError());
      var h = m.fit(x, y, dev.tfjlabs.keras.models.FitOptions.defaults().batchSize(4).epochs(3)
          .verbose(false));
      assertTrue(h.history().get("loss").stream().allMatch(Double::isFinite));
      before = m.predict(x, 16).values();
      dev.tfjlabs.keras.saving.KerasFile.save(m, file);
    }
    try (var back = dev.tfjlabs.keras.saving.KerasFile.load(file)) {
      org.junit.jupiter.api.Assertions.assertArrayEquals(before, back.predict(x, 16).values());
      var config = back.layers().stream().filter(l -> l instanceof GRU).findFirst().orElseThrow()
          .getConfig();
      assertEquals(0.3, ((Number) config.get("recurrent_dropout")).doubleValue(), 1e-9);
      assertEquals(0.2, ((Number) config.get("dropout")).doubleValue(), 1e-9);
    }
  }
}
