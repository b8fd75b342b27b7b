package dev.tfjlabs.keras;

import static dev.tfjlabs.keras.KerasReference.*;
import static dev.tfjlabs.keras.TestData.*;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tfjlabs.keras.data.FloatArray;
import dev.tfjlabs.keras.layers.Activation;
import dev.tfjlabs.keras.layers.Conv1D;
import dev.tfjlabs.keras.layers.Conv2D;
import dev.tfjlabs.keras.layers.Dense;
import dev.tfjlabs.keras.layers.Embedding;
import dev.tfjlabs.keras.layers.Flatten;
import dev.tfjlabs.keras.layers.MaxPooling2D;
import dev.tfjlabs.keras.layers.activations.ActivationLayer;
import dev.tfjlabs.keras.layers.activations.ELU;
import dev.tfjlabs.keras.layers.activations.LeakyReLU;
import dev.tfjlabs.keras.layers.activations.PReLU;
import dev.tfjlabs.keras.layers.activations.ReLU;
import dev.tfjlabs.keras.layers.activations.Softmax;
import dev.tfjlabs.keras.layers.rnn.Bidirectional;
import dev.tfjlabs.keras.layers.rnn.GRU;
import dev.tfjlabs.keras.layers.rnn.LSTM;
import dev.tfjlabs.keras.layers.rnn.SimpleRNN;
import dev.tfjlabs.keras.losses.MeanSquaredError;
import dev.tfjlabs.keras.losses.SparseCategoricalCrossentropy;
import dev.tfjlabs.keras.models.FitOptions;
import dev.tfjlabs.keras.models.Sequential;
import dev.tfjlabs.keras.optimizers.SGD;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Numerical gradient checks: one SGD step with learning rate 1 on the whole batch moves each
 * weight by minus its gradient, which must equal the central difference of the loss computed by
 * {@link KerasReference} in double precision.
 */
class GradientCheckTest {
  private static final int B = 4;
  private static final int T = 4;
  private static final int F = 3;
  private static final int U = 3;

  /** Loss of the reference model for given weights. */
  interface ReferenceLoss extends Function<List<float[]>, Double> {}

  static void check(Sequential m, FloatArray x, FloatArray y, ReferenceLoss loss) {
    List<float[]> w = LayerForwardTest.randomize(m, 21);
    m.compile(new SGD(1.0), m.outputShape()[0] == 1 ? new MeanSquaredError()
        : new SparseCategoricalCrossentropy());
    m.setWeights(w);
    m.fit(x, y, FitOptions.defaults().batchSize(B).epochs(1).shuffle(false).verbose(false));
    List<float[]> after = m.getWeights();
    double worst = 0;
    for (int k = 0; k < w.size(); k++) {
      for (int i = 0; i < w.get(k).length; i++) {
        double analytic = w.get(k)[i] - after.get(k)[i];
        List<float[]> plus = copy(w);
        List<float[]> minus = copy(w);
        plus.get(k)[i] += 1e-3f;
        minus.get(k)[i] -= 1e-3f;
        double h = (double) plus.get(k)[i] - minus.get(k)[i];
        double numeric = (loss.apply(plus) - loss.apply(minus)) / h;
        double err = Math.abs(analytic - numeric) / (1e-3 + Math.abs(numeric));
        worst = Math.max(worst, err);
        assertTrue(err < 2e-2, "weight " + k + "[" + i + "]: graph gradient " + analytic
            + ", numerical " + numeric);
      }
    }
    assertTrue(worst < 2e-2);
  }

  private static List<float[]> copy(List<float[]> w) {
    List<float[]> out = new ArrayList<>();
    w.forEach(a -> out.add(a.clone()));
    return out;
  }

  private static double mse(double[][] pred, FloatArray y) {
    double s = 0;
    for (int n = 0; n < pred.length; n++) {
      double d = pred[n][0] - y.values()[n];
      s += d * d;
    }
    return s / pred.length;
  }

  private static FloatArray targets() {
    return uniform(99, 1, B);
  }

