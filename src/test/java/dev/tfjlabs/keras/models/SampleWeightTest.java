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
}
