package dev.tfjlabs.keras;

import static dev.tfjlabs.keras.TestData.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tfjlabs.keras.config.Config;
import dev.tfjlabs.keras.config.KerasVersion;
import dev.tfjlabs.keras.config.Source;
import dev.tfjlabs.keras.data.FloatArray;
import dev.tfjlabs.keras.layers.Dense;
import dev.tfjlabs.keras.layers.Layer;
import dev.tfjlabs.keras.layers.rnn.Bidirectional;
import dev.tfjlabs.keras.layers.rnn.LSTM;
import dev.tfjlabs.keras.layers.rnn.SimpleRNN;
import dev.tfjlabs.keras.losses.MeanSquaredError;
import dev.tfjlabs.keras.models.FitOptions;
import dev.tfjlabs.keras.models.Model;
import dev.tfjlabs.keras.models.Sequential;
import dev.tfjlabs.keras.optimizers.SGD;
import dev.tfjlabs.keras.regularizers.L1;
import dev.tfjlabs.keras.regularizers.L1L2;
import dev.tfjlabs.keras.regularizers.L2;
import dev.tfjlabs.keras.regularizers.Regularizer;
import dev.tfjlabs.keras.saving.KerasFile;
import dev.tfjlabs.keras.saving.KerasLayers;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Weight regularizers as Keras 3 applies them: each penalty ({@code l1 sum|w|},
 * {@code l2 sum w^2}) of a trainable weight is added to the loss that training minimises and
 * that fit and evaluate report. Checked against the penalties and an SGD step computed by hand.
 */
class RegularizerTest {
  private static final Source KERAS_3 = new Source(KerasVersion.CURRENT);

  private static double l1(float[] w) {
    double s = 0;
    for (float v : w) {
      s += Math.abs(v);
    }
    return s;
  }

  private static double l2(float[] w) {
    double s = 0;
    for (float v : w) {
      s += (double) v * v;
    }
    return s;
  }

  /**
   * Dense(1) on two features with kernel L2(0.05) and bias L1(0.1), SGD(0.1) on the batch:
   * evaluate's loss is the mean squared error plus both penalties, and one step moves the kernel
   * by -lr (dMSE/dw + 2 * 0.05 w) and the bias by -lr (dMSE/db + 0.1 sign(b)).
   */
  @Test
  void denseKernelAndBiasPenaltiesJoinTheLossAndItsGradient() {
    float[] xs = {0.5f, -1.0f, 1.5f, 0.25f, -0.75f, 2.0f};
    float[] ys = {1.0f, -0.5f, 0.25f};
    float[] w = {0.3f, -0.2f};
    float b = 0.1f;
    try (Sequential m = new Sequential("reg", 2).add(Dense.builder(1).build()
        .regularizer("kernel", new L2(0.05)).regularizer("bias", new L1(0.1)))) {
      m.compile(new SGD(0.1), new MeanSquaredError());
      m.setWeights(List.of(w.clone(), new float[] {b}));
      double mse = 0;
      double[] g = new double[3];
      for (int n = 0; n < 3; n++) {
        double d = xs[2 * n] * w[0] + xs[2 * n + 1] * w[1] + b - ys[n];
        mse += d * d / 3;
        g[0] += 2 * d * xs[2 * n] / 3;
        g[1] += 2 * d * xs[2 * n + 1] / 3;
        g[2] += 2 * d / 3;
      }
      double penalty = 0.05 * (w[0] * w[0] + w[1] * w[1]) + 0.1 * Math.abs(b);
      FloatArray x = new FloatArray(xs, 3, 2);
      FloatArray y = FloatArray.of(ys);
      assertEquals(mse + penalty, m.evaluate(x, y, 3).get("loss"), 1e-6);
      var history = m.fit(x, y, FitOptions.defaults().batchSize(3).epochs(1).shuffle(false)
          .verbose(false));
      assertEquals(mse + penalty, history.get("loss").get(0), 1e-6, "fit reports the total");
      List<float[]> after = m.getWeights();
      assertEquals(w[0] - 0.1 * (g[0] + 0.1 * w[0]), after.get(0)[0], 1e-6);
      assertEquals(w[1] - 0.1 * (g[1] + 0.1 * w[1]), after.get(0)[1], 1e-6);
      assertEquals(b - 0.1 * (g[2] + 0.1), after.get(1)[0], 1e-6);
    }
  }

  /** The loss with the regularized layers minus the same model without them. */
  private static double penaltyOf(java.util.function.Supplier<Layer> plain, Layer regularized,
      FloatArray x, FloatArray y) {
    try (Sequential a = new Sequential("a", 4, 3).add(plain.get()).add(new Dense(1));
        Sequential b = new Sequential("b", 4, 3).add(regularized).add(new Dense(1))) {
      a.compile(new SGD(0.1), new MeanSquaredError());
      b.compile(new SGD(0.1), new MeanSquaredError());
      b.setWeights(a.getWeights());
      return b.evaluate(x, y, 4).get("loss") - a.evaluate(x, y, 4).get("loss");
    }
  }

