package dev.tfjlabs.keras.layers.rnn;

import static dev.tfjlabs.keras.KerasReference.run;
import static dev.tfjlabs.keras.TestData.assertClose;
import static dev.tfjlabs.keras.TestData.flat;
import static dev.tfjlabs.keras.TestData.matrix;
import static dev.tfjlabs.keras.TestData.seq;
import static dev.tfjlabs.keras.TestData.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tfjlabs.keras.KerasReference;
import dev.tfjlabs.keras.data.FloatArray;
import dev.tfjlabs.keras.layers.Input;
import dev.tfjlabs.keras.layers.KerasTensor;
import dev.tfjlabs.keras.models.Model;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keras's {@code return_state} and {@code initial_state} on LSTM, GRU and SimpleRNN, against
 * the plain-Java cells run from the given states: the output, then the final states (h, c).
 */
class RecurrentStatesTest {
  private static final int N = 3;
  private static final int STEPS = 4;
  private static final int FEATURES = 2;
  private static final int UNITS = 3;

  private static double[][][] states(FloatArray... parts) {
    double[][][] s = new double[N][parts.length][];
    for (int n = 0; n < N; n++) {
      for (int k = 0; k < parts.length; k++) {
        s[n][k] = matrix(parts[k])[n];
      }
    }
    return s;
  }

  private static double[] state(double[][][] finals, int k) {
    double[] out = new double[N * UNITS];
    for (int n = 0; n < N; n++) {
      System.arraycopy(finals[n][k], 0, out, n * UNITS, UNITS);
    }
    return out;
  }

  @Test
  void anLstmStartsFromTheGivenStatesAndReturnsItsFinalOnes() {
    LSTM lstm = LSTM.builder(UNITS).returnSequences(true).returnState(true).name("lstm").build();
    KerasTensor x = Input.of("x", STEPS, FEATURES);
    KerasTensor h0 = Input.of("h0", UNITS);
    KerasTensor c0 = Input.of("c0", UNITS);
    List<KerasTensor> out = lstm.applyAll(List.of(x, h0, c0));
    assertEquals(3, out.size());
    FloatArray xs = uniform(1, 1, N, STEPS, FEATURES);
    FloatArray hs = uniform(2, 1, N, UNITS);
    FloatArray cs = uniform(3, 1, N, UNITS);
    try (Model m = new Model(List.of(x, h0, c0), out, "states")) {
      List<float[]> w = m.getWeights();
      List<FloatArray> got = m.predict(List.of(xs, hs, cs), 2);
      double[][][] finals = new double[N][][];
      double[][][] expected = run(KerasReference.lstm(w.get(0), w.get(1), w.get(2), UNITS),
          seq(xs), false, states(hs, cs), finals);
      assertClose(flat(expected), got.get(0).values(), 1e-5);
      assertClose(state(finals, 0), got.get(1).values(), 1e-5);
      assertClose(state(finals, 1), got.get(2).values(), 1e-5);
    }
  }

  @Test
  void aGruAndASimpleRnnReturnTheirOneState() {
    GRU gru = GRU.builder(UNITS).returnState(true).name("gru").build();
    KerasTensor x = Input.of("x", STEPS, FEATURES);
    KerasTensor h0 = Input.of("h0", UNITS);
    List<KerasTensor> g = gru.applyAll(List.of(x, h0));
    SimpleRNN rnn = SimpleRNN.builder(UNITS).returnState(true).goBackwards(true).name("rnn")
        .build();
    List<KerasTensor> r = rnn.applyAll(List.of(x));
    FloatArray xs = uniform(4, 1, N, STEPS, FEATURES);
    FloatArray hs = uniform(5, 1, N, UNITS);
    try (Model m = new Model(List.of(x, h0), List.of(g.get(0), g.get(1), r.get(0), r.get(1)),
        "ones")) {
      List<float[]> w = m.getWeights(); // gru kernel, recurrent, bias; rnn kernel, recurrent, bias
      List<FloatArray> got = m.predict(List.of(xs, hs), 3);
      double[][][] finals = new double[N][][];
      double[][][] gruSeq = run(KerasReference.gru(w.get(0), w.get(1), w.get(2), UNITS, true),
          seq(xs), false, states(hs), finals);
      assertClose(flat(KerasReference.last(gruSeq)), got.get(0).values(), 1e-5);
      assertClose(state(finals, 0), got.get(1).values(), 1e-5);
      double[][][] rnnSeq = run(KerasReference.simpleRnn(w.get(3), w.get(4), w.get(5), null,
          UNITS), seq(xs), true);
      assertClose(flat(KerasReference.last(rnnSeq)), got.get(2).values(), 1e-5);
      assertClose(flat(KerasReference.last(rnnSeq)), got.get(3).values(), 1e-5);
    }
  }

