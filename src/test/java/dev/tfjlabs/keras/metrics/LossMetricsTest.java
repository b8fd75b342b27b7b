package dev.tfjlabs.keras.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tfjlabs.keras.data.FloatArray;
import dev.tfjlabs.keras.layers.Activation;
import dev.tfjlabs.keras.layers.Dense;
import dev.tfjlabs.keras.losses.MeanSquaredError;
import dev.tfjlabs.keras.models.Sequential;
import dev.tfjlabs.keras.optimizers.SGD;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keras's probabilistic and hinge metrics by name ({@code kl_divergence},
 * {@code categorical_hinge}, ...): the mean over the samples of the loss function, against
 * plain-Java formulas on given predictions, over two batches.
 */
class LossMetricsTest {
  private static final float[][] PRED = {{0.6f, 0.3f, 0.1f}, {0.2f, 0.5f, 0.3f},
      {0.1f, 0.1f, 0.8f}};
  private static final float[][] LABEL = {{1, 0, 0}, {0, 0, 1}, {0, 1, 0}};

  private static double evaluate(String metric) {
    return evaluate(m -> m.compile(new SGD(0.1), new MeanSquaredError(), metric), metric);
  }

  /** The metric {@code name} of the identity model compiled by {@code compile} on PRED. */
  private static double evaluate(java.util.function.Consumer<Sequential> compile, String name) {
    try (Sequential m = new Sequential("identity", 3).add(new Dense(3, Activation.LINEAR))) {
      compile.accept(m);
      m.setWeights(List.of(new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, new float[3]));
      float[] p = new float[9];
      float[] y = new float[9];
      for (int n = 0; n < 3; n++) {
        System.arraycopy(PRED[n], 0, p, 3 * n, 3);
        System.arraycopy(LABEL[n], 0, y, 3 * n, 3);
      }
      return m.evaluate(new FloatArray(p, 3, 3), new FloatArray(y, 3, 3), 2).get(name);
    }
  }

  @Test
  void lossFunctionsAsMetrics() {
    double kl = 0;
    double hinge = 0;
    double crossentropy = 0;
    for (int n = 0; n < 3; n++) {
      double pos = 0;
      double neg = 0;
      for (int k = 0; k < 3; k++) {
        double y = Math.max(LABEL[n][k], 1e-7);
        double p = Math.max(PRED[n][k], 1e-7);
        kl += y * Math.log(y / p) / 3;
        pos += LABEL[n][k] * PRED[n][k];
        neg = Math.max(neg, (1 - LABEL[n][k]) * PRED[n][k]);
        crossentropy -= LABEL[n][k] * Math.log(PRED[n][k]) / 3;
      }
      hinge += Math.max(0, neg - pos + 1) / 3;
    }
    assertEquals(kl, evaluate("kl_divergence"), 1e-5);
    assertEquals(hinge, evaluate("categorical_hinge"), 1e-5);
    assertEquals(crossentropy, evaluate("categorical_crossentropy"), 1e-5);
  }

  /**
   * Keras's {@code CategoricalCrossentropy(name="ce_logits", from_logits=True)} metric object,
   * read from its dict: the cross-entropy of the softmax of the outputs (PRED taken as logits),
   * logged under its name and written back as the dict; the default object is read by its name.
   */
  @Test
  void aLossMetricObjectKeepsItsArgumentsAndName() {
    var source = new dev.tfjlabs.keras.config.Source(dev.tfjlabs.keras.config.KerasVersion.CURRENT);
    var dict = dev.tfjlabs.keras.config.Config.parse("{\"module\": \"keras.metrics\","
        + " \"class_name\": \"CategoricalCrossentropy\", \"config\": {\"name\": \"ce_logits\","
        + " \"dtype\": \"float32\", \"from_logits\": true, \"label_smoothing\": 0.0, \"axis\":"
        + " -1}, \"registered_name\": null}");
    Metric metric = Metrics.fromConfig(dict, source);
    double expected = 0;
    for (int n = 0; n < 3; n++) {
      double sum = 0;
      for (int k = 0; k < 3; k++) {
        sum += Math.exp(PRED[n][k]);
      }
      for (int k = 0; k < 3; k++) {
        expected -= LABEL[n][k] * Math.log(Math.exp(PRED[n][k]) / sum) / 3;
      }
    }
    assertEquals(expected, evaluate(m -> m.compile(new SGD(0.1), new MeanSquaredError(),
        List.of(metric)), "ce_logits"), 1e-5);
    assertEquals(new com.fasterxml.jackson.databind.ObjectMapper().convertValue(dict,
        java.util.Map.class), metric.serialize());
    var plain = dev.tfjlabs.keras.saving.KerasConfig.metrics(dev.tfjlabs.keras.config.Config
        .parse("[{\"class_name\": \"MeanSquaredError\", \"config\": {\"name\":"
        + " \"mean_squared_error\", \"dtype\": \"float32\"}}]"), source);
    assertEquals(List.of("mean_squared_error"), plain);
    assertEquals(List.of(), List.copyOf(source.warnings()));
  }
}
