package dev.tfjlabs.keras;

import static dev.tfjlabs.keras.KerasReference.affine;
import static dev.tfjlabs.keras.TestData.matrix;
import static dev.tfjlabs.keras.TestData.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tfjlabs.keras.config.Config;
import dev.tfjlabs.keras.config.KerasVersion;
import dev.tfjlabs.keras.config.Source;
import dev.tfjlabs.keras.data.FloatArray;
import dev.tfjlabs.keras.layers.Activation;
import dev.tfjlabs.keras.layers.Dense;
import dev.tfjlabs.keras.layers.Layer;
import dev.tfjlabs.keras.layers.regularization.ActivityRegularization;
import dev.tfjlabs.keras.layers.rnn.Bidirectional;
import dev.tfjlabs.keras.layers.rnn.LSTM;
import dev.tfjlabs.keras.losses.MeanSquaredError;
import dev.tfjlabs.keras.models.FitOptions;
import dev.tfjlabs.keras.models.Sequential;
import dev.tfjlabs.keras.optimizers.SGD;
import dev.tfjlabs.keras.regularizers.L1L2;
import dev.tfjlabs.keras.regularizers.L2;
import dev.tfjlabs.keras.saving.KerasLayers;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Activity regularizers (a layer's {@code activity_regularizer} and the
 * {@code ActivityRegularization} layer): the penalty {@code r(y) / batch} of Keras 3.14
 * ({@code keras/src/layers/layer.py}) in the loss that training minimises and reports, against
 * a plain-Java double-precision loss.
 */
class ActivityRegularizerTest {
  private static final int B = 4;
  private static final FloatArray X = uniform(51, 1, B, 3);
  private static final FloatArray Y = uniform(52, 1, B, 1);

  /** MSE of Dense(1) over h = tanh(x W + b), plus l1 sum|h| / B + l2 sum h^2 / B. */
  private static double reference(List<float[]> w, double l1, double l2) {
    double[][] h = affine(matrix(X), w.get(0), w.get(1), 4);
    double penalty = 0;
    for (double[] row : h) {
      for (int i = 0; i < row.length; i++) {
        row[i] = Math.tanh(row[i]);
        penalty += l1 * Math.abs(row[i]) + l2 * row[i] * row[i];
      }
    }
    double[][] o = affine(h, w.get(2), w.get(3), 1);
    double s = 0;
    for (int n = 0; n < B; n++) {
      s += Math.pow(o[n][0] - Y.values()[n], 2);
    }
    return s / B + penalty / B;
  }

  @Test
  void aLayersActivityRegularizerIsInTheGradientAndTheReportedLoss() {
    Layer hidden = new Dense(4, Activation.TANH).activityRegularizer(new L2(0.3));
    try (Sequential m = new Sequential("a", 3).add(hidden).add(new Dense(1))) {
      GradientCheckTest.check(m, X, Y, w -> reference(w, 0, 0.3));
    }
    try (Sequential m = new Sequential("b", 3).add(new Dense(4, Activation.TANH)
        .activityRegularizer(new L2(0.3))).add(new Dense(1))) {
      List<float[]> w = LayerForwardTest.randomize(m, 3);
      m.compile(new SGD(0.1), new MeanSquaredError());
      var h = m.fit(X, Y, FitOptions.defaults().batchSize(B).epochs(1).shuffle(false)
          .verbose(false));
      assertEquals(reference(w, 0, 0.3), h.history().get("loss").get(0), 1e-5);
      m.setWeights(w);
      assertEquals(reference(w, 0, 0.3), m.evaluate(X, Y, 2).get("loss"), 1e-5);
    }
  }

  @Test
  void theActivityRegularizationLayer() {
    try (Sequential m = new Sequential("c", 3).add(new Dense(4, Activation.TANH))
        .add(new ActivityRegularization(0.05, 0.2, null)).add(new Dense(1))) {
      GradientCheckTest.check(m, X, Y, w -> reference(w, 0.05, 0.2));
    }
  }

  @Test
  void configsCarryIt() {
    Source keras3 = new Source(KerasVersion.CURRENT);
    Layer d = KerasLayers.get(Config.parse("{\"class_name\": \"Dense\", \"config\": {\"units\":"
        + " 2, \"activity_regularizer\": {\"class_name\": \"L1L2\", \"config\": {\"l1\": 0.1,"
        + " \"l2\": 0.2}}}}"), keras3);
    assertEquals(new L1L2(0.1, 0.2).getConfig(), d.activityRegularizer().getConfig());
    @SuppressWarnings("unchecked")
    var written = (java.util.Map<String, Object>) d.getConfig().get("activity_regularizer");
    assertEquals("L1L2", written.get("class_name"));
    var e = assertThrows(IllegalArgumentException.class, () -> new Bidirectional(
        (LSTM) LSTM.builder(2).build().activityRegularizer(new L2(0.1)), "concat", "bi"));
    assertTrue(e.getMessage().contains("activity_regularizer"), e.getMessage());
  }
}
