package dev.tfjlabs.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.tfjlabs.keras.data.FloatArray;
import dev.tfjlabs.keras.layers.Activation;
import dev.tfjlabs.keras.layers.Dense;
import dev.tfjlabs.keras.layers.Dropout;
import dev.tfjlabs.keras.layers.rnn.GRU;
import dev.tfjlabs.keras.layers.rnn.RNN;
import dev.tfjlabs.keras.layers.rnn.SimpleRNN;
import dev.tfjlabs.keras.losses.SparseCategoricalCrossentropy;
import dev.tfjlabs.keras.models.Sequential;
import dev.tfjlabs.keras.optimizers.SGD;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * The PyTorch lab's model, {@code nn.RNN/nn.GRU(F, H, num_layers=3, batch_first=True,
 * dropout=p)} -> {@code Linear(H, C)} on the last step, built from {@code .pytorch()} layers
 * with Dropout between them, against PyTorch's equations in double precision and in PyTorch's
 * own parameter layout ({@code weight_ih_l[k]} [G H, in], rows in PyTorch's gate order r, z, n
 * for the GRU), mapped from the library's Keras layout (kernels [in, G H], gates z, r, h).
 */
class PytorchRecurrentTest {
  private static final int B = 2;
  private static final int T = 5;
  private static final int F = 3;
  private static final int H = 4;
  private static final int C = 3;
  private static final int LAYERS = 3;

  private static Sequential model(IntFunction<RNN.Builder<?, ?>> layer, double dropout) {
    Sequential m = new Sequential("torch", T, F).seed(3);
    for (int l = 1; l <= LAYERS; l++) {
      m.add(layer.apply(H).pytorch().returnSequences(l < LAYERS).build());
      if (l < LAYERS) {
        m.add(new Dropout(dropout));
      }
    }
    return m.add(new Dense(C, Activation.LINEAR));
  }

  /** PyTorch's [G H, in] matrix of gate order {@code torchGates} from a Keras kernel [in, G H]. */
  private static double[][] torchMatrix(float[] keras, int in, int[] kerasGateOf) {
    int g = kerasGateOf.length;
    double[][] w = new double[g * H][in];
    for (int tg = 0; tg < g; tg++) {
      for (int j = 0; j < H; j++) {
        for (int i = 0; i < in; i++) {
          w[tg * H + j][i] = keras[i * g * H + kerasGateOf[tg] * H + j];
        }
      }
    }
    return w;
  }

  private static double[] torchVector(float[] keras, int offset, int[] kerasGateOf) {
    double[] b = new double[kerasGateOf.length * H];
    for (int tg = 0; tg < kerasGateOf.length; tg++) {
      for (int j = 0; j < H; j++) {
        b[tg * H + j] = keras[offset + kerasGateOf[tg] * H + j];
      }
    }
    return b;
  }

  private static double dot(double[] row, double[] v) {
    double s = 0;
    for (int i = 0; i < v.length; i++) {
      s += row[i] * v[i];
    }
    return s;
  }

  private static double sigmoid(double v) {
    return 1 / (1 + Math.exp(-v));
  }