  /**
   * A SimpleRNN's recurrent_regularizer penalises its recurrent kernel (the second weight),
   * and a Bidirectional LSTM's kernel regularizer both directions' kernels.
   */
  @Test
  void recurrentLayersPenaliseTheirNamedWeights() {
    FloatArray x = uniform(3, 1, 4, 4, 3);
    FloatArray y = uniform(4, 1, 4);
    Regularizer both = new L1L2(0.01, 0.02);
    try (Sequential m = new Sequential("s", 4, 3).add(new SimpleRNN(2)
        .regularizer("recurrent_kernel", both)).add(new Dense(1))) {
      float[] u = m.getWeights().get(1);
      double expected = 0.01 * l1(u) + 0.02 * l2(u);
      assertTrue(expected > 0.01);
      assertEquals(expected, penaltyOf(() -> new SimpleRNN(2), new SimpleRNN(2)
          .regularizer("recurrent_kernel", both), x, y), 1e-5);
    }
    try (Sequential m = new Sequential("s", 4, 3).add(new Bidirectional(new LSTM(2)))
        .add(new Dense(1))) {
      List<float[]> ws = m.getWeights();
      double expected = 0.03 * (l2(ws.get(0)) + l2(ws.get(3)));
      assertEquals(expected, penaltyOf(() -> new Bidirectional(new LSTM(2)),
          new Bidirectional((LSTM) new LSTM(2).regularizer("kernel", new L2(0.03))), x, y), 1e-5);
    }
  }

  /**
   * Keras's OrthogonalRegularizer ({@code keras/src/regularizers/regularizers_test.py},
   * test_orthogonal_regularizer): rows of an LSTM's kernel [3, 8] and columns of its recurrent
   * kernel [2, 8], each L2-normalised, {@code factor * 0.5 * sum |off-diagonal of the Gram
   * matrix| / (n (n - 1) / 2)}.
   */
  @Test
  void orthogonalRegularizerPenalisesCorrelatedRowsOrColumns() {
    FloatArray x = uniform(5, 1, 4, 4, 3);
    FloatArray y = uniform(6, 1, 4);
    try (Sequential m = new Sequential("s", 4, 3).add(new LSTM(2)).add(new Dense(1))) {
      List<float[]> ws = m.getWeights();
      double expected = orthogonal(ws.get(0), 3, 8, true, 0.1)
          + orthogonal(ws.get(1), 2, 8, false, 0.2);
      assertTrue(expected > 0.01, "penalty " + expected);
      assertEquals(expected, penaltyOf(() -> new LSTM(2), new LSTM(2)
          .regularizer("kernel", new dev.tfjlabs.keras.regularizers.OrthogonalRegularizer(0.1,
              "rows")).regularizer("recurrent_kernel",
              new dev.tfjlabs.keras.regularizers.OrthogonalRegularizer(0.2, "columns")), x, y),
          1e-5);
    }
    var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new dev.tfjlabs.keras.regularizers.OrthogonalRegularizer(0.1, "diagonal"));
    assertTrue(e.getMessage().contains("mode"), e.getMessage());
  }

  /** The orthogonal penalty of w [r][c] over its rows or columns. */
  private static double orthogonal(float[] w, int r, int c, boolean rows, double factor) {
    int n = rows ? r : c;
    int len = rows ? c : r;
    double[][] u = new double[n][len];
    for (int i = 0; i < n; i++) {
      double norm = 0;
      for (int j = 0; j < len; j++) {
        double v = rows ? w[i * c + j] : w[j * c + i];
        u[i][j] = v;
        norm += v * v;
      }
      for (int j = 0; j < len; j++) {
        u[i][j] /= Math.sqrt(norm);
      }
    }
    double sum = 0;
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < n; k++) {
        if (i != k) {
          double dot = 0;
          for (int j = 0; j < len; j++) {
            dot += u[i][j] * u[k][j];
          }
          sum += Math.abs(dot);
        }
      }
    }
    return factor * 0.5 * sum / (n * (n - 1) / 2.0);
  }

  /**
   * Configs: Keras 2's L1L2 dicts, Keras 3's names with their defaults (l2: 0.01), written back
   * as Keras 3 writes them and kept through a .keras file.
   */
  @Test
  void regularizersReadAndWriteKerassConfigs(@TempDir Path tmp) throws Exception {
    ObjectMapper json = new ObjectMapper();
    Layer keras2 = KerasLayers.get(Config.parse("{\"class_name\": \"Dense\", \"config\":"
        + " {\"units\": 2, \"kernel_regularizer\": {\"class_name\": \"L1L2\", \"config\":"
        + " {\"l1\": 0.0, \"l2\": 0.009999999776482582}}, \"bias_regularizer\": null}}"),
        KERAS_3);
    Map<String, Object> written = keras2.getConfig();
    assertEquals("{\"module\":\"keras.regularizers\",\"class_name\":\"L1L2\",\"config\":"
        + "{\"l1\":0.0,\"l2\":0.009999999776482582},\"registered_name\":null}",
        json.writeValueAsString(written.get("kernel_regularizer")));
    Layer named = KerasLayers.get(Config.parse("{\"class_name\": \"LSTM\", \"config\":"
        + " {\"units\": 2, \"recurrent_regularizer\": \"l2\"}}"), KERAS_3);
    assertEquals(Map.of("l2", 0.01), named.regularizers().get("recurrent_kernel").getConfig());
    Path file = tmp.resolve("reg.keras");
    try (Sequential m = new Sequential("r", 4, 3).add(new LSTM(2)
        .regularizer("recurrent_kernel", new L2(0.01))).add(new Dense(1))) {
      m.compile(new SGD(0.1), new MeanSquaredError());
      KerasFile.save(m, file);
    }
    try (Model back = KerasFile.load(file)) {
      assertEquals(Map.of("l2", 0.01),
          back.layers().get(0).regularizers().get("recurrent_kernel").getConfig());
    }
  }
}
