package dev.tfjlabs.keras;

import static dev.tfjlabs.keras.TestData.assertClose;
import static dev.tfjlabs.keras.TestData.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tfjlabs.keras.config.Config;
import dev.tfjlabs.keras.config.KerasVersion;
import dev.tfjlabs.keras.config.Source;
import dev.tfjlabs.keras.constraints.Constraint;
import dev.tfjlabs.keras.constraints.MaxNorm;
import dev.tfjlabs.keras.constraints.MinMaxNorm;
import dev.tfjlabs.keras.constraints.NonNeg;
import dev.tfjlabs.keras.constraints.UnitNorm;
import dev.tfjlabs.keras.data.FloatArray;
import dev.tfjlabs.keras.layers.Dense;
import dev.tfjlabs.keras.layers.Layer;
import dev.tfjlabs.keras.layers.rnn.LSTM;
import dev.tfjlabs.keras.losses.MeanSquaredError;
import dev.tfjlabs.keras.models.FitOptions;
import dev.tfjlabs.keras.models.Sequential;
import dev.tfjlabs.keras.optimizers.SGD;
import dev.tfjlabs.keras.saving.KerasFile;
import dev.tfjlabs.keras.saving.KerasLayers;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keras's constraints ({@code keras/src/constraints/constraints.py}) applied after each
 * optimizer update: the weights after one training step against a plain-Java double-precision
 * projection of the weights that the same step gives without the constraint.
 */
class ConstraintTest {
  private static final Source KERAS_3 = new Source(KerasVersion.CURRENT);

