package dev.tfjlabs.keras.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tfjlabs.keras.data.FloatArray;
import dev.tfjlabs.keras.layers.Activation;
import dev.tfjlabs.keras.layers.Dense;
import dev.tfjlabs.keras.losses.BinaryCrossentropy;
import dev.tfjlabs.keras.losses.MeanSquaredError;
import dev.tfjlabs.keras.models.FitOptions;
import dev.tfjlabs.keras.models.Sequential;
import dev.tfjlabs.keras.optimizers.SGD;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Precision, Recall and AUC as Keras 3's {@code keras/src/metrics/confusion_metrics_test.py}
 * checks them (its unweighted cases, with its numbers), each evaluated over two batches of two
 * so that the counts add up over the epoch; the cases Keras checks only with sample weights
 * are worked by hand from Keras's rules in the comments.
 */
class ConfusionMetricsTest {

  /** The metric of predictions {@code pred} for labels {@code label}, in batches of 2. */
  private static double evaluate(Metric metric, float[] pred, float[] label) {
    try (Sequential m = new Sequential("identity", 1).add(new Dense(1, Activation.LINEAR))) {
      m.compile(new SGD(0.1), new MeanSquaredError(), List.of(metric));
      m.setWeights(List.of(new float[] {1f}, new float[] {0f}));
      return m.evaluate(new FloatArray(pred, pred.length, 1),
          new FloatArray(label, label.length, 1), 2).get(metric.name());
    }
  }

  private static final float[] PRED = {0f, 0.5f, 0.3f, 0.9f};
  private static final float[] LABEL = {0f, 0f, 1f, 1f};

  @Test
  void precisionAndRecall() {
    float[] pred = {1, 0, 1, 0};
    float[] label = {0, 1, 1, 0};
    assertEquals(0.5, evaluate(new Precision(), pred, label), 1e-6);
    assertEquals(0.5, evaluate(new Recall(), pred, label), 1e-6);
    // no positive prediction, no positive label: 0, as Keras's divide_no_nan
    assertEquals(0.0, evaluate(new Precision(), new float[] {0, 0}, new float[] {0, 1}), 0);
    assertEquals(0.0, evaluate(new Recall(), new float[] {1, 0}, new float[] {0, 0}), 0);
  }

  /**
   * Thresholds [-1e-7, 0.5, 1 + 1e-7]: tp = [2, 1, 0], fp = [2, 0, 0], fn = [0, 1, 2],
   * tn = [0, 2, 2]; recall [1, 0.5, 0], false-positive rate [1, 0, 0].
   */
  @Test
  void aucOfTheRocCurve() {
    assertEquals(0.75, evaluate(new AUC(3, null, "ROC", "interpolation", false, "auc"), PRED,
        LABEL), 1e-3);
    assertEquals(1.0, evaluate(new AUC(), LABEL.clone(), LABEL), 1e-6);
    float[] logits = new float[PRED.length];
    for (int i = 0; i < logits.length; i++) {
      logits[i] = (float) -Math.log(1.0 / (PRED[i] + 1e-12) - 1.0);
    }
    assertEquals(0.75, evaluate(new AUC(3, null, "ROC", "interpolation", true, "auc"), logits,
        LABEL), 1e-3);
    assertEquals(0.75, evaluate(new AUC(2, new double[] {0.5}, "ROC", "interpolation", false,
        "auc"), PRED, LABEL), 1e-3);
    // heights max(1, 0.5), max(0.5, 0) and min(...) over widths [1, 0]
    assertEquals(1.0, evaluate(new AUC(3, null, "ROC", "majoring", false, "auc"), PRED, LABEL),
        1e-6);
    assertEquals(0.5, evaluate(new AUC(3, null, "ROC", "minoring", false, "auc"), PRED, LABEL),
        1e-6);
  }

