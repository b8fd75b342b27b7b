package dev.tfjlabs.keras.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tfjlabs.keras.data.FloatArray;
import dev.tfjlabs.keras.layers.Activation;
import dev.tfjlabs.keras.layers.Dense;
import dev.tfjlabs.keras.losses.CategoricalCrossentropy;
import dev.tfjlabs.keras.losses.MeanSquaredError;
import dev.tfjlabs.keras.losses.SparseCategoricalCrossentropy;
import dev.tfjlabs.keras.optimizers.SGD;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Keras's {@code sample_weight} and {@code class_weight} in {@code fit}: each sample's loss
 * times its weight, {@code sum(w l) / n} per batch ({@code reduce_weighted_values}), against a
 * plain-Java gradient step; class weights as the sample weights of the samples' classes.
 */
class SampleWeightTest {
  private static final float[][] X = {{0.5f, -1.0f}, {1.5f, 0.25f}, {-0.75f, 2.0f}};
  private static final float[] Y = {1.0f, -0.5f, 0.25f};
  private static final float[] W = {0.5f, 2.0f, 1.0f};

  @Test
  void sampleWeightsScaleEachSamplesLossAndGradient() {
    double[] p = {0.3, -0.2, 0.1};
    double loss = 0;
    double[] g = new double[3];
    for (int n = 0; n < 3; n++) {
      double e = X[n][0] * p[0] + X[n][1] * p[1] + p[2] - Y[n];
      loss += W[n] * e * e / 3;
      g[0] += 2 * W[n] * e * X[n][0] / 3;
      g[1] += 2 * W[n] * e * X[n][1] / 3;
      g[2] += 2 * W[n] * e / 3;
    }
    try (Sequential m = new Sequential("linear", 2).add(new Dense(1))) {
      m.compile(new SGD(0.1), new MeanSquaredError());
      m.setWeights(List.of(new float[] {0.3f, -0.2f}, new float[] {0.1f}));
      var h = m.fit(new FloatArray(new float[] {X[0][0], X[0][1], X[1][0], X[1][1], X[2][0],
          X[2][1]}, 3, 2), FloatArray.of(Y.clone()), FitOptions.defaults().batchSize(3)
          .epochs(1).shuffle(false).verbose(false).sampleWeight(FloatArray.of(W.clone())));
      assertEquals(loss, h.history().get("loss").get(0), 1e-6);
      List<float[]> w = m.getWeights();
      assertEquals(p[0] - 0.1 * g[0], w.get(0)[0], 1e-6);
      assertEquals(p[1] - 0.1 * g[1], w.get(0)[1], 1e-6);
      assertEquals(p[2] - 0.1 * g[2], w.get(1)[0], 1e-6);
    }
  }

  /** The weights and first loss of one SGD step with {@code loss} and sample weights {@code w}. */
  private static Object[] step(dev.tfjlabs.keras.losses.Loss loss, float[] w) {
    try (Sequential m = new Sequential("linear", 2).add(new Dense(1))) {
      m.compile(new SGD(0.1), loss);
      m.setWeights(List.of(new float[] {0.3f, -0.2f}, new float[] {0.1f}));
      FitOptions o = FitOptions.defaults().batchSize(3).epochs(1).shuffle(false).verbose(false);
      var h = m.fit(new FloatArray(new float[] {X[0][0], X[0][1], X[1][0], X[1][1], X[2][0],
          X[2][1]}, 3, 2), FloatArray.of(Y.clone()), w == null ? o
          : o.sampleWeight(FloatArray.of(w.clone())));
      return new Object[] {m.getWeights(), h.history().get("loss").get(0)};
    }
  }

  private static dev.tfjlabs.keras.losses.Loss mse(String reduction) {
    return dev.tfjlabs.keras.losses.Losses.REGISTRY.get(dev.tfjlabs.keras.config.Config.parse(
        "{\"class_name\": \"MeanSquaredError\", \"config\": {\"reduction\": \"" + reduction
        + "\"}}"), new dev.tfjlabs.keras.config.Source(
            dev.tfjlabs.keras.config.KerasVersion.CURRENT));
  }

