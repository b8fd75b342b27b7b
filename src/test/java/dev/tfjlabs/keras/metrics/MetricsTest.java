package dev.tfjlabs.keras.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tfjlabs.keras.data.FloatArray;
import dev.tfjlabs.keras.layers.Dense;
import dev.tfjlabs.keras.losses.MeanSquaredError;
import dev.tfjlabs.keras.models.FitOptions;
import dev.tfjlabs.keras.models.Model;
import dev.tfjlabs.keras.models.Sequential;
import dev.tfjlabs.keras.optimizers.SGD;
import dev.tfjlabs.keras.saving.KerasFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several metrics per output, each the mean over the samples of Keras's per-sample value
 * ({@code keras/src/metrics}), computed here by hand on a linear model with fixed weights.
 */
class MetricsTest {
  private static final float[] X = {0.5f, -1.0f, 1.5f, 0.25f, -0.75f, 2.0f, 1.0f, 1.0f};
  private static final float[] Y = {1, 0, 0, 1, 1, 0, 0, 1};
  private static final float[] W = {0.3f, -0.2f, -0.1f, 0.4f};

  /** Predictions p = x W (4 samples, 2 units), as the Dense layer without bias computes. */
  private static double[][] predictions() {
    double[][] p = new double[4][2];
    for (int n = 0; n < 4; n++) {
      for (int j = 0; j < 2; j++) {
        p[n][j] = X[2 * n] * W[j] + X[2 * n + 1] * W[2 + j];
      }
    }
    return p;
  }

  private static Sequential model() {
    Sequential m = new Sequential("metrics", 2).add(Dense.builder(2).useBias(false).build());
    m.setWeights(List.of(W.clone()));
    return m;
  }

  @Test
  void meanErrorsAndAccuraciesByKerassNames() {
    double[][] p = predictions();
    double mae = 0;
    double mse = 0;
    double msle = 0;
    double categorical = 0;
    double binary = 0;
    for (int n = 0; n < 4; n++) {
      for (int j = 0; j < 2; j++) {
        double y = Y[2 * n + j];
        mae += Math.abs(p[n][j] - y) / 8;
        mse += (p[n][j] - y) * (p[n][j] - y) / 8;
        msle += Math.pow(Math.log1p(Math.max(p[n][j], 1e-7)) - Math.log1p(y), 2) / 8;
        binary += ((p[n][j] > 0.5 ? 1 : 0) == y ? 1 : 0) / 8.0;
      }
      int predicted = p[n][1] > p[n][0] ? 1 : 0;
      categorical += Y[2 * n + predicted] == 1 ? 0.25 : 0;
    }
    FloatArray x = new FloatArray(X, 4, 2);
    FloatArray y = new FloatArray(Y, 4, 2);
    try (Sequential m = model()) {
      m.compile(new SGD(1e-12), new MeanSquaredError(), "mae", "mse", "msle",
          "categorical_accuracy", "binary_accuracy");
      Map<String, Double> logs = m.evaluate(x, y, 3);
      assertEquals(List.of("loss", "mae", "mse", "msle", "categorical_accuracy",
          "binary_accuracy"), List.copyOf(logs.keySet()));
      assertEquals(mse, logs.get("loss"), 1e-6);
      assertEquals(mae, logs.get("mae"), 1e-6);
      assertEquals(mse, logs.get("mse"), 1e-6);
      assertEquals(msle, logs.get("msle"), 1e-6);
      assertEquals(categorical, logs.get("categorical_accuracy"), 1e-9);
      assertEquals(binary, logs.get("binary_accuracy"), 1e-9);
      var history = m.fit(x, y, FitOptions.defaults().batchSize(3).epochs(1).shuffle(false)
          .verbose(false));
      assertEquals(mae, history.get("mae").get(0), 1e-6, "learning rate 1e-12: fit's epoch mean");
    }
    assertTrue(categorical > 0 && categorical < 1 && binary > 0 && binary < 1);
  }

  @Test
  void metricsSaveWithTheModelAndUnknownOnesAreRefused(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("metrics.keras");
    try (Sequential m = model()) {
      m.compile(new SGD(0.1), new MeanSquaredError(), "mae", "accuracy");
      assertEquals(List.of("mae", "accuracy"), m.metrics());
      KerasFile.save(m, file);
      var e = assertThrows(IllegalArgumentException.class,
          () -> m.compile(new SGD(0.1), new MeanSquaredError(), "f1_score"));
      assertTrue(e.getMessage().startsWith("Unknown metric 'f1_score'; this library has accuracy,"),
          e.getMessage());
    }
    try (Model back = KerasFile.load(file)) {
      assertEquals(List.of("mae", "accuracy"), back.metrics());
    }
  }

