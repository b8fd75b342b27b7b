package dev.tfjlabs.keras.layers.rnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tfjlabs.keras.data.FloatArray;
import dev.tfjlabs.keras.initializers.Initializers;
import dev.tfjlabs.keras.layers.Activation;
import dev.tfjlabs.keras.layers.Dense;
import dev.tfjlabs.keras.layers.Embedding;
import dev.tfjlabs.keras.losses.SparseCategoricalCrossentropy;
import dev.tfjlabs.keras.models.FitOptions;
import dev.tfjlabs.keras.models.Sequential;
import dev.tfjlabs.keras.optimizers.SGD;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The loss and the mean metrics weigh masked steps out, as Keras's do with an output's mask
 * ({@code keras/src/losses/loss.py}, {@code apply_mask}): sequences padded with zeros (at the
 * end or at the start) under {@code Embedding(mask_zero=True)} give the loss, accuracy and
 * training step that the unpadded sequences give.
 */
class MaskedLossTest {
  private static final float[][] TOKENS = {{3, 1, 4}, {2, 7, 5}};
  private static final float[][] TARGETS = {{1, 0, 1}, {0, 1, 1}};

  private static Sequential model(int steps) {
    Sequential m = new Sequential("masked", steps)
        .add(new Embedding(10, 3, Initializers.randomUniform(-0.05, 0.05), true, null))
        .add(LSTM.builder(4).returnSequences(true).build())
        .add(new TimeDistributed(new Dense(2, Activation.SOFTMAX), null));
    m.compile(new SGD(0.5), new SparseCategoricalCrossentropy(), "accuracy");
    return m;
  }

  /** The tokens and targets with {@code before} and {@code after} padding steps of 0. */
  private static FloatArray[] padded(int before, int after) {
    int steps = before + 3 + after;
    float[] x = new float[2 * steps];
    float[] y = new float[2 * steps];
    for (int n = 0; n < 2; n++) {
      for (int t = 0; t < 3; t++) {
        x[n * steps + before + t] = TOKENS[n][t];
        y[n * steps + before + t] = TARGETS[n][t];
      }
    }
    return new FloatArray[] {new FloatArray(x, 2, steps), new FloatArray(y, 2, steps)};
  }

  @Test
  void paddedStepsLeaveTheLossAccuracyAndStepUnchanged() {
    FloatArray[] plain = padded(0, 0);
    List<float[]> weights;
    Map3 reference;
    try (Sequential m = model(3)) {
      weights = m.getWeights();
      var logs = m.evaluate(plain[0], plain[1], 2);
      m.fit(plain[0], plain[1], FitOptions.defaults().batchSize(2).epochs(1).shuffle(false)
          .verbose(false));
      reference = new Map3(logs.get("loss"), logs.get("accuracy"), m.getWeights());
    }
    for (int[] pad : new int[][] {{0, 2}, {2, 0}, {1, 1}}) {
      FloatArray[] data = padded(pad[0], pad[1]);
      try (Sequential m = model(3 + pad[0] + pad[1])) {
        m.setWeights(weights);
        var logs = m.evaluate(data[0], data[1], 2);
        assertEquals(reference.loss(), logs.get("loss"), 1e-6, "padding " + pad[0] + "+" + pad[1]);
        assertEquals(reference.accuracy(), logs.get("accuracy"), 1e-6);
        m.fit(data[0], data[1], FitOptions.defaults().batchSize(2).epochs(1).shuffle(false)
            .verbose(false));
        List<float[]> after = m.getWeights();
        for (int i = 0; i < after.size(); i++) {
          assertArrayEquals(reference.weights().get(i), after.get(i), 1e-6f, "weight " + i);
        }
      }
    }
  }

  /**
   * Without a mask, a sequence output's sparse cross-entropy is the mean over every step of
   * every sample of -log p(label), against a plain-Java mean of the model's own predictions.
   */
  @Test
  void anUnmaskedSequenceOutputAveragesEveryStep() {
    FloatArray x = dev.tfjlabs.keras.TestData.uniform(9, 1, 4, 3, 2);
    float[] labels = {0, 2, 1, 1, 0, 2, 2, 2, 0, 1, 0, 1};
    FloatArray y = new FloatArray(labels, 4, 3);
    try (Sequential m = new Sequential("seq", 3, 2).add(LSTM.builder(4).returnSequences(true)
        .build()).add(new TimeDistributed(new Dense(3, Activation.SOFTMAX), null))) {
      m.compile(new SGD(0.5), new SparseCategoricalCrossentropy());
      float[] p = m.predict(x, 4).values();
      double expected = 0;
      for (int i = 0; i < labels.length; i++) {
        expected -= Math.log(p[i * 3 + (int) labels[i]]) / labels.length;
      }
      assertEquals(expected, m.evaluate(x, y, 2).get("loss"), 1e-5);
      var h = m.fit(x, y, FitOptions.defaults().batchSize(4).epochs(2).verbose(false));
      assertEquals(expected, h.history().get("loss").get(0), 1e-5);
    }
  }

  private record Map3(double loss, double accuracy, List<float[]> weights) {}
}