  /**
   * Keras's loss reductions ({@code reduce_values}): "sum" the sum of the sample losses,
   * "mean_with_sample_weight" their weighted sum over the sum of the weights; each against a
   * plain-Java step; "none" is refused in one line and a reduction is written back.
   */
  @Test
  void lossReductions() {
    for (String reduction : new String[] {"sum", "mean_with_sample_weight"}) {
      double[] p = {0.3, -0.2, 0.1};
      double loss = 0;
      double[] g = new double[3];
      double weights = reduction.equals("sum") ? 1 : W[0] + W[1] + W[2];
      for (int n = 0; n < 3; n++) {
        double w = reduction.equals("sum") ? 1 : W[n];
        double e = X[n][0] * p[0] + X[n][1] * p[1] + p[2] - Y[n];
        loss += w * e * e / weights;
        g[0] += 2 * w * e * X[n][0] / weights;
        g[1] += 2 * w * e * X[n][1] / weights;
        g[2] += 2 * w * e / weights;
      }
      Object[] got = step(mse(reduction), reduction.equals("sum") ? null : W);
      @SuppressWarnings("unchecked")
      List<float[]> after = (List<float[]>) got[0];
      assertEquals(loss, (double) got[1], 1e-5, reduction);
      assertEquals(p[0] - 0.1 * g[0], after.get(0)[0], 1e-6, reduction);
      assertEquals(p[1] - 0.1 * g[1], after.get(0)[1], 1e-6, reduction);
      assertEquals(p[2] - 0.1 * g[2], after.get(1)[0], 1e-6, reduction);
    }
    var e = assertThrows(IllegalArgumentException.class, () -> mse("none"));
    assertTrue(e.getMessage().contains("reduction") && !e.getMessage().contains("\n"),
        e.getMessage());
    @SuppressWarnings("unchecked")
    var written = (Map<String, Object>) dev.tfjlabs.keras.losses.Losses.serialize(mse("sum"));
    assertEquals("sum", ((Map<?, ?>) written.get("config")).get("reduction"));
  }

  /**
   * A sequence output ([batch, steps] sample losses): weights (1, 0) leave the mean over all
   * batch and step values, so the step equals one on the first sample alone at half the
   * learning rate.
   */
  @Test
  void sampleWeightsWeighEveryStepOfTheirSample() {
    FloatArray x = dev.tfjlabs.keras.TestData.uniform(7, 1, 2, 3, 2);
    FloatArray y = dev.tfjlabs.keras.TestData.uniform(8, 1, 2, 3, 1);
    List<float[]> start;
    List<float[]> weighted;
    try (Sequential m = new Sequential("seq", 3, 2).add(new Dense(1))) {
      start = m.getWeights();
      m.compile(new SGD(0.2), new MeanSquaredError());
      m.fit(x, y, FitOptions.defaults().batchSize(2).epochs(1).shuffle(false).verbose(false)
          .sampleWeight(FloatArray.of(1, 0)));
      weighted = m.getWeights();
    }
    try (Sequential m = new Sequential("seq", 3, 2).add(new Dense(1))) {
      m.compile(new SGD(0.1), new MeanSquaredError());
      m.setWeights(start);
      m.fit(x.slice(0, 1), y.slice(0, 1), FitOptions.defaults().batchSize(1).epochs(1)
          .shuffle(false).verbose(false));
      for (int i = 0; i < weighted.size(); i++) {
        assertArrayEquals(m.getWeights().get(i), weighted.get(i), 1e-6f);
      }
    }
  }