  /** The norm of each slice of w [rows][cols] (row-major) over {@code axes} (0, 1 or both). */
  private static double[] scale(float[] w, int rows, int cols, int[] axes,
      java.util.function.DoubleUnaryOperator factor) {
    boolean overRows = java.util.Arrays.stream(axes).anyMatch(a -> a == 0 || a == -2);
    boolean overCols = java.util.Arrays.stream(axes).anyMatch(a -> a == 1 || a == -1);
    double[] out = new double[w.length];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        double s = 0;
        for (int i = 0; i < rows; i++) {
          for (int j = 0; j < cols; j++) {
            if ((overRows || i == r) && (overCols || j == c)) {
              s += (double) w[i * cols + j] * w[i * cols + j];
            }
          }
        }
        out[r * cols + c] = w[r * cols + c] * factor.applyAsDouble(Math.sqrt(s));
      }
    }
    return out;
  }

  private static List<float[]> step(Layer dense, double learningRate, List<float[]> start) {
    FloatArray x = uniform(3, 1, 4, 4);
    FloatArray y = uniform(4, 1, 4, 3);
    try (Sequential m = new Sequential("c", 4).add(dense)) {
      m.compile(new SGD(learningRate), new MeanSquaredError());
      m.setWeights(start);
      m.fit(x, y, FitOptions.defaults().batchSize(4).epochs(1).shuffle(false).verbose(false));
      return m.getWeights();
    }
  }

  /** Each constraint on a Dense kernel [4, 3]: after a step, the projection of the update. */
  @Test
  void eachConstraintProjectsTheUpdatedKernel() {
    List<float[]> start = List.of(uniform(5, 1.5, 4, 3).values(), uniform(6, 1, 3).values());
    List<float[]> free = step(new Dense(3), 0.5, start);
    record Case(Constraint c, java.util.function.Function<float[], double[]> reference) {}
    List<Case> cases = List.of(
        new Case(new MaxNorm(0.8), w -> scale(w, 4, 3, new int[] {0},
            n -> Math.min(n, 0.8) / (1e-7 + n))),
        new Case(new MaxNorm(1.2, 0, 1), w -> scale(w, 4, 3, new int[] {0, 1},
            n -> Math.min(n, 1.2) / (1e-7 + n))),
        new Case(new UnitNorm(1), w -> scale(w, 4, 3, new int[] {1},
            n -> 1 / (1e-7 + n))),
        new Case(new MinMaxNorm(0.9, 1.1, 0.5, -1), w -> scale(w, 4, 3, new int[] {1},
            n -> (0.5 * Math.max(0.9, Math.min(n, 1.1)) + 0.5 * n) / (1e-7 + n))),
        new Case(new NonNeg(), w -> {
          double[] out = new double[w.length];
          for (int i = 0; i < out.length; i++) {
            out[i] = Math.max(w[i], 0);
          }
          return out;
        }));
    for (Case k : cases) {
      Dense d = new Dense(3);
      d.constraint("kernel", k.c());
      List<float[]> got = step(d, 0.5, start);
      assertClose(k.reference().apply(free.get(0)), got.get(0), 1e-5);
      assertClose(doubles(free.get(1)), got.get(1), 1e-6);
    }
  }

  private static double[] doubles(float[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i];
    }
    return out;
  }

  /** An LSTM's recurrent_constraint and bias_constraint act on those weights only. */
  @Test
  void recurrentWeightsAreConstrainedToo() {
    FloatArray x = uniform(7, 1, 4, 3, 2);
    FloatArray y = uniform(8, 1, 4, 2);
    List<float[]> free;
    List<float[]> start;
    try (Sequential m = new Sequential("f", 3, 2).add(LSTM.builder(2).build())) {
      start = LayerForwardTest.randomize(m, 9);
      m.compile(new SGD(0.5), new MeanSquaredError());
      m.fit(x, y, FitOptions.defaults().batchSize(4).epochs(1).shuffle(false).verbose(false));
      free = m.getWeights();
    }
    LSTM lstm = LSTM.builder(2).build();
    lstm.constraint("recurrent_kernel", new UnitNorm(0)).constraint("bias", new NonNeg());
    try (Sequential m = new Sequential("g", 3, 2).add(lstm)) {
      m.compile(new SGD(0.5), new MeanSquaredError());
      m.setWeights(start);
      m.fit(x, y, FitOptions.defaults().batchSize(4).epochs(1).shuffle(false).verbose(false));
      List<float[]> got = m.getWeights();
      assertClose(doubles(free.get(0)), got.get(0), 1e-6);
      assertClose(scale(free.get(1), 2, 8, new int[] {0}, n -> 1 / (1e-7 + n)),
          got.get(1), 1e-5);
      for (int i = 0; i < got.get(2).length; i++) {
        assertEquals(Math.max(free.get(2)[i], 0f), got.get(2)[i], 1e-6);
      }
    }
  }

  /** Keras 2 and 3 configs load, write Keras 3's, round-trip and survive a .keras file. */
  @Test
  void configsLoadRoundTripAndSave(@TempDir Path tmp) throws Exception {
    ObjectMapper json = new ObjectMapper();
    var keras2 = Config.parse("{\"class_name\": \"Dense\", \"config\": {\"units\": 2,"
        + " \"kernel_constraint\": {\"class_name\": \"MaxNorm\", \"config\": {\"max_value\": 3,"
        + " \"axis\": 0}}, \"bias_constraint\": \"non_neg\"}}");
    Layer d = KerasLayers.get(keras2, KERAS_3);
    assertNotNull(d.constraints().get("kernel"));
    @SuppressWarnings("unchecked")
    var written = (java.util.Map<String, Object>) d.getConfig().get("kernel_constraint");
    assertEquals("MaxNorm", written.get("class_name"));
    assertEquals("keras.constraints", written.get("module"));
    var entry = json.createObjectNode().put("class_name", "Dense");
    entry.set("config", json.valueToTree(d.getConfig()));
    assertEquals(d.getConfig(), KerasLayers.get(entry, KERAS_3).getConfig());

    Path file = tmp.resolve("c.keras");
    try (Sequential m = new Sequential("c", 4).add(new Dense(2).constraint("kernel",
        new MinMaxNorm(0.5, 2.0, 0.7, 0, 1)))) {
      KerasFile.save(m, file);
    }
    try (var back = KerasFile.load(file)) {
      Constraint c = back.layers().get(back.layers().size() - 1).constraints().get("kernel");
      assertEquals(new MinMaxNorm(0.5, 2.0, 0.7, 0, 1).getConfig(), c.getConfig());
    }
    var e = assertThrows(IllegalArgumentException.class, () -> KerasLayers.get(Config.parse(
        "{\"class_name\": \"Dense\", \"config\": {\"units\": 2, \"kernel_constraint\":"
        + " \"radial\"}}"), KERAS_3));
    assertTrue(e.getMessage().contains("kernel_constraint") && !e.getMessage().contains("\n"),
        e.getMessage());
  }
}
