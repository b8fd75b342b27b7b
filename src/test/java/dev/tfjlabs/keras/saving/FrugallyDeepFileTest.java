package dev.tfjlabs.keras.saving;

import static dev.tfjlabs.keras.KerasReference.concat;
import static dev.tfjlabs.keras.KerasReference.last;
import static dev.tfjlabs.keras.KerasReference.reverse;
import static dev.tfjlabs.keras.KerasReference.run;
import static dev.tfjlabs.keras.TestData.assertClose;
import static dev.tfjlabs.keras.TestData.flat;
import static dev.tfjlabs.keras.TestData.matrix;
import static dev.tfjlabs.keras.TestData.seq;
import static dev.tfjlabs.keras.TestData.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tfjlabs.Fixtures;
import dev.tfjlabs.keras.KerasReference;
import dev.tfjlabs.keras.data.FloatArray;
import dev.tfjlabs.keras.models.Model;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * frugally-deep's Keras 2.2.5 functional file: 5 inputs, 17 outputs, LSTMs with
 * {@code return_state} and {@code initial_state}, Bidirectional LSTMs, relu, linear and Keras 2's
 * hard_sigmoid gates. Every output against a plain-Java double-precision forward pass of the
 * weights read from the file with jhdf, the layers wired as the file's config (read by hand)
 * wires them. Its third input is a sequence of any length; the test gives it 5 steps.
 */
class FrugallyDeepFileTest {
  private static final int N = 3;
  private static final DoubleUnaryOperator TANH = Math::tanh;
  private static final DoubleUnaryOperator SIGMOID = KerasReference::sigmoid;
  private static final DoubleUnaryOperator RELU = v -> Math.max(0, v);
  private static final DoubleUnaryOperator LINEAR = v -> v;
  private static final DoubleUnaryOperator HARD_SIGMOID_2 = v -> Math.max(0, Math.min(1,
      0.2 * v + 0.5));