  /**
   * PyTorch's multi-layer forward at evaluation (no dropout), then the Linear on the last
   * step: {@code nn.RNN} h' = tanh(W_ih x + b_ih + W_hh h + b_hh); {@code nn.GRU}
   * r = s(W_ir x + b_ir + W_hr h + b_hr), z = s(W_iz x + b_iz + W_hz h + b_hz),
   * n = tanh(W_in x + b_in + r (W_hn h + b_hn)), h' = (1 - z) n + z h.
   */
  private static double[][] torchForward(List<float[]> w, float[] x, boolean gru) {
    int[] gates = gru ? new int[] {1, 0, 2} : new int[] {0};
    int per = 4;
    double[][] logits = new double[B][C];
    for (int b = 0; b < B; b++) {
      double[][] seq = new double[T][F];
      for (int t = 0; t < T; t++) {
        for (int f = 0; f < F; f++) {
          seq[t][f] = x[(b * T + t) * F + f];
        }
      }
      for (int l = 0; l < LAYERS; l++) {
        int in = l == 0 ? F : H;
        double[][] wih = torchMatrix(w.get(l * per), in, gates);
        double[][] whh = torchMatrix(w.get(l * per + 1), H, gates);
        double[] bih = torchVector(w.get(l * per + 2), 0, gates);
        double[] bhh = gru ? torchVector(w.get(l * per + 2), 3 * H, gates)
            : torchVector(w.get(l * per + 3), 0, gates);
        double[] h = new double[H];
        double[][] out = new double[T][];
        for (int t = 0; t < T; t++) {
          double[] next = new double[H];
          for (int j = 0; j < H; j++) {
            if (!gru) {
              next[j] = Math.tanh(dot(wih[j], seq[t]) + bih[j] + dot(whh[j], h) + bhh[j]);
            } else {
              double r = sigmoid(dot(wih[j], seq[t]) + bih[j] + dot(whh[j], h) + bhh[j]);
              double z = sigmoid(dot(wih[H + j], seq[t]) + bih[H + j] + dot(whh[H + j], h)
                  + bhh[H + j]);
              double n = Math.tanh(dot(wih[2 * H + j], seq[t]) + bih[2 * H + j]
                  + r * (dot(whh[2 * H + j], h) + bhh[2 * H + j]));
              next[j] = (1 - z) * n + z * h[j];
            }
          }
          h = next;
          out[t] = h;
        }
        seq = out;
      }
      float[] fcW = w.get(LAYERS * per);
      float[] fcB = w.get(LAYERS * per + 1);
      for (int c = 0; c < C; c++) {
        double s = fcB[c];
        for (int j = 0; j < H; j++) {
          s += fcW[j * C + c] * seq[T - 1][j];
        }
        logits[b][c] = s;
      }
    }
    return logits;
  }

  private static float[] input() {
    Random r = new Random(8);
    float[] x = new float[B * T * F];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextGaussian();
    }
    return x;
  }

  private void check(IntFunction<RNN.Builder<?, ?>> layer, boolean gru) {
    try (Sequential m = model(layer, 0.4)) {
      List<float[]> w = m.getWeights();
      // GRU layers keep both biases in one [2, 3H] weight: 3 weights a layer, padded to 4 here
      if (gru) {
        for (int l = LAYERS - 1; l >= 0; l--) {
          w.add(l * 3 + 3, new float[0]);
        }
      }
      float[] x = input();
      double[][] expected = torchForward(w, x, gru);
      float[] got = m.predict(new FloatArray(x, B, T, F), B).values();
      for (int b = 0; b < B; b++) {
        for (int c = 0; c < C; c++) {
          assertEquals(expected[b][c], got[b * C + c], 1e-5, "sample " + b + " class " + c);
        }
      }
    }
  }

  @Test
  void threeLayerRnnIsNnRnn() {
    check(SimpleRNN::builder, false);
  }

  @Test
  void threeLayerGruIsNnGruWithGateOrderRzn() {
    check(GRU::builder, true);
    // as the lab builds it: Keras's implementation 1, a product per gate
    check(u -> GRU.builder(u).implementation(1), true);
  }

  @Test
  void interLayerDropoutActsInTrainingOnly() {
    FloatArray x = new FloatArray(input(), B, T, F);
    FloatArray y = FloatArray.of(0, 2);
    for (double p : new double[] {0.4, 0.0}) {
      try (Sequential m = model(SimpleRNN::builder, p)) {
        m.compile(new SGD(1e-12), new SparseCategoricalCrossentropy(true));
        double evaluation = m.testOnBatch(x, y).get("loss");
        double training = m.trainOnBatch(x, y).get("loss");
        assertEquals(evaluation, m.testOnBatch(x, y).get("loss"), 1e-9, "inference is fixed");
        if (p > 0) {
          assertNotEquals(evaluation, training, 1e-6, "dropout changes the training forward");
        } else {
          assertEquals(evaluation, training, 1e-6, "no dropout: the same forward");
        }
      }
    }
  }
}
