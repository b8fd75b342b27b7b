package dev.tfjlabs.keras.layers.rnn;

import static dev.tfjlabs.keras.KerasReference.last;
import static dev.tfjlabs.keras.KerasReference.run;
import static dev.tfjlabs.keras.TestData.assertClose;
import static dev.tfjlabs.keras.TestData.flat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tfjlabs.keras.KerasReference;
import dev.tfjlabs.keras.data.FloatArray;
import dev.tfjlabs.keras.initializers.Initializers;
import dev.tfjlabs.keras.layers.Embedding;
import dev.tfjlabs.keras.layers.core.Masking;
import dev.tfjlabs.keras.layers.pooling.GlobalAveragePooling1D;
import dev.tfjlabs.keras.models.Sequential;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keras's masks: {@code Embedding(mask_zero=True)} and {@code Masking} mark padded steps, which
 * the recurrent layers skip (states kept, the previous output repeated, or zeros where
 * {@code zero_output_for_mask}, as Bidirectional sets it) and the average over steps leaves
 * out. Sequences padded at both ends give what the unpadded ones give, and what the plain-Java
 * cells give on the real steps.
 */
class MaskingTest {
  private static final int UNITS = 3;
  private static final int DIM = 2;

  /** The embedding rows of ids, [1][steps][DIM]. */
  private static double[][][] embed(float[] table, int... ids) {
    double[][][] x = new double[1][ids.length][DIM];
    for (int t = 0; t < ids.length; t++) {
      for (int d = 0; d < DIM; d++) {
        x[0][t][d] = table[ids[t] * DIM + d];
      }
    }
    return x;
  }

  @Test
  void anLstmSkipsPaddingAtBothEnds() {
    float[] padded = {0, 0, 3, 1, 4, 0};
    float[] real = {3, 1, 4};
    try (Sequential m = new Sequential("masked", 6)
        .add(new Embedding(5, DIM, Initializers.randomUniform(-1, 1), true, "emb"))
        .add(new LSTM(UNITS));
        Sequential plain = new Sequential("plain", 3)
            .add(new Embedding(5, DIM, Initializers.randomUniform(-1, 1), true, "emb"))
            .add(new LSTM(UNITS))) {
      List<float[]> w = m.getWeights();
      plain.setWeights(w);
      float[] got = m.predict(new FloatArray(padded, 1, 6), 1).values();
      assertClose(toDouble(plain.predict(new FloatArray(real, 1, 3), 1).values()), got, 1e-6);
      double[][] expected = last(run(KerasReference.lstm(w.get(1), w.get(2), w.get(3), UNITS),
          embed(w.get(0), 3, 1, 4), false));
      assertClose(flat(expected), got, 1e-5);
    }
  }

  /**
   * Masking(0) before a GRU returning sequences: a masked step repeats the previous output; in a
   * Bidirectional, masked steps output zeros (zero_output_for_mask).
   */
  @Test
  void maskedStepsRepeatTheOutputOrGiveZerosInABidirectional() {
    float[] x = {0, 0, 0.5f, -1f, 0, 0, 1.5f, 0.25f};
    try (Sequential m = new Sequential("gru", 4, DIM).add(new Masking(0, null))
        .add(GRU.builder(UNITS).returnSequences(true).build())) {
      List<float[]> w = m.getWeights();
      double[][][] real = {{{0.5, -1}, {1.5, 0.25}}};
      double[][][] h = run(KerasReference.gru(w.get(0), w.get(1), w.get(2), UNITS, true), real,
          false);
      double[] expected = new double[4 * UNITS];
      // steps 0 and 1 (masked, then the first real one): zeros, then h1; step 2 repeats h1
      System.arraycopy(h[0][0], 0, expected, UNITS, UNITS);
      System.arraycopy(h[0][0], 0, expected, 2 * UNITS, UNITS);
      System.arraycopy(h[0][1], 0, expected, 3 * UNITS, UNITS);
      assertClose(expected, m.predict(new FloatArray(x, 1, 4, DIM), 1).values(), 1e-5);
    }
    try (Sequential m = new Sequential("bi", 4, DIM).add(new Masking(0, null))
        .add(new Bidirectional(SimpleRNN.builder(UNITS).returnSequences(true).build(), "sum",
            null))) {
      float[] y = m.predict(new FloatArray(x, 1, 4, DIM), 1).values();
      for (int t : new int[] {0, 2}) {
        for (int u = 0; u < UNITS; u++) {
          assertEquals(0f, y[t * UNITS + u], "masked step " + t);
        }
      }
      List<float[]> w = m.getWeights();
      double[][][] real = {{{0.5, -1}, {1.5, 0.25}}};
      double[][][] f = run(KerasReference.simpleRnn(w.get(0), w.get(1), w.get(2), null, UNITS),
          real, false);
      double[][][] b = run(KerasReference.simpleRnn(w.get(3), w.get(4), w.get(5), null, UNITS),
          real, true);
      double[] expected = new double[4 * UNITS];
      for (int u = 0; u < UNITS; u++) {
        expected[UNITS + u] = f[0][0][u] + b[0][1][u];
        expected[3 * UNITS + u] = f[0][1][u] + b[0][0][u];
      }
      assertClose(expected, y, 1e-5);
    }
  }

  /** GlobalAveragePooling1D after a masking Embedding: the mean of the real steps only. */
  @Test
  void theAverageOverStepsLeavesMaskedStepsOut() {
    try (Sequential m = new Sequential("avg", 4)
        .add(new Embedding(4, DIM, Initializers.randomUniform(-1, 1), true, null))
        .add(new GlobalAveragePooling1D(null))) {
      float[] table = m.getWeights().get(0);
      float[] y = m.predict(new FloatArray(new float[] {2, 0, 3, 0}, 1, 4), 1).values();
      for (int d = 0; d < DIM; d++) {
        assertEquals((table[2 * DIM + d] + table[3 * DIM + d]) / 2, y[d], 1e-6);
      }
    }
  }

  private static double[] toDouble(float[] v) {
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      d[i] = v[i];
    }
    return d;
  }
}