  private static List<float[]> trained(boolean oneHot, FitOptions o) {
    float[] x = {0.2f, -0.4f, 0.9f, 0.1f, -0.6f, 0.5f, 0.3f, 0.8f};
    float[] labels = {0, 2, 1, 2};
    FloatArray y;
    if (oneHot) {
      float[] hot = new float[12];
      for (int n = 0; n < 4; n++) {
        hot[n * 3 + (int) labels[n]] = 1;
      }
      y = new FloatArray(hot, 4, 3);
    } else {
      y = FloatArray.of(labels);
    }
    try (Sequential m = new Sequential("classes", 2).add(new Dense(3, Activation.SOFTMAX))) {
      m.compile(new SGD(0.5), oneHot ? new CategoricalCrossentropy()
          : new SparseCategoricalCrossentropy());
      m.setWeights(List.of(new float[] {0.1f, -0.2f, 0.3f, 0.05f, 0.2f, -0.1f},
          new float[3]));
      m.fit(new FloatArray(x, 4, 2), y, o.batchSize(4).epochs(2).shuffle(false).verbose(false));
      return m.getWeights();
    }
  }

  @Test
  void classWeightsAreTheSampleWeightsOfTheClasses() {
    List<float[]> byClass = trained(false, FitOptions.defaults().classWeight(Map.of(2, 3.0)));
    List<float[]> bySample = trained(false, FitOptions.defaults()
        .sampleWeight(FloatArray.of(1, 3, 1, 3)));
    List<float[]> oneHot = trained(true, FitOptions.defaults().classWeight(Map.of(2, 3.0)));
    List<float[]> plain = trained(false, FitOptions.defaults());
    for (int i = 0; i < byClass.size(); i++) {
      assertArrayEquals(bySample.get(i), byClass.get(i), 1e-6f);
      assertArrayEquals(bySample.get(i), oneHot.get(i), 1e-6f);
    }
    assertTrue(java.util.Arrays.mismatch(plain.get(0), byClass.get(0)) >= 0);
  }