  @Test
  void wrongStatesAreRefusedInOneLine() {
    KerasTensor x = Input.of(STEPS, FEATURES);
    var e = assertThrows(IllegalArgumentException.class, () -> LSTM.builder(UNITS).name("l")
        .build().applyAll(List.of(x, Input.of(UNITS))));
    assertTrue(e.getMessage().contains("takes 2 initial states"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> GRU.builder(UNITS).name("g").build()
        .applyAll(List.of(x, Input.of(UNITS + 1))));
    assertTrue(e.getMessage().contains("initial state has shape (3)"), e.getMessage());
  }

  /**
   * Keras's Bidirectional of a layer with return_state: the merged output, then the forward
   * direction's final h and c, then the backward direction's (which read the sequence from its
   * end), each from its own weights.
   */
  @Test
  void aBidirectionalLstmReturnsBothDirectionsStates() {
    KerasTensor x = Input.of("x", STEPS, FEATURES);
    List<KerasTensor> out = new Bidirectional(LSTM.builder(UNITS).returnState(true).build(),
        "bi").applyAll(List.of(x));
    assertEquals(5, out.size());
    FloatArray xs = uniform(6, 1, N, STEPS, FEATURES);
    try (Model m = new Model(List.of(x), out, "bistates")) {
      List<float[]> w = m.getWeights();
      List<FloatArray> got = m.predict(List.of(xs), 2);
      double[][][] zeros = new double[N][2][UNITS];
      double[][][] forward = new double[N][][];
      double[][][] backward = new double[N][][];
      run(KerasReference.lstm(w.get(0), w.get(1), w.get(2), UNITS), seq(xs), false, zeros,
          forward);
      run(KerasReference.lstm(w.get(3), w.get(4), w.get(5), UNITS), seq(xs), true,
          new double[N][2][UNITS], backward);
      double[] merged = new double[N * 2 * UNITS];
      for (int n = 0; n < N; n++) {
        for (int u = 0; u < UNITS; u++) {
          merged[n * 2 * UNITS + u] = forward[n][0][u];
          merged[n * 2 * UNITS + UNITS + u] = backward[n][0][u];
        }
      }
      assertClose(merged, got.get(0).values(), 1e-5);
      assertClose(state(forward, 0), got.get(1).values(), 1e-5);
      assertClose(state(forward, 1), got.get(2).values(), 1e-5);
      assertClose(state(backward, 0), got.get(3).values(), 1e-5);
      assertClose(state(backward, 1), got.get(4).values(), 1e-5);
    }
  }

  /**
   * Keras's LSTMCell.build: with unit_forget_bias (the default) the bias is
   * [init(u), ones(u), init(2u)] whatever bias_initializer is given.
   */
  @Test
  void theUnitForgetBiasHoldsWithAnyBiasInitializer() {
    try (dev.tfjlabs.keras.models.Sequential m = new dev.tfjlabs.keras.models.Sequential("fb",
        STEPS, FEATURES).add(LSTM.builder(UNITS)
            .biasInitializer(dev.tfjlabs.keras.initializers.Initializers.constant(0.5f)).build())) {
      float[] bias = m.getWeights().get(2);
      for (int i = 0; i < 4 * UNITS; i++) {
        assertEquals(i >= UNITS && i < 2 * UNITS ? 1f : 0.5f, bias[i], 0, "bias " + i);
      }
    }
  }
}
