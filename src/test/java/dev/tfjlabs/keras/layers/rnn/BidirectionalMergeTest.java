package dev.tfjlabs.keras.layers.rnn;

import static dev.tfjlabs.keras.KerasReference.reverse;
import static dev.tfjlabs.keras.KerasReference.run;
import static dev.tfjlabs.keras.TestData.assertClose;
import static dev.tfjlabs.keras.TestData.flat;
import static dev.tfjlabs.keras.TestData.seq;
import static dev.tfjlabs.keras.TestData.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tfjlabs.keras.KerasReference;
import dev.tfjlabs.keras.config.KerasVersion;
import dev.tfjlabs.keras.config.Source;
import dev.tfjlabs.keras.data.FloatArray;
import dev.tfjlabs.keras.layers.Input;
import dev.tfjlabs.keras.layers.KerasTensor;
import dev.tfjlabs.keras.models.Model;
import dev.tfjlabs.keras.saving.KerasLayers;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Bidirectional's merge modes against the plain-Java LSTM run both ways (the backward sequence
 * reversed to time order): concat, sum, mul, ave, and None's two outputs; the mode through a
 * Keras config, None included.
 */
class BidirectionalMergeTest {
  private static final int N = 2;
  private static final int STEPS = 3;
  private static final int UNITS = 3;

  private static double[] merge(double[] f, double[] b, DoubleBinaryOperator op) {
    double[] out = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      out[i] = op.applyAsDouble(f[i], b[i]);
    }
    return out;
  }

  @Test
  void everyMergeModeCombinesTheDirectionsAsKerasDoes() {
    FloatArray xs = uniform(1, 1, N, STEPS, 2);
    Map<String, DoubleBinaryOperator> modes = Map.of("sum", Double::sum, "mul", (a, b) -> a * b,
        "ave", (a, b) -> (a + b) / 2);
    for (String mode : new String[] {"sum", "mul", "ave", null}) {
      KerasTensor x = Input.of(STEPS, 2);
      Bidirectional bi = new Bidirectional(LSTM.builder(UNITS).returnSequences(true).build(),
          mode, null);
      List<KerasTensor> out = bi.applyAll(List.of(x));
      try (Model m = new Model(List.of(x), out, "bi")) {
        List<float[]> w = m.getWeights();
        double[] f = flat(run(KerasReference.lstm(w.get(0), w.get(1), w.get(2), UNITS),
            seq(xs), false));
        double[] b = flat(reverse(run(KerasReference.lstm(w.get(3), w.get(4), w.get(5), UNITS),
            seq(xs), true)));
        List<FloatArray> got = m.predict(List.of(xs), N);
        if (mode == null) {
          assertEquals(2, got.size());
          assertClose(f, got.get(0).values(), 1e-5);
          assertClose(b, got.get(1).values(), 1e-5);
        } else {
          assertEquals(1, got.size());
          assertClose(merge(f, b, modes.get(mode)), got.get(0).values(), 1e-5);
        }
      }
    }
  }

  @Test
  void mergeModeNoneGoesThroughAConfig() throws Exception {
    Bidirectional bi = new Bidirectional(GRU.builder(2).build(), null, "b");
    Map<String, Object> config = bi.getConfig();
    assertNull(config.get("merge_mode"));
    assertEquals(true, config.containsKey("merge_mode"));
    Map<String, Object> entry = Map.of("class_name", "Bidirectional", "config", config);
    Bidirectional back = (Bidirectional) KerasLayers.get(new ObjectMapper().valueToTree(entry),
        new Source(KerasVersion.CURRENT));
    assertNull(back.mergeMode());
  }

  /**
   * A backward layer of its own (a GRU of 2 units behind an LSTM of 3, concatenated): the
   * forward LSTM and the backward GRU against the plain-Java cells, and a .keras round trip
   * that keeps both layers.
   */
  @Test
  void aBackwardLayerOfItsOwn(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
      throws Exception {
    FloatArray x = uniform(61, 1, 2, 4, 3);
    Bidirectional bi = new Bidirectional(LSTM.builder(3).build(),
        GRU.builder(2).goBackwards(true).build(), "concat", null);
    KerasTensor in = Input.of(4, 3);
    float[] before;
    java.nio.file.Path file = tmp.resolve("bi.keras");
    try (Model m = new Model(in, bi.apply(in), "bi")) {
      java.util.Random r = new java.util.Random(5);
      List<float[]> w = new java.util.ArrayList<>();
      for (float[] old : m.getWeights()) {
        float[] v = new float[old.length];
        for (int i = 0; i < v.length; i++) {
          v[i] = (float) (r.nextDouble() - 0.5);
        }
        w.add(v);
      }
      m.setWeights(w);
      double[][][] xs = seq(x);
      double[][] f = KerasReference.last(run(KerasReference.lstm(w.get(0), w.get(1), w.get(2), 3),
          xs, false));
      double[][] b = KerasReference.last(run(KerasReference.gru(w.get(3), w.get(4), w.get(5), 2,
          true), xs, true));
      before = m.predict(x, 2).values();
      assertClose(flat(KerasReference.concat(f, b)), before, 1e-5);
      dev.tfjlabs.keras.saving.KerasFile.save(m, file);
    }
    try (var back = dev.tfjlabs.keras.saving.KerasFile.load(file)) {
      org.junit.jupiter.api.Assertions.assertArrayEquals(before, back.predict(x, 2).values());
    }
    var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new Bidirectional(LSTM.builder(3).build(), GRU.builder(2).goBackwards(true).build(),
            "sum", null));
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("equal units"),
        e.getMessage());
  }
}