  @Test
  void badWeightsAreRefusedInOneLine() {
    var e = assertThrows(IllegalArgumentException.class, () -> trained(false,
        FitOptions.defaults().sampleWeight(FloatArray.of(1, 2))));
    assertTrue(e.getMessage().contains("one weight per sample"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> trained(false, FitOptions.defaults()
        .sampleWeight(FloatArray.of(1, 1, 1, 1)).classWeight(Map.of(0, 2.0))));
    assertTrue(e.getMessage().contains("not both"), e.getMessage());
  }

  /**
   * Keras's weighted validation and evaluation: {@code validation_data=(x, y, w)}, a
   * {@code validation_split} of weighted samples (the weights split with them) and
   * {@code evaluate(sample_weight=w)} weigh the loss as training does, {@code sum(w l) / n} per
   * batch, the batches averaged by size; against plain Java, with SGD at a learning rate of 1e-30
   * so that the weights stay.
   */
  @Test
  void validationAndEvaluationWeighTheLossAsTrainingDoes() {
    double[] p = {0.3, -0.2, 0.1};
    float[] w = {0.5f, 2.0f, 3.0f};
    double[] e = new double[3];
    double weighted = 0;
    for (int n = 0; n < 3; n++) {
      e[n] = X[n][0] * p[0] + X[n][1] * p[1] + p[2] - Y[n];
      weighted += w[n] * e[n] * e[n] / 3;
    }
    FloatArray x = new FloatArray(new float[] {X[0][0], X[0][1], X[1][0], X[1][1], X[2][0],
        X[2][1]}, 3, 2);
    FloatArray y = FloatArray.of(Y.clone());
    FloatArray weights = FloatArray.of(w.clone());
    try (Sequential m = new Sequential("linear", 2).add(new Dense(1))) {
      m.compile(new SGD(1e-30), new MeanSquaredError());
      m.setWeights(List.of(new float[] {0.3f, -0.2f}, new float[] {0.1f}));
      assertEquals(weighted, m.evaluate(List.of(x), List.of(y), 3, weights).get("loss"), 1e-6);
      // batches of 2 and 1: (w0 l0 + w1 l1) / 2 counted twice, w2 l2 once, over 3 samples
      assertEquals(weighted, m.evaluate(List.of(x), List.of(y), 2, weights).get("loss"), 1e-6);
      double plain = (e[0] * e[0] + e[1] * e[1] + e[2] * e[2]) / 3;
      assertEquals(plain, m.evaluate(x, y, 3).get("loss"), 1e-6, "unweighted as before");

      FitOptions o = FitOptions.defaults().batchSize(3).epochs(1).shuffle(false).verbose(false);
      var h = m.fit(x, y, o.validationData(x, y, weights));
      assertEquals(weighted, h.history().get("val_loss").get(0), 1e-6);

      var split = m.fit(x, y, FitOptions.defaults().batchSize(3).epochs(1).shuffle(false)
          .verbose(false).validationSplit(0.3).sampleWeight(weights));
      assertEquals(w[2] * e[2] * e[2], split.history().get("val_loss").get(0), 1e-6,
          "the last sample, with its weight");
      assertEquals((w[0] * e[0] * e[0] + w[1] * e[1] * e[1]) / 2,
          split.history().get("loss").get(0), 1e-6);
    }
    assertThrows(IllegalArgumentException.class, () -> FitOptions.defaults().validationData(x, y,
        FloatArray.of(new float[] {1f, 2f})));
  }

  /**
   * Keras's {@code weighted_metrics}: mean metrics weighted by the sample weights,
   * {@code sum(w v) / sum(w)}, logged under their names or {@code weighted_<name>} beside an
   * unweighted one; the unweighted {@code metrics} stay plain means. Against plain Java, in
   * {@code fit} and {@code evaluate}, and through a .keras file's compile config.
   */
  @Test
  void weightedMetricsWeighTheirValues(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) {
    float[] w = {0.5f, 2.0f, 3.0f};
    double[] p = {0.3, -0.2, 0.1};
    double absW = 0;
    double sqW = 0;
    double abs = 0;
    for (int n = 0; n < 3; n++) {
      double e = X[n][0] * p[0] + X[n][1] * p[1] + p[2] - Y[n];
      absW += w[n] * Math.abs(e) / 5.5;
      sqW += w[n] * e * e / 5.5;
      abs += Math.abs(e) / 3;
    }
    FloatArray x = new FloatArray(new float[] {X[0][0], X[0][1], X[1][0], X[1][1], X[2][0],
        X[2][1]}, 3, 2);
    FloatArray y = FloatArray.of(Y.clone());
    FloatArray weights = FloatArray.of(w.clone());
    java.nio.file.Path file = tmp.resolve("weighted.keras");
    try (Sequential m = new Sequential("linear", 2).add(new Dense(1))) {
      m.compile(new SGD(1e-30), new MeanSquaredError(), List.of("mae"), List.of("mae", "mse"));
      m.setWeights(List.of(new float[] {0.3f, -0.2f}, new float[] {0.1f}));
      assertEquals(List.of("mae", "weighted_mae", "mse"), m.metrics());
      var h = m.fit(x, y, FitOptions.defaults().batchSize(3).epochs(1).shuffle(false)
          .verbose(false).sampleWeight(weights));
      assertEquals(abs, h.history().get("mae").get(0), 1e-6);
      assertEquals(absW, h.history().get("weighted_mae").get(0), 1e-6);
      assertEquals(sqW, h.history().get("mse").get(0), 1e-6);
      Map<String, Double> e = m.evaluate(List.of(x), List.of(y), 2, weights);
      assertEquals(absW, e.get("weighted_mae"), 1e-6);
      assertEquals(abs, e.get("mae"), 1e-6);
      dev.tfjlabs.keras.saving.KerasFile.save(m, file);
    }
    try (Model back = dev.tfjlabs.keras.saving.KerasFile.load(file)) {
      assertEquals(List.of("mae", "weighted_mae", "mse"), back.metrics());
      assertEquals(absW, back.evaluate(List.of(x), List.of(y), 3, weights).get("weighted_mae"),
          1e-6);
    }
    try (Sequential m = new Sequential("linear", 2).add(new Dense(1))) {
      IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
          () -> m.compile(new SGD(0.1), new MeanSquaredError(), List.of(),
              List.of("precision")));
      assertTrue(refused.getMessage().startsWith("weighted_metrics: precision is not a mean"),
          refused.getMessage());
    }
  }
}
