package dev.tfjlabs.keras.layers.rnn;

import static dev.tfjlabs.keras.TestData.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tfjlabs.keras.data.FloatArray;
import dev.tfjlabs.keras.layers.Dense;
import dev.tfjlabs.keras.losses.MeanSquaredError;
import dev.tfjlabs.keras.models.FitOptions;
import dev.tfjlabs.keras.models.Sequential;
import dev.tfjlabs.keras.optimizers.Adam;
import dev.tfjlabs.keras.saving.KerasFile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stateful=True}: a sequence fed in chunks to a stateful layer gives what the whole
 * sequence gives a stateless one with the same weights; a batch of another size fails in one
 * line; a stateful model trains, saves and reloads.
 */
class StatefulTest {
  private static final int B = 3;
  private static final int F = 2;

  /** Steps [from, to) of x [B][T][F]. */
  private static FloatArray steps(FloatArray x, int from, int to) {
    int t = x.shape()[1];
    float[] out = new float[B * (to - from) * F];
    for (int n = 0; n < B; n++) {
      System.arraycopy(x.values(), (n * t + from) * F, out, n * (to - from) * F,
          (to - from) * F);
    }
    return new FloatArray(out, B, to - from, F);
  }

  @Test
  void aSequenceInChunksGivesWhatTheWholeSequenceGives() {
    FloatArray x = uniform(81, 1, B, 6, F);
    for (boolean lstm : new boolean[] {true, false}) {
      float[] whole;
      List<float[]> weights;
      try (Sequential m = new Sequential("whole", 6, F).add(lstm ? LSTM.builder(4).build()
          : GRU.builder(4).build())) {
        whole = m.predict(x, B).values();
        weights = m.getWeights();
      }
      try (Sequential m = new Sequential("chunks", 3, F).add(lstm
          ? LSTM.builder(4).stateful(true).build() : GRU.builder(4).stateful(true).build())) {
        m.setWeights(weights);
        float[] first = m.predict(steps(x, 0, 3), B).values();
        float[] last = m.predict(steps(x, 3, 6), B).values();
        assertArrayEquals(whole, last, 1e-5f);
        assertTrue(java.util.Arrays.mismatch(first, last) >= 0);
        m.resetStates();
        assertArrayEquals(first, m.predict(steps(x, 0, 3), B).values(), 1e-6f);
      }
    }
  }

  @Test
  void aBatchOfAnotherSizeFailsInOneLine() {
    try (Sequential m = new Sequential("s", 3, F).add(LSTM.builder(2).stateful(true)
        .name("keeper").build())) {
      m.predict(uniform(82, 1, B, 3, F), B);
      var e = assertThrows(IllegalArgumentException.class, () -> m.predict(
          uniform(83, 1, 2, 3, F), 2));
      assertTrue(e.getMessage().startsWith("stateful layer keeper keeps the states of batches"
          + " of 3 samples; a batch of 2 does not fit") && !e.getMessage().contains("\n"),
          e.getMessage());
      m.resetStates();
      assertEquals(2 * 2, m.predict(uniform(83, 1, 2, 3, F), 2).values().length);
    }
  }

  @Test
  void aStatefulModelTrainsSavesAndReloads(@TempDir Path tmp) throws Exception {
    FloatArray x = uniform(84, 1, 12, 3, F);
    FloatArray y = uniform(85, 1, 12, 1);
    Path file = tmp.resolve("stateful.keras");
    float[] before;
    try (Sequential m = new Sequential("s", 3, F).add(GRU.builder(4).stateful(true).build())
        .add(new Dense(1))) {
      m.compile(new Adam(0.01), new MeanSquaredError());
      var h = m.fit(x, y, FitOptions.defaults().batchSize(B).epochs(4).shuffle(false)
          .verbose(false));
      List<Double> loss = h.history().get("loss");
      assertTrue(loss.get(loss.size() - 1) < loss.get(0), loss.toString());
      m.resetStates();
      before = m.predict(x, B).values();
      KerasFile.save(m, file);
    }
    try (var back = KerasFile.load(file)) {
      assertEquals(Boolean.TRUE, back.layers().get(back.layers().size() - 2).getConfig()
          .get("stateful"));
      assertArrayEquals(before, back.predict(x, B).values(), 1e-6f);
      back.resetStates();
      back.save(tmp.resolve("saved"));
    }
    assertTrue(java.nio.file.Files.exists(tmp.resolve("saved").resolve("saved_model.pb")));
  }
}
