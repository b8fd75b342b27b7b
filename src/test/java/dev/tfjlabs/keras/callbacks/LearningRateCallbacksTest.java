package dev.tfjlabs.keras.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tfjlabs.keras.data.FloatArray;
import dev.tfjlabs.keras.layers.Dense;
import dev.tfjlabs.keras.losses.MeanSquaredError;
import dev.tfjlabs.keras.models.FitOptions;
import dev.tfjlabs.keras.models.Sequential;
import dev.tfjlabs.keras.optimizers.SGD;
import dev.tfjlabs.keras.optimizers.schedules.ExponentialDecay;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code ReduceLROnPlateau} and {@code LearningRateScheduler} (Keras 3's
 * {@code keras/src/callbacks/reduce_lr_on_plateau.py}, {@code learning_rate_scheduler.py}):
 * the rates they set against Keras's rules traced by hand, and the training steps taken at
 * those rates against plain-Java gradient descent.
 */
class LearningRateCallbacksTest {
  private static final float[][] X = {{0.5f, -1.0f}, {1.5f, 0.25f}, {-0.75f, 2.0f}};
  private static final float[] Y = {1.0f, -0.5f, 0.25f};

  private static Sequential linear(double learningRate) {
    Sequential m = new Sequential("linear", 2).add(new Dense(1));
    m.compile(new SGD(learningRate), new MeanSquaredError());
    m.setWeights(List.of(new float[] {0.3f, -0.2f}, new float[] {0.1f}));
    return m;
  }

  /**
   * patience 2, factor 0.5, cooldown 1, min_lr 0.3, min_delta 0 on a scripted val_loss: Keras's
   * rule, traced by hand, reduces at the 4th and 6th epochs and then stops at min_lr.
   */
  @Test
  void reduceLrOnPlateauFollowsKerassRule() {
    double[] valLoss = {1.0, 0.9, 0.95, 0.96, 0.97, 0.98, 0.99, 1.0, 0.5};
    double[] rateAfter = {1.0, 1.0, 1.0, 0.5, 0.5, 0.3, 0.3, 0.3, 0.3};
    double[] logged = {1.0, 1.0, 1.0, 1.0, 0.5, 0.5, 0.3, 0.3, 0.3};
    try (Sequential m = linear(1.0)) {
      ReduceLROnPlateau c = new ReduceLROnPlateau().patience(2).factor(0.5).cooldown(1)
          .minLr(0.3).minDelta(0);
      c.setModel(m);
      c.onTrainBegin();
      for (int e = 0; e < valLoss.length; e++) {
        Map<String, Double> logs = new LinkedHashMap<>(Map.of("val_loss", valLoss[e]));
        c.onEpochEnd(e, logs);
        assertEquals(rateAfter[e], m.optimizer().learningRate(), 1e-6, "epoch " + e);
        assertEquals(logged[e], logs.get("learning_rate"), 1e-6, "epoch " + e + "'s log");
      }
      assertEquals(0.3, ((Number) m.optimizer().getConfig().get("learning_rate")).doubleValue(),
          1e-6);
    }
    assertThrows(IllegalArgumentException.class, () -> new ReduceLROnPlateau().factor(1.0));
  }

  /** Halving the rate after the first epoch: the steps are plain gradient descent at 0.1, 0.05, 0.025. */
  @Test
  void learningRateSchedulerSetsTheRateOfEachEpoch() {
    double[] p = {0.3, -0.2, 0.1};
    double[] rates = {0.1, 0.05, 0.025};
    for (double rate : rates) {
      double[] g = new double[3];
      for (int n = 0; n < 3; n++) {
        double d = 2 * (X[n][0] * p[0] + X[n][1] * p[1] + p[2] - Y[n]) / 3;
        g[0] += d * X[n][0];
        g[1] += d * X[n][1];
        g[2] += d;
      }
      for (int i = 0; i < 3; i++) {
        p[i] -= rate * g[i];
      }
    }
    try (Sequential m = linear(0.1)) {
      var h = m.fit(new FloatArray(new float[] {X[0][0], X[0][1], X[1][0], X[1][1], X[2][0],
          X[2][1]}, 3, 2), FloatArray.of(Y.clone()), FitOptions.defaults().batchSize(3).epochs(3)
          .shuffle(false).verbose(false).callbacks(new LearningRateScheduler(
              (epoch, lr) -> epoch == 0 ? lr : lr / 2)));
      List<float[]> w = m.getWeights();
      assertEquals(p[0], w.get(0)[0], 1e-6);
      assertEquals(p[1], w.get(0)[1], 1e-6);
      assertEquals(p[2], w.get(1)[0], 1e-6);
      List<Double> logged = h.history().get("learning_rate");
      for (int e = 0; e < 3; e++) {
        assertEquals(rates[e], logged.get(e), 1e-7);
      }
    }
  }