  /**
   * Precision [0.5, 1, 0], recall [1, 0.5, 0]; interpolation: P = tp + fp = [4, 1, 0],
   * slope = dTP / dP = [1/3, 1], intercept = tp[1:] - slope P[1:] = [2/3, 0], ratio [4, 1]:
   * (1/3)(1 + (2/3) ln 4) / 2 + 1 (1 + 0) / 2.
   */
  @Test
  void aucOfThePrecisionRecallCurve() {
    double interpolated = (1.0 / 3) * (1 + (2.0 / 3) * Math.log(4)) / 2 + 0.5;
    assertEquals(interpolated, evaluate(new AUC(3, null, "PR", "interpolation", false, "auc"),
        PRED, LABEL), 1e-5);
    assertEquals(1.0, evaluate(new AUC(3, null, "PR", "majoring", false, "auc"), PRED, LABEL),
        1e-6);
    assertEquals(0.25, evaluate(new AUC(3, null, "PR", "minoring", false, "auc"), PRED, LABEL),
        1e-6);
  }

  /** By name in compile, logged by fit under Keras's names, each in [0, 1]. */
  @Test
  void byNameInFit() {
    FloatArray x = dev.tfjlabs.keras.TestData.uniform(5, 1, 32, 3);
    float[] y = new float[32];
    for (int i = 0; i < y.length; i++) {
      y[i] = x.values()[3 * i] > 0 ? 1 : 0;
    }
    try (Sequential m = new Sequential("binary", 3).add(new Dense(1, Activation.SIGMOID))) {
      m.compile(new SGD(0.5), new BinaryCrossentropy(), "auc", "precision", "recall");
      var h = m.fit(x, new FloatArray(y, 32, 1), FitOptions.defaults().batchSize(8).epochs(3)
          .verbose(false));
      for (String name : List.of("auc", "precision", "recall")) {
        double last = h.history().get(name).get(2);
        assertTrue(last >= 0 && last <= 1, name + " " + last);
      }
      assertTrue(h.history().get("auc").get(2) > 0.8, h.history().toString());
    }
  }

  /**
   * RootMeanSquaredError (keras/src/metrics/regression_metrics_test.py, test_unweighted):
   * y_true [[2, 4, 6]], y_pred [[1, 3, 2]] gives sqrt((1 + 1 + 16) / 3) = sqrt(6); over two
   * batches the root of the epoch's mean, not the mean of the batches' roots.
   */
  @Test
  void rootMeanSquaredError() {
    try (Sequential m = new Sequential("identity", 3).add(new Dense(3, Activation.LINEAR))) {
      m.compile(new SGD(0.1), new MeanSquaredError(), List.of(new RootMeanSquaredError()));
      m.setWeights(List.of(new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, new float[3]));
      var x = new FloatArray(new float[] {1, 3, 2, 1, 3, 2}, 2, 3);
      var y = new FloatArray(new float[] {2, 4, 6, 1, 3, 3}, 2, 3);
      assertEquals(Math.sqrt(6), m.evaluate(x.slice(0, 1), y.slice(0, 1), 1)
          .get("root_mean_squared_error"), 1e-6);
      // (1 + 1 + 16) / 3 and (0 + 0 + 1) / 3 over two batches of one
      assertEquals(Math.sqrt((6 + 1.0 / 3) / 2), m.evaluate(x, y, 1)
          .get("root_mean_squared_error"), 1e-6);
    }
  }