  @Test
  void denseSoftmaxSparseCrossentropy() {
    FloatArray x = uniform(1, 1, B, F);
    FloatArray y = FloatArray.of(0, 2, 1, 2);
    try (Sequential m = new Sequential("d", F).add(new Dense(U, Activation.SOFTMAX))) {
      check(m, x, y, w -> {
        double[][] p = softmax(affine(matrix(x), w.get(0), w.get(1), U));
        double s = 0;
        for (int n = 0; n < B; n++) {
          s -= Math.log(p[n][(int) y.values()[n]]);
        }
        return s / B;
      });
    }
  }

  @Test
  void simpleRnnLayer() {
    FloatArray x = uniform(2, 1, B, T, F);
    try (Sequential m = new Sequential("s", T, F).add(SimpleRNN.builder(U).pytorch().build())
        .add(new Dense(1))) {
      check(m, x, targets(), w -> mse(affine(last(run(simpleRnn(w.get(0), w.get(1), w.get(2),
          w.get(3), U), seq(x), false)), w.get(4), w.get(5), 1), targets()));
    }
  }

  @Test
  void lstmLayer() {
    FloatArray x = uniform(3, 1, B, T, F);
    try (Sequential m = new Sequential("l", T, F).add(new LSTM(U)).add(new Dense(1))) {
      check(m, x, targets(), w -> mse(affine(last(run(lstm(w.get(0), w.get(1), w.get(2), U),
          seq(x), false)), w.get(3), w.get(4), 1), targets()));
    }
  }

  @Test
  void gruStackedAndBidirectional() {
    FloatArray x = uniform(4, 1, B, T, F);
    try (Sequential m = new Sequential("g", T, F)
        .add(new Bidirectional(GRU.builder(U).returnSequences(true).build()))
        .add(new GRU(U)).add(new Dense(1))) {
      check(m, x, targets(), w -> {
        double[][][] h1 = concat(run(gru(w.get(0), w.get(1), w.get(2), U, true), seq(x), false),
            reverse(run(gru(w.get(3), w.get(4), w.get(5), U, true), seq(x), true)));
        double[][] h2 = last(run(gru(w.get(6), w.get(7), w.get(8), U, true), h1, false));
        return mse(affine(h2, w.get(9), w.get(10), 1), targets());
      });
    }
  }

  /**
   * Keras's implementation 1 (a product per gate): reset after with biases, both directions,
   * then reset before without biases.
   */
  @Test
  void gruPerGateProducts() {
    FloatArray x = uniform(11, 1, B, T, F);
    try (Sequential m = new Sequential("g1", T, F)
        .add(new Bidirectional(GRU.builder(U).implementation(1).returnSequences(true).build()))
        .add(GRU.builder(U).implementation(1).resetAfter(false).useBias(false).build())
        .add(new Dense(1))) {
      check(m, x, targets(), w -> {
        double[][][] h1 = concat(run(gru(w.get(0), w.get(1), w.get(2), U, true), seq(x), false),
            reverse(run(gru(w.get(3), w.get(4), w.get(5), U, true), seq(x), true)));
        double[][] h2 = last(run(gru(w.get(6), w.get(7), new float[3 * U], U, false), h1,
            false));
        return mse(affine(h2, w.get(8), w.get(9), 1), targets());
      });
    }
  }