  /** A scheduled learning rate cannot be set, as in Keras. */
  @Test
  void aScheduleCannotBeSet() {
    SGD sgd = new SGD(0.1);
    sgd.learningRateSchedule(new ExponentialDecay(0.1, 10, 0.9, false));
    assertThrows(IllegalStateException.class, () -> sgd.setLearningRate(0.01));
  }

  /** LambdaCallback calls its functions in fit's order with fit's epochs, batches and logs. */
  @Test
  void lambdaCallbackCallsItsFunctions() {
    List<String> calls = new java.util.ArrayList<>();
    try (Sequential m = linear(0.1)) {
      m.fit(new FloatArray(new float[] {X[0][0], X[0][1], X[1][0], X[1][1], X[2][0], X[2][1]},
          3, 2), FloatArray.of(Y.clone()), FitOptions.defaults().batchSize(2).epochs(2)
          .shuffle(false).verbose(false).callbacks(new LambdaCallback()
              .onTrainBegin(() -> calls.add("begin"))
              .onEpochBegin(e -> calls.add("epoch " + e))
              .onBatchEnd((e, b, logs) -> calls.add("batch " + e + "." + b))
              .onEpochEnd((e, logs) -> calls.add("end " + e + " " + logs.containsKey("loss")))
              .onTrainEnd(() -> calls.add("done"))));
    }
    assertEquals(List.of("begin", "epoch 0", "batch 0.0", "batch 0.1", "end 0 true", "epoch 1",
        "batch 1.0", "batch 1.1", "end 1 true", "done"), calls);
  }

  /**
   * BackupAndRestore: a fit killed after its second epoch, restarted on a fresh model, restores
   * the backup (weights, Adam's state, the learning rate a scheduler set) and ends where the
   * uninterrupted fit ends; the completed fit deletes the backup.
   */
  @Test
  void aKilledFitResumesFromItsBackup(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) {
    java.nio.file.Path backup = tmp.resolve("backup");
    FloatArray x = new FloatArray(new float[] {X[0][0], X[0][1], X[1][0], X[1][1], X[2][0],
        X[2][1]}, 3, 2);
    FloatArray y = FloatArray.of(Y.clone());
    java.util.function.Supplier<FitOptions> options = () -> FitOptions.defaults().batchSize(1)
        .epochs(4).verbose(false);
    java.util.function.Supplier<LearningRateScheduler> halving = () -> new LearningRateScheduler(
        (epoch, lr) -> epoch == 0 ? lr : lr / 2);
    List<float[]> straight;
    try (Sequential m = adam()) {
      m.fit(x, y, options.get().callbacks(halving.get()));
      straight = m.getWeights();
    }
    try (Sequential m = adam()) {
      var e = assertThrows(IllegalStateException.class, () -> m.fit(x, y, options.get()
          .callbacks(halving.get(), new BackupAndRestore(backup), new LambdaCallback()
              .onEpochEnd((epoch, logs) -> {
                if (epoch == 1) {
                  throw new IllegalStateException("killed");
                }
              }))));
      assertEquals("killed", e.getMessage());
    }
    org.junit.jupiter.api.Assertions.assertTrue(java.nio.file.Files.exists(backup.resolve(
        BackupAndRestore.FILE)));
    try (Sequential m = adam()) {
      var h = m.fit(x, y, options.get().callbacks(halving.get(), new BackupAndRestore(backup)));
      assertEquals(2, h.history().get("loss").size());
      List<float[]> resumed = m.getWeights();
      for (int i = 0; i < straight.size(); i++) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(straight.get(i), resumed.get(i),
            1e-6f);
      }
    }
    org.junit.jupiter.api.Assertions.assertFalse(java.nio.file.Files.exists(backup));
  }

  private static Sequential adam() {
    Sequential m = new Sequential("linear", 2).add(new Dense(1));
    m.compile(new dev.tfjlabs.keras.optimizers.Adam(0.1), new MeanSquaredError());
    m.setWeights(List.of(new float[] {0.3f, -0.2f}, new float[] {0.1f}));
    return m;
  }
}
