package dev.tfjlabs.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static dev.tfjlabs.keras.KerasReference.*;
import static dev.tfjlabs.keras.TestData.*;

import dev.tfjlabs.keras.data.FloatArray;
import dev.tfjlabs.keras.layers.Activation;
import dev.tfjlabs.keras.layers.Conv2D;
import dev.tfjlabs.keras.layers.Dense;
import dev.tfjlabs.keras.layers.Dropout;
import dev.tfjlabs.keras.layers.Embedding;
import dev.tfjlabs.keras.layers.Flatten;
import dev.tfjlabs.keras.layers.MaxPooling2D;
import dev.tfjlabs.keras.layers.rnn.Bidirectional;
import dev.tfjlabs.keras.layers.rnn.GRU;
import dev.tfjlabs.keras.layers.rnn.LSTM;
import dev.tfjlabs.keras.layers.rnn.SimpleRNN;
import dev.tfjlabs.keras.models.Sequential;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Forward outputs of every layer against {@link KerasReference} (double precision) on the same,
 * randomised weights: biases non-zero, so every term of each equation counts.
 */
class LayerForwardTest {
  private static final double TOL = 2e-5;
  private static final int B = 3;
  private static final int T = 5;
  private static final int F = 4;
  private static final int U = 6;

  /** Replaces every weight by U(-0.5, 0.5) values; returns them. */
  static List<float[]> randomize(Sequential m, long seed) {
    Random r = new Random(seed);
    List<float[]> w = new ArrayList<>();
    for (float[] old : m.getWeights()) {
      float[] v = new float[old.length];
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) (r.nextDouble() - 0.5);
      }
      w.add(v);
    }
    m.setWeights(w);
    return w;
  }

  @Test
  void denseSoftmaxMatchesReference() {
    try (Sequential m = new Sequential("d", F).add(new Dense(U, Activation.SOFTMAX))) {
      List<float[]> w = randomize(m, 1);
      FloatArray x = uniform(2, 1, B, F);
      assertClose(flat(softmax(affine(matrix(x), w.get(0), w.get(1), U))),
          m.predict(x, 2).values(), TOL);
    }
  }

  @Test
  void simpleRnnLastAndSequence() {
    try (Sequential m = new Sequential("s", T, F)
        .add(SimpleRNN.builder(U).returnSequences(true).build())
        .add(new SimpleRNN(U))) {
      List<float[]> w = randomize(m, 3);
      FloatArray x = uniform(4, 1, B, T, F);
      double[][][] h1 = run(simpleRnn(w.get(0), w.get(1), w.get(2), null, U), seq(x), false);
      double[][] h2 = last(run(simpleRnn(w.get(3), w.get(4), w.get(5), null, U), h1, false));
      assertClose(flat(h1), m.layerOutput(0, x, B).values(), TOL);
      assertClose(flat(h2), m.predict(x, B).values(), TOL);
    }
  }

  @Test
  void simpleRnnWithPytorchRecurrentBias() {
    try (Sequential m = new Sequential("s", T, F).add(SimpleRNN.builder(U).pytorch().build())) {
      List<float[]> w = randomize(m, 5);
      FloatArray x = uniform(6, 1, B, T, F);
      double[][] h = last(run(simpleRnn(w.get(0), w.get(1), w.get(2), w.get(3), U), seq(x), false));
      assertClose(flat(h), m.predict(x, B).values(), TOL);
    }
  }

  @Test
  void lstmWithPytorchRecurrentBias() {
    try (Sequential m = new Sequential("l", T, F).add(LSTM.builder(U).pytorch().build())) {
      List<float[]> w = randomize(m, 13);
      assertEquals(4, w.size(), "kernel, recurrent kernel, bias, recurrent bias");
      FloatArray x = uniform(14, 1, B, T, F);
      double[][] h = last(run(lstm(w.get(0), w.get(1), w.get(2), w.get(3), U), seq(x), false));
      assertClose(flat(h), m.predict(x, B).values(), TOL);
    }
  }

  @Test
  void lstmStackedMatchesReference() {
    try (Sequential m = new Sequential("l", T, F)
        .add(LSTM.builder(U).returnSequences(true).build())
        .add(new LSTM(U))
        .add(new Dense(1))) {
      List<float[]> w = randomize(m, 7);
      FloatArray x = uniform(8, 1, B, T, F);
      double[][][] h1 = run(lstm(w.get(0), w.get(1), w.get(2), U), seq(x), false);
      double[][] h2 = last(run(lstm(w.get(3), w.get(4), w.get(5), U), h1, false));
      assertClose(flat(h1), m.layerOutput(0, x, B).values(), TOL);
      assertClose(flat(affine(h2, w.get(6), w.get(7), 1)), m.predict(x, B).values(), TOL);
    }
  }

  /** Both reset orders, in Keras's implementation 2 (one product a step) and 1 (per gate). */
  @Test
  void gruResetAfterAndBeforeMatchReference() {
    for (int implementation : new int[] {2, 1}) {
      for (boolean resetAfter : new boolean[] {true, false}) {
        gruMatchesReference(implementation, resetAfter);
      }
    }
  }

  private void gruMatchesReference(int implementation, boolean resetAfter) {
    try (Sequential m = new Sequential("g", T, F)
        .add(GRU.builder(U).resetAfter(resetAfter).implementation(implementation)
            .returnSequences(true).build())
        .add(GRU.builder(U).resetAfter(resetAfter).implementation(implementation).build())) {
      List<float[]> w = randomize(m, 9);
      FloatArray x = uniform(10, 1, B, T, F);
      double[][][] h1 = run(gru(w.get(0), w.get(1), w.get(2), U, resetAfter), seq(x), false);
      double[][] h2 = last(run(gru(w.get(3), w.get(4), w.get(5), U, resetAfter), h1, false));
      assertClose(flat(h1), m.layerOutput(0, x, B).values(), TOL);
      assertClose(flat(h2), m.predict(x, B).values(), TOL);
    }
  }

  @Test
  void bidirectionalLastAndSequences() {
    try (Sequential m = new Sequential("b", T, F)
        .add(new Bidirectional(LSTM.builder(U).returnSequences(true).build()))
        .add(new Bidirectional(new GRU(U)))) {
      List<float[]> w = randomize(m, 11);
      FloatArray x = uniform(12, 1, B, T, F);
      double[][][] fwd = run(lstm(w.get(0), w.get(1), w.get(2), U), seq(x), false);
      double[][][] bwd = reverse(run(lstm(w.get(3), w.get(4), w.get(5), U), seq(x), true));
      double[][][] h1 = concat(fwd, bwd);
      double[][] f2 = last(run(gru(w.get(6), w.get(7), w.get(8), U, true), h1, false));
      double[][] b2 = last(run(gru(w.get(9), w.get(10), w.get(11), U, true), h1, true));
      assertClose(flat(h1), m.layerOutput(0, x, B).values(), TOL);
      assertClose(flat(concat(f2, b2)), m.predict(x, B).values(), TOL);
    }
  }

  @Test
  void dropoutIsIdentityAtInference() {
    try (Sequential m = new Sequential("d", T, F)
        .add(LSTM.builder(U).dropout(0.3).build())
        .add(new Dropout(0.4))) {
      List<float[]> w = randomize(m, 13);
      FloatArray x = uniform(14, 1, B, T, F);
      double[][] h = last(run(lstm(w.get(0), w.get(1), w.get(2), U), seq(x), false));
      assertClose(flat(h), m.predict(x, B).values(), TOL);
    }
  }

  @Test
  void convPoolFlattenMatchReference() {
    int hw = 6;
    try (Sequential m = new Sequential("c", hw, hw, 2)
        .add(new Conv2D(3, 3, Activation.RELU, "same"))
        .add(new MaxPooling2D(2))
        .add(new Conv2D(2, 3, Activation.RELU, "valid"))
        .add(new Flatten())) {
      List<float[]> w = randomize(m, 15);
      FloatArray x = uniform(16, 1, B, hw, hw, 2);
      double[][][][] xs = new double[B][hw][hw][2];
      for (int i = 0; i < x.values().length; i++) {
        xs[i / (hw * hw * 2)][(i / (hw * 2)) % hw][(i / 2) % hw][i % 2] = x.values()[i];
      }
      double[][][][] c1 = conv2dRelu(xs, w.get(0), w.get(1), 3, 3, true);
      double[][][][] p = new double[B][3][3][3];
      for (int n = 0; n < B; n++) {
        for (int i = 0; i < 3; i++) {
          for (int j = 0; j < 3; j++) {
            for (int f = 0; f < 3; f++) {
              p[n][i][j][f] = Math.max(Math.max(c1[n][2 * i][2 * j][f], c1[n][2 * i + 1][2 * j][f]),
                  Math.max(c1[n][2 * i][2 * j + 1][f], c1[n][2 * i + 1][2 * j + 1][f]));
            }
          }
        }
      }
      double[][][][] c2 = conv2dRelu(p, w.get(2), w.get(3), 3, 2, false);
      double[] expected = java.util.Arrays.stream(c2).flatMap(java.util.Arrays::stream)
          .flatMap(java.util.Arrays::stream).flatMapToDouble(java.util.Arrays::stream).toArray();
      assertClose(expected, m.predict(x, B).values(), TOL);
      org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {2}, m.outputShape());
    }
  }

  @Test
  void embeddingLooksUpRows() {
    try (Sequential m = new Sequential("e", 3).add(new Embedding(10, 4))) {
      List<float[]> w = randomize(m, 17);
      FloatArray ids = new FloatArray(new float[] {0, 9, 3, 3, 1, 0}, 2, 3);
      float[] out = m.predict(ids, 2).values();
      double[] expected = new double[2 * 3 * 4];
      for (int i = 0; i < 6; i++) {
        int id = (int) ids.values()[i];
        for (int k = 0; k < 4; k++) {
          expected[i * 4 + k] = w.get(0)[id * 4 + k];
        }
      }
      assertClose(expected, out, 0);
    }
  }
}