  /**
   * Metrics with arguments go into the .keras file as Keras's dicts and come back with them;
   * an AUC Keras has and this library does not (PRGAIN) is named in a warning and left out.
   */
  @Test
  void metricsWithArgumentsGoThroughTheFile(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path tmp) throws Exception {
    java.nio.file.Path file = tmp.resolve("auc.keras");
    AUC auc = new AUC(50, null, "PR", "majoring", true, "pr_auc");
    Precision precision = new Precision(0.3, "precision_at_0.3");
    F1Score f1 = new F1Score("macro", 0.4);
    try (Sequential m = new Sequential("binary", 3).add(new Dense(1, Activation.SIGMOID))) {
      m.compile(new SGD(0.5), new BinaryCrossentropy(), List.of(auc, precision, new Recall(),
          f1));
      dev.tfjlabs.keras.saving.KerasFile.save(m, file);
    }
    try (var back = dev.tfjlabs.keras.saving.KerasFile.load(file)) {
      assertEquals(List.of(auc.serialize(), precision.serialize(), new Recall().serialize(),
          f1.serialize()),
          back.metricObjects().get(0).stream().map(Metric::serialize).toList());
    }
    var source = new dev.tfjlabs.keras.config.Source(dev.tfjlabs.keras.config.KerasVersion.CURRENT);
    var read = dev.tfjlabs.keras.saving.KerasConfig.metrics(dev.tfjlabs.keras.config.Config.parse(
        "[{\"class_name\": \"AUC\", \"config\": {\"name\": \"auc\", \"curve\": \"PRGAIN\"}},"
        + " {\"class_name\": \"AUC\", \"config\": {\"name\": \"auc\", \"num_thresholds\": 7,"
        + " \"thresholds\": [0.25, 0.75]}}]"), source);
    assertEquals(1, read.size());
    // thresholds -1e-7, 0.25, 0.75 and 1 + 1e-7 (num_thresholds follows them): four counts each
    assertEquals(16, ((AUC) read.get(0)).accumulators());
    assertTrue(source.warnings().iterator().next().contains("PRGAIN"),
        source.warnings().toString());
  }

  /** The metric of predictions [n][3] for targets [n][3], in batches of 2. */
  private static double evaluate3(Metric metric, float[][] pred, float[][] label) {
    return logs3(metric, pred, label).get(metric.name());
  }

  /** The logs of {@link #evaluate3}: the loss and the metric's entries. */
  private static java.util.Map<String, Double> logs3(Metric metric, float[][] pred,
      float[][] label) {
    try (Sequential m = new Sequential("identity", 3).add(new Dense(3, Activation.LINEAR))) {
      m.compile(new SGD(0.1), new MeanSquaredError(), List.of(metric));
      m.setWeights(List.of(new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, new float[3]));
      float[] p = new float[pred.length * 3];
      float[] y = new float[pred.length * 3];
      for (int n = 0; n < pred.length; n++) {
        System.arraycopy(pred[n], 0, p, 3 * n, 3);
        System.arraycopy(label[n], 0, y, 3 * n, 3);
      }
      return m.evaluate(new FloatArray(p, pred.length, 3), new FloatArray(y, pred.length, 3), 2);
    }
  }