  /**
   * Top-5 accuracy over 7 classes: a sample counts when fewer than 5 classes score strictly
   * above its target, computed here from the predictions x W; Keras's
   * {@code TopKCategoricalAccuracy(k=3, name="top3")} read from its dict counts fewer than 3, and
   * is written back as that dict.
   */
  @Test
  void topFiveAccuraciesCountTheTargetAmongTheFiveHighest() {
    java.util.Random r = new java.util.Random(3);
    int classes = 7;
    int n = 40;
    float[] w = new float[2 * classes];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) r.nextGaussian();
    }
    float[] x = new float[2 * n];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextGaussian();
    }
    float[] ids = new float[n];
    float[] oneHot = new float[n * classes];
    double expected = 0;
    double top3 = 0;
    for (int s = 0; s < n; s++) {
      int target = r.nextInt(classes);
      ids[s] = target;
      oneHot[s * classes + target] = 1;
      double[] p = new double[classes];
      for (int j = 0; j < classes; j++) {
        p[j] = (float) (x[2 * s] * w[j] + x[2 * s + 1] * w[classes + j]);
      }
      int above = 0;
      for (int j = 0; j < classes; j++) {
        above += p[j] > p[target] ? 1 : 0;
      }
      expected += above < 5 ? 1.0 / n : 0;
      top3 += above < 3 ? 1.0 / n : 0;
    }
    assertTrue(top3 < expected, top3 + " against " + expected);
    assertTrue(expected > 0.3 && expected < 1, "a mix of hits and misses: " + expected);
    try (Sequential m = new Sequential("topk", 2)
        .add(Dense.builder(classes).useBias(false).build())) {
      m.setWeights(List.of(w));
      m.compile(new SGD(0.1), new dev.tfjlabs.keras.losses.CategoricalCrossentropy(true),
          "top_k_categorical_accuracy");
      assertEquals(expected, m.evaluate(new FloatArray(x, n, 2), new FloatArray(oneHot, n,
          classes), 16).get("top_k_categorical_accuracy"), 1e-9);
      m.compile(new SGD(0.1), new dev.tfjlabs.keras.losses.SparseCategoricalCrossentropy(true),
          "sparse_top_k_categorical_accuracy");
      assertEquals(expected, m.evaluate(new FloatArray(x, n, 2), new FloatArray(ids, n, 1), 16)
          .get("sparse_top_k_categorical_accuracy"), 1e-9);
      var source = new dev.tfjlabs.keras.config.Source(
          dev.tfjlabs.keras.config.KerasVersion.CURRENT);
      var dict = dev.tfjlabs.keras.config.Config.parse("{\"module\": \"keras.metrics\","
          + " \"class_name\": \"TopKCategoricalAccuracy\", \"config\": {\"name\": \"top3\","
          + " \"dtype\": \"float32\", \"k\": 3}, \"registered_name\": null}");
      Metric read = Metrics.fromConfig(dict, source);
      m.compile(new SGD(0.1), new dev.tfjlabs.keras.losses.CategoricalCrossentropy(true),
          List.of(read));
      assertEquals(top3, m.evaluate(new FloatArray(x, n, 2), new FloatArray(oneHot, n,
          classes), 16).get("top3"), 1e-9);
      assertEquals(new com.fasterxml.jackson.databind.ObjectMapper().convertValue(dict,
          java.util.Map.class), read.serialize());
    }
  }

  /**
   * Keras's {@code BinaryAccuracy(threshold=-0.45, name="low_threshold")} (these outputs are not
   * probabilities): a prediction is 1 above -0.45, counted by hand on the predictions x W; the metric goes through a .keras file with its
   * name and threshold.
   */
  @Test
  void aBinaryAccuracyWithItsThresholdGoesThroughTheFile(@TempDir Path tmp) {
    double[][] p = predictions();
    double expected = 0;
    for (int n = 0; n < 4; n++) {
      for (int j = 0; j < 2; j++) {
        expected += ((p[n][j] > -0.45 ? 1 : 0) == Y[2 * n + j] ? 1 : 0) / 8.0;
      }
    }
    double atHalf = 0;
    for (int n = 0; n < 4; n++) {
      for (int j = 0; j < 2; j++) {
        atHalf += ((p[n][j] > 0.5 ? 1 : 0) == Y[2 * n + j] ? 1 : 0) / 8.0;
      }
    }
    assertTrue(expected != atHalf, "the threshold matters here: " + expected);
    Path file = tmp.resolve("threshold.keras");
    Accuracy metric = new Accuracy(Accuracy.Kind.BINARY, "low_threshold", -0.45);
    try (Sequential m = new Sequential("threshold", 2)
        .add(Dense.builder(2).useBias(false).build())) {
      m.setWeights(List.of(W));
      m.compile(new SGD(0.1), new MeanSquaredError(), List.of(metric));
      assertEquals(expected, m.evaluate(new FloatArray(X, 4, 2), new FloatArray(Y, 4, 2), 2)
          .get("low_threshold"), 1e-9);
      KerasFile.save(m, file);
    }
    try (Model back = KerasFile.load(file)) {
      assertEquals(List.of(metric.serialize()), back.metricObjects().get(0).stream()
          .map(Metric::serialize).toList());
      assertEquals(expected, back.evaluate(new FloatArray(X, 4, 2), new FloatArray(Y, 4, 2), 2)
          .get("low_threshold"), 1e-9);
    }
  }
}