  @Test
  void convolutionPoolingFlatten() {
    int hw = 4;
    FloatArray x = uniform(5, 1, B, hw, hw, 1);
    try (Sequential m = new Sequential("c", hw, hw, 1).add(new Conv2D(2, 3, Activation.RELU, "same"))
        .add(new MaxPooling2D(2)).add(new Flatten()).add(new Dense(1))) {
      check(m, x, targets(), w -> {
        double[][][][] xs = new double[B][hw][hw][1];
        for (int i = 0; i < x.values().length; i++) {
          xs[i / (hw * hw)][(i / hw) % hw][i % hw][0] = x.values()[i];
        }
        double[][][][] c = conv2dRelu(xs, w.get(0), w.get(1), 3, 2, true);
        double[][] flat = new double[B][8];
        for (int n = 0; n < B; n++) {
          for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
              for (int f = 0; f < 2; f++) {
                flat[n][(i * 2 + j) * 2 + f] = Math.max(
                    Math.max(c[n][2 * i][2 * j][f], c[n][2 * i + 1][2 * j][f]),
                    Math.max(c[n][2 * i][2 * j + 1][f], c[n][2 * i + 1][2 * j + 1][f]));
              }
            }
          }
        }
        return mse(affine(flat, w.get(2), w.get(3), 1), targets());
      });
    }
  }

  @Test
  void embedding() {
    FloatArray ids = new FloatArray(new float[] {1, 4, 4, 0, 2, 3, 1, 1}, B, 2);
    try (Sequential m = new Sequential("e", 2).add(new Embedding(5, 2)).add(new Flatten())
        .add(new Dense(1))) {
      check(m, ids, targets(), w -> {
        double[][] flat = new double[B][4];
        for (int n = 0; n < B; n++) {
          for (int t = 0; t < 2; t++) {
            int id = (int) ids.values()[n * 2 + t];
            flat[n][2 * t] = w.get(0)[id * 2];
            flat[n][2 * t + 1] = w.get(0)[id * 2 + 1];
          }
        }
        return mse(affine(flat, w.get(1), w.get(2), 1), targets());
      });
    }
  }
  /** Causal dilated Conv1D (tanh), LeakyReLU, Flatten, Dense. */
  @Test
  void conv1dCausalDilatedWithLeakyRelu() {
    int steps = 5;
    FloatArray x = uniform(6, 1, B, steps, F);
    try (Sequential m = new Sequential("c1", steps, F)
        .add(Conv1D.builder(2, 2).dilationRate(2).padding("causal").activation(Activation.TANH)
            .build())
        .add(new LeakyReLU(0.2, null)).add(new Flatten()).add(new Dense(1))) {
      check(m, x, targets(), w -> {
        double[][][] c = map(conv1d(seq(x), w.get(0), w.get(1), 2, 2, 1, 2, "causal"),
            v -> Math.tanh(v));
        double[][][] a = map(c, v -> v >= 0 ? v : 0.2 * v);
        return mse(affine(flatten(a), w.get(2), w.get(3), 1), targets());
      });
    }
  }

  /**
   * PReLU with one slope per feature shared over the time axis (alpha of shape [1, F]), then
   * Flatten and Dense: y = x for x >= 0, else alpha_f x.
   */
  @Test
  void preluSharedOverTime() {
    FloatArray x = uniform(8, 1, B, T, F);
    try (Sequential m = new Sequential("pr", T, F)
        .add(new PReLU(dev.tfjlabs.keras.initializers.Initializers.zeros(), new int[] {1}, null))
        .add(new Flatten()).add(new Dense(1))) {
      check(m, x, targets(), w -> {
        double[][][] s = seq(x);
        for (double[][] sample : s) {
          for (double[] step : sample) {
            for (int f = 0; f < F; f++) {
              step[f] = step[f] >= 0 ? step[f] : w.get(0)[f] * step[f];
            }
          }
        }
        return mse(affine(flatten(s), w.get(1), w.get(2), 1), targets());
      });
    }
  }

  /** Strided "same" Conv1D on channels-first input without bias, ELU(0.7), Flatten, Dense. */
  @Test
  void conv1dSameStridedChannelsFirstWithElu() {
    int steps = 5;
    FloatArray x = uniform(7, 1, B, F, steps);
    try (Sequential m = new Sequential("c2", F, steps)
        .add(Conv1D.builder(2, 3).strides(2).padding("same").dataFormat("channels_first")
            .useBias(false).build())
        .add(new ELU(0.7, null)).add(new Flatten()).add(new Dense(1))) {
      check(m, x, targets(), w -> {
        double[][][] c = conv1d(swap(seq(x)), w.get(0), null, 3, 2, 2, 1, "same");
        double[][][] e = map(swap(c), v -> v > 0 ? v : 0.7 * (Math.exp(v) - 1));
        return mse(affine(flatten(e), w.get(1), w.get(2), 1), targets());
      });
    }
  }

  /** Dense, ReLU(max_value, negative_slope), Softmax, the Activation layer (selu), Dense. */
  @Test
  void activationLayers() {
    FloatArray x = uniform(8, 1, B, F);
    try (Sequential m = new Sequential("a", F).add(new Dense(U))
        .add(new ReLU(0.5, 0.1, 0, null)).add(new Softmax(-1, null))
        .add(new ActivationLayer(Activation.SELU, null)).add(new Dense(1))) {
      check(m, x, targets(), w -> {
        double[][] h = affine(matrix(x), w.get(0), w.get(1), U);
        for (double[] row : h) {
          for (int j = 0; j < row.length; j++) {
            row[j] = row[j] >= 0 ? Math.min(row[j], 0.5) : 0.1 * row[j];
          }
        }
        double[][] p = softmax(h);
        double scale = 1.0507009873554805;
        double alpha = 1.6732632423543772;
        for (double[] row : p) {
          for (int j = 0; j < row.length; j++) {
            row[j] = row[j] > 0 ? scale * row[j] : scale * alpha * (Math.exp(row[j]) - 1);
          }
        }
        return mse(affine(p, w.get(2), w.get(3), 1), targets());
      });
    }
  }

  /** use_bias=False everywhere: LSTM (fused), GRU (reset after), SimpleRNN and Dense. */
  @Test
  void layersWithoutBiases() {
    FloatArray x = uniform(9, 1, B, T, F);
    try (Sequential m = new Sequential("nb", T, F)
        .add(LSTM.builder(U).useBias(false).returnSequences(true).build())
        .add(GRU.builder(U).useBias(false).returnSequences(true).build())
        .add(SimpleRNN.builder(U).useBias(false).build())
        .add(Dense.builder(1).useBias(false).build())) {
      assertTrue(m.getWeights().size() == 7, "no bias weights");
      check(m, x, targets(), w -> {
        double[][][] h1 = run(lstm(w.get(0), w.get(1), new float[4 * U], U), seq(x), false);
        double[][][] h2 = run(gru(w.get(2), w.get(3), new float[2 * 3 * U], U, true), h1, false);
        double[][] h3 = last(run(simpleRnn(w.get(4), w.get(5), new float[U], null, U), h2,
            false));
        return mse(affine(h3, w.get(6), null, 1), targets());
      });
    }
  }

  /** The unrolled LSTM without bias, and GRU with the reset gate before the product. */
  @Test
  void unrolledLstmWithoutBiasAndGruResetBefore() {
    FloatArray x = uniform(10, 1, B, T, F);
    try (Sequential m = new Sequential("nb2", T, F)
        .add(LSTM.builder(U).useBias(false).fused(false).returnSequences(true).build())
        .add(GRU.builder(U).resetAfter(false).build()).add(new Dense(1))) {
      check(m, x, targets(), w -> {
        double[][][] h1 = run(lstm(w.get(0), w.get(1), new float[4 * U], U), seq(x), false);
        double[][] h2 = last(run(gru(w.get(2), w.get(3), w.get(4), U, false), h1, false));
        return mse(affine(h2, w.get(5), w.get(6), 1), targets());
      });
    }
  }

  /**
   * Keras's Conv2D in plain Java: x [n][h][w][c], K [kh][kw][c / groups][f] (flat), zero padding
   * (half before for "same"), strides s, dilation d; filter f sees its group's channels.
   */
  private static double[][] conv2d(double[][][][] x, float[] k, float[] b, int kh, int kw,
      int filters, int s, int d, int groups, boolean same) {
    int h = x[0].length;
    int w = x[0][0].length;
    int c = x[0][0][0].length;
    int cg = c / groups;
    int fg = filters / groups;
    int ekh = (kh - 1) * d + 1;
    int ekw = (kw - 1) * d + 1;
    int oh = same ? (h + s - 1) / s : (h - ekh) / s + 1;
    int ow = same ? (w + s - 1) / s : (w - ekw) / s + 1;
    int ph = same ? Math.max((oh - 1) * s + ekh - h, 0) / 2 : 0;
    int pw = same ? Math.max((ow - 1) * s + ekw - w, 0) / 2 : 0;
    double[][] out = new double[x.length][oh * ow * filters];
    for (int n = 0; n < x.length; n++) {
      for (int i = 0; i < oh; i++) {
        for (int j = 0; j < ow; j++) {
          for (int f = 0; f < filters; f++) {
            int g = f / fg;
            double sum = b[f];
            for (int u = 0; u < kh; u++) {
              for (int v = 0; v < kw; v++) {
                int r = i * s + u * d - ph;
                int q = j * s + v * d - pw;
                if (r < 0 || r >= h || q < 0 || q >= w) {
                  continue;
                }
                for (int ci = 0; ci < cg; ci++) {
                  sum += x[n][r][q][g * cg + ci] * k[((u * kw + v) * cg + ci) * filters + f];
                }
              }
            }
            out[n][(i * ow + j) * filters + f] = sum;
          }
        }
      }
    }
    return out;
  }

  private static double[][][][] image(FloatArray x, boolean channelsFirst) {
    int[] sh = x.shape();
    int h = channelsFirst ? sh[2] : sh[1];
    int w = channelsFirst ? sh[3] : sh[2];
    int c = channelsFirst ? sh[1] : sh[3];
    double[][][][] out = new double[sh[0]][h][w][c];
    for (int n = 0; n < sh[0]; n++) {
      for (int r = 0; r < h; r++) {
        for (int q = 0; q < w; q++) {
          for (int ch = 0; ch < c; ch++) {
            int i = channelsFirst ? ((n * c + ch) * h + r) * w + q : ((n * h + r) * w + q) * c + ch;
            out[n][r][q][ch] = x.values()[i];
          }
        }
      }
    }
    return out;
  }

  /** [n][(i * ow + j) * f + f'] (channels last) to channels first [n][(f' * oh + i) * ow + j]. */
  private static double[][] toChannelsFirst(double[][] y, int oh, int ow, int f) {
    double[][] out = new double[y.length][y[0].length];
    for (int n = 0; n < y.length; n++) {
      for (int i = 0; i < oh; i++) {
        for (int j = 0; j < ow; j++) {
          for (int c = 0; c < f; c++) {
            out[n][(c * oh + i) * ow + j] = y[n][(i * ow + j) * f + c];
          }
        }
      }
    }
    return out;
  }

  /** Conv2D with dilation 2 ("same"), then with 2 groups ("valid"), each before a Dense. */
  @Test
  void conv2dDilationAndGroups() {
    FloatArray x = uniform(12, 1, B, 5, 5, 2);
    try (Sequential m = new Sequential("dil", 5, 5, 2)
        .add(Conv2D.builder(2, 3, 3).dilationRate(2, 2).padding("same").build())
        .add(new Flatten()).add(new Dense(1))) {
      check(m, x, targets(), w -> mse(affine(conv2d(image(x, false), w.get(0), w.get(1), 3, 3,
          2, 1, 2, 1, true), w.get(2), w.get(3), 1), targets()));
    }
    FloatArray g = uniform(13, 1, B, 4, 4, 4);
    try (Sequential m = new Sequential("grp", 4, 4, 4)
        .add(Conv2D.builder(4, 2, 2).groups(2).build()).add(new Flatten()).add(new Dense(1))) {
      check(m, g, targets(), w -> mse(affine(conv2d(image(g, false), w.get(0), w.get(1), 2, 2,
          4, 1, 1, 2, false), w.get(2), w.get(3), 1), targets()));
    }
  }

  /** channels_first input (channels, height, width), strides 2, "same". */
  @Test
  void conv2dChannelsFirst() {
    FloatArray x = uniform(14, 1, B, 2, 4, 4);
    try (Sequential m = new Sequential("cf", 2, 4, 4)
        .add(Conv2D.builder(3, 3, 3).strides(2, 2).padding("same").dataFormat("channels_first")
            .build()).add(new Flatten()).add(new Dense(1))) {
      check(m, x, targets(), w -> mse(affine(toChannelsFirst(conv2d(image(x, true), w.get(0),
          w.get(1), 3, 3, 3, 2, 1, 1, true), 2, 2, 3), w.get(2), w.get(3), 1), targets()));
    }
  }
}