  /**
   * Keras's {@code test_fbeta_random_score} (threshold 0.66) and
   * {@code test_fbeta_random_score_none} (each sample's largest prediction) of
   * {@code keras/src/metrics/f_score_metrics_test.py}, micro, macro and weighted.
   */
  @Test
  void fBetaScoreAsKerasComputesIt() {
    float[][] pred = {{0.7f, 0.7f, 0.7f}, {1, 0, 0}, {0.9f, 0.8f, 0}};
    float[][] label = {{0, 0, 1}, {1, 1, 0}, {1, 1, 1}};
    Object[][] thresholded = {{"micro", 0.5, 0.6666667}, {"micro", 2.0, 0.6666667},
        {"macro", 0.5, 0.6825397}, {"macro", 1.0, 0.6555555}, {"macro", 2.0, 0.6548822},
        {"weighted", 0.5, 0.6825397}, {"weighted", 1.0, 0.6555555}, {"weighted", 2.0, 0.6548822}};
    for (Object[] c : thresholded) {
      assertEquals((double) c[2], evaluate3(new FBetaScore((String) c[0], (double) c[1], 0.66,
          "fbeta"), pred, label), 1e-6, c[0] + " beta " + c[1]);
    }
    float[][] pred2 = {{0.9f, 0.1f, 0}, {0.2f, 0.6f, 0.2f}, {0, 0, 1}, {0.4f, 0.3f, 0.3f},
        {0, 0.9f, 0.1f}, {0, 0, 1}};
    float[][] label2 = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {1, 0, 0}, {1, 0, 0}, {0, 0, 1}};
    Object[][] largest = {{"micro", 1.0, 0.833334}, {"macro", 0.5, 0.821549},
        {"macro", 1.0, 0.822222}, {"macro", 2.0, 0.849206}, {"weighted", 0.5, 0.880471},
        {"weighted", 1.0, 0.844445}, {"weighted", 2.0, 0.829365}};
    for (Object[] c : largest) {
      assertEquals((double) c[2], evaluate3(new FBetaScore((String) c[0], (double) c[1], null,
          "fbeta"), pred2, label2), 1e-6, c[0] + " beta " + c[1]);
    }
    assertEquals(0.822222, evaluate3(new F1Score("macro", null), pred2, label2), 1e-6);
    var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new F1Score("average", null));
    assertTrue(e.getMessage().contains("None, 'micro', 'macro' or 'weighted'"), e.getMessage());
  }

  /**
   * Keras's default {@code average=None}: one score per class, logged as {@code name[c]}; the
   * None rows of Keras's {@code test_fbeta_random_score} and {@code test_fbeta_random_score_none}
   * ({@code keras/src/metrics/f_score_metrics_test.py}); F1Score's defaults and its config.
   */
  @Test
  void fBetaScoreWithoutAverageIsOneScorePerClass() {
    float[][] pred = {{0.7f, 0.7f, 0.7f}, {1, 0, 0}, {0.9f, 0.8f, 0}};
    float[][] label = {{0, 0, 1}, {1, 1, 0}, {1, 1, 1}};
    double[][] thresholded = {{0.5, 0.71428573, 0.5, 0.833334}, {1.0, 0.8, 0.5, 0.6666667},
        {2.0, 0.9090904, 0.5, 0.555556}};
    for (double[] c : thresholded) {
      var logs = logs3(new FBetaScore(null, c[0], 0.66, "fbeta"), pred, label);
      for (int k = 0; k < 3; k++) {
        assertEquals(c[1 + k], logs.get("fbeta[" + k + "]"), 1e-6, "beta " + c[0] + " class " + k);
      }
      assertEquals(List.of("loss", "fbeta[0]", "fbeta[1]", "fbeta[2]"), List.copyOf(
          logs.keySet()));
    }
    float[][] pred2 = {{0.9f, 0.1f, 0}, {0.2f, 0.6f, 0.2f}, {0, 0, 1}, {0.4f, 0.3f, 0.3f},
        {0, 0.9f, 0.1f}, {0, 0, 1}};
    float[][] label2 = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {1, 0, 0}, {1, 0, 0}, {0, 0, 1}};
    double[][] largest = {{0.5, 0.9090904, 0.555556, 1.0}, {1.0, 0.8, 0.6666667, 1.0},
        {2.0, 0.71428573, 0.833334, 1.0}};
    for (double[] c : largest) {
      var logs = logs3(new FBetaScore(null, c[0], null, "fbeta"), pred2, label2);
      for (int k = 0; k < 3; k++) {
        assertEquals(c[1 + k], logs.get("fbeta[" + k + "]"), 1e-6, "beta " + c[0] + " class " + k);
      }
    }
    var f1 = logs3(new F1Score(), pred2, label2);
    assertEquals(0.8, f1.get("f1_score[0]"), 1e-6);
    assertEquals(0.6666667, f1.get("f1_score[1]"), 1e-6);
    var source = new dev.tfjlabs.keras.config.Source(dev.tfjlabs.keras.config.KerasVersion.CURRENT);
    var read = dev.tfjlabs.keras.saving.KerasConfig.metrics(dev.tfjlabs.keras.config.Config.parse(
        "[{\"class_name\": \"F1Score\", \"config\": {\"name\": \"f1_score\","
        + " \"average\": null, \"threshold\": null}}]"), source);
    assertEquals(new F1Score().serialize(), ((Metric) read.get(0)).serialize());
    assertTrue(source.warnings().isEmpty(), source.warnings().toString());
  }
}