  /** The file's weights of {@code layer}, in its {@code weight_names} order. */
  private static List<float[]> weights(HdfFile h5, String layer) {
    String group = "model_weights/" + layer;
    Object names = h5.getByPath(group).getAttribute("weight_names").getData();
    List<float[]> out = new ArrayList<>();
    for (int i = 0; i < java.lang.reflect.Array.getLength(names); i++) {
      Object n = java.lang.reflect.Array.get(names, i);
      String name = n instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8)
          : n.toString();
      Object flat = ((Dataset) h5.getByPath(group + "/" + name)).getDataFlat();
      out.add((float[]) flat);
    }
    return out;
  }

  private static KerasReference.Cell cell(List<float[]> w, int from, int units,
      DoubleUnaryOperator gate) {
    return KerasReference.lstm(w.get(from), w.get(from + 1), w.get(from + 2), null, units, TANH,
        gate);
  }

  /** An LSTM's output sequence [n][t][u] (every step's h). */
  private static double[][][] lstm(HdfFile h5, String layer, int units, DoubleUnaryOperator gate,
      double[][][] x) {
    return run(cell(weights(h5, layer), 0, units, gate), x, false);
  }

  /** A Bidirectional(LSTM) in concat mode; the sequence, or the last step of each direction. */
  private static double[][][] bidirectional(HdfFile h5, String layer, int units,
      DoubleUnaryOperator gate, double[][][] x) {
    List<float[]> w = weights(h5, layer);
    double[][][] f = run(cell(w, 0, units, gate), x, false);
    double[][][] b = run(cell(w, 3, units, gate), x, true);
    return concat(f, reverse(b));
  }

  private static double[][] lastOfBidirectional(HdfFile h5, String layer, int units,
      DoubleUnaryOperator gate, double[][][] x) {
    List<float[]> w = weights(h5, layer);
    return KerasReference.concat(last(run(cell(w, 0, units, gate), x, false)),
        last(run(cell(w, 3, units, gate), x, true)));
  }

  /** [output, h, c] of an LSTM returning its state, from zero or given states. */
  private static List<double[]> withState(HdfFile h5, String layer, int units,
      DoubleUnaryOperator gate, double[][][] x, double[][][] initial, boolean sequences) {
    double[][][] start = initial != null ? initial : new double[N][2][units];
    double[][][] finals = new double[N][][];
    double[][][] out = run(cell(weights(h5, layer), 0, units, gate), x, false, start, finals);
    double[] h = new double[N * units];
    double[] c = new double[N * units];
    for (int n = 0; n < N; n++) {
      System.arraycopy(finals[n][0], 0, h, n * units, units);
      System.arraycopy(finals[n][1], 0, c, n * units, units);
    }
    return List.of(sequences ? flat(out) : flat(last(out)), h, c);
  }

  @Test
  void everyOneOfItsSeventeenOutputsMatchesAPlainJavaForwardPass() {
    Path file = Fixtures.keras("frugally-deep/lstm.h5");
    FloatArray in1 = uniform(1, 1, N, 17, 4);
    FloatArray in2 = uniform(2, 1, N, 1, 10);
    FloatArray in3 = uniform(3, 1, N, 5, 4);
    FloatArray in4 = uniform(4, 1, N, 12);
    FloatArray in5 = uniform(5, 1, N, 12);
    List<FloatArray> outputs;
    try (Model m = KerasFile.load(file, Map.of("input_3", new int[] {5, 4}))) {
      assertEquals(5, m.inputs().size());
      assertEquals(17, m.outputs().size());
      outputs = m.predict(List.of(in1, in2, in3, in4, in5), 2);
    }
    double[][][] x1 = seq(in1);
    double[][][] x2 = seq(in2);
    List<double[]> expected = new ArrayList<>();
    try (HdfFile h5 = new HdfFile(file)) {
      double[][][] lstm1 = lstm(h5, "lstm_1", 8, RELU, x1);
      double[][][] bi1 = bidirectional(h5, "bidirectional_1", 4, HARD_SIGMOID_2, x1);
      double[][][] lstm8 = lstm(h5, "lstm_8", 8, RELU, x2);
      double[][][] bi4 = bidirectional(h5, "bidirectional_4", 4, HARD_SIGMOID_2, x2);
      expected.add(flat(last(lstm(h5, "lstm_2", 3, SIGMOID, lstm1))));
      expected.addAll(withState(h5, "lstm_3", 3, SIGMOID, x1, null, false));
      expected.add(flat(lastOfBidirectional(h5, "bidirectional_2", 6, LINEAR, bi1)));
      expected.add(flat(last(lstm(h5, "lstm_6", 3, SIGMOID, x1))));
      expected.add(flat(lastOfBidirectional(h5, "bidirectional_3", 3, SIGMOID, x1)));
      expected.add(flat(last(lstm(h5, "lstm_9", 3, SIGMOID, lstm8))));
      expected.addAll(withState(h5, "lstm_10", 3, SIGMOID, x2, null, false));
      expected.add(flat(lastOfBidirectional(h5, "bidirectional_5", 6, LINEAR, bi4)));
      expected.add(flat(last(lstm(h5, "lstm_13", 3, SIGMOID, x2))));
      expected.add(flat(lastOfBidirectional(h5, "bidirectional_6", 3, SIGMOID, x2)));
      double[][][] initial = new double[N][][];
      for (int n = 0; n < N; n++) {
        initial[n] = new double[][] {matrix(in4)[n], matrix(in5)[n]};
      }
      expected.addAll(withState(h5, "lstm_15", 12, HARD_SIGMOID_2, seq(in3), initial, true));
    }
    assertEquals(17, expected.size());
    for (int i = 0; i < 17; i++) {
      assertClose(expected.get(i), outputs.get(i).values(), 1e-5);
    }
  }

  @Test
  void itsSequenceOfAnyLengthNeedsAGivenNumberOfSteps() {
    Path file = Fixtures.keras("frugally-deep/lstm.h5");
    var e = assertThrows(IllegalArgumentException.class, () -> KerasFile.load(file));
    assertEquals(file + ": layer lstm_15 (LSTM) unrolls its steps and needs their number, but"
        + " its input has any number (None); give the input a fixed number of steps (for a file:"
        + " KerasFile.load(file, inputShapes))", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> KerasFile.load(file, Map.of("input_9", new int[] {5, 4})));
    assertTrue(e.getMessage().contains("input_9"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> KerasFile.load(file, Map.of("input_3", new int[] {5, 3})));
    assertTrue(e.getMessage().contains("does not fit"), e.getMessage());
  }
}
