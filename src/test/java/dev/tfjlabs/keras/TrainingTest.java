package dev.tfjlabs.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tfjlabs.keras.callbacks.CSVLogger;
import dev.tfjlabs.keras.callbacks.EarlyStopping;
import dev.tfjlabs.keras.callbacks.History;
import dev.tfjlabs.keras.callbacks.ModelCheckpoint;
import dev.tfjlabs.keras.data.FloatArray;
import dev.tfjlabs.keras.layers.Activation;
import dev.tfjlabs.keras.layers.Dense;
import dev.tfjlabs.keras.layers.Dropout;
import dev.tfjlabs.keras.layers.rnn.LSTM;
import dev.tfjlabs.keras.losses.BinaryCrossentropy;
import dev.tfjlabs.keras.losses.CategoricalCrossentropy;
import dev.tfjlabs.keras.losses.MeanSquaredError;
import dev.tfjlabs.keras.losses.SparseCategoricalCrossentropy;
import dev.tfjlabs.keras.metrics.Accuracy;
import dev.tfjlabs.keras.models.FitOptions;
import dev.tfjlabs.keras.models.Sequential;
import dev.tfjlabs.keras.models.TrainingDiverged;
import dev.tfjlabs.keras.optimizers.Adam;
import dev.tfjlabs.keras.optimizers.SGD;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fit, callbacks, NaN handling, determinism and SavedModel export, end to end. */
class TrainingTest {
  @TempDir Path tmp;

  /** Two Gaussian blobs at (-1, -1) and (1, 1), labels 0 and 1. */
  private static FloatArray[] blobs(int n, long seed) {
    Random r = new Random(seed);
    float[] x = new float[2 * n];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 2;
      float c = y[i] == 0 ? -1 : 1;
      x[2 * i] = (float) (c + 0.5 * r.nextGaussian());
      x[2 * i + 1] = (float) (c + 0.5 * r.nextGaussian());
    }
    return new FloatArray[] {new FloatArray(x, n, 2), FloatArray.of(y)};
  }

  private static Sequential classifier(long seed) {
    return new Sequential("blobs", 2).seed(seed).add(new Dense(8, Activation.RELU))
        .add(new Dropout(0.2)).add(new Dense(2, Activation.SOFTMAX));
  }

  @Test
  void tinyModelLearns() {
    FloatArray[] d = blobs(400, 1);
    try (Sequential m = classifier(1)) {
      m.compile(new Adam(0.01), new SparseCategoricalCrossentropy(), "accuracy");
      History h = m.fit(d[0], d[1], FitOptions.defaults().epochs(15).validationSplit(0.25)
          .verbose(false));
      assertEquals(15, h.epochs());
      assertTrue(h.last("loss") < 0.2, "loss " + h.get("loss"));
      assertTrue(h.last("val_accuracy") > 0.95, "val_accuracy " + h.get("val_accuracy"));
      Map<String, Double> eval = m.evaluate(d[0], d[1], 32);
      assertTrue(eval.get("accuracy") > 0.95);
    }
  }

  @Test
  void sameSeedSameWeightsAndHistory() {
    FloatArray[] d = blobs(200, 2);
    List<List<Double>> losses = new ArrayList<>();
    List<List<float[]>> weights = new ArrayList<>();
    for (int run = 0; run < 2; run++) {
      try (Sequential m = classifier(7)) {
        m.compile(new Adam(), new SparseCategoricalCrossentropy(), "accuracy");
        History h = m.fit(d[0], d[1], FitOptions.defaults().epochs(3).seed(11).verbose(false));
        losses.add(h.get("loss"));
        weights.add(m.getWeights());
      }
    }
    assertEquals(losses.get(0), losses.get(1));
    for (int i = 0; i < weights.get(0).size(); i++) {
      assertArrayEquals(weights.get(0).get(i), weights.get(1).get(i));
    }
  }

  @Test
  void validationSplitTakesTheLastFractionBeforeShuffling() {
    // targets 0 for the first 80 samples and 1 for the last 20: a model that predicts 0 for
    // every input has val_loss exactly 1 (MSE), whatever the shuffling of the first 80
    float[] y = new float[100];
    for (int i = 80; i < 100; i++) {
      y[i] = 1;
    }
    try (Sequential m = new Sequential("zero", 1).add(new Dense(1))) {
      m.compile(new SGD(1e-9), new MeanSquaredError());
      m.setWeights(List.of(new float[] {0}, new float[] {0}));
      History h = m.fit(new FloatArray(new float[100], 100, 1), FloatArray.of(y),
          FitOptions.defaults().validationSplit(0.2).verbose(false));
      assertEquals(1.0, h.last("val_loss"), 1e-6);
      assertEquals(0.0, h.last("loss"), 1e-6);
    }
  }

  @Test
  void validationInUnevenBatchesIsTheMeanOverAllSamples() {
    // a model that predicts 0 against targets 1..10: MSE 385 / 10 = 38.5 over all samples; the
    // mean of the means of batches of 3, 3, 3 and 1 would be 48.75
    float[] y = new float[10];
    for (int i = 0; i < 10; i++) {
      y[i] = i + 1;
    }
    try (Sequential m = new Sequential("zero", 1).add(new Dense(1))) {
      m.compile(new SGD(1e-9), new MeanSquaredError());
      m.setWeights(List.of(new float[] {0}, new float[] {0}));
      History h = m.fit(new FloatArray(new float[4], 4, 1), FloatArray.of(new float[4]),
          FitOptions.defaults().validationData(new FloatArray(new float[10], 10, 1),
              FloatArray.of(y)).validationBatchSize(3).verbose(false));
      assertEquals(38.5, h.last("val_loss"), 1e-5);
    }
    assertThrows(IllegalArgumentException.class,
        () -> FitOptions.defaults().validationBatchSize(0));
  }

  @Test
  void earlyStoppingOnScriptedLossRestoresBestWeights() {
    try (Sequential m = new Sequential("m", 1).add(new Dense(1))) {
      EarlyStopping es = new EarlyStopping().patience(2).restoreBestWeights(true);
      assertEquals(3, runScripted(m, es, new double[] {1.0, 0.8, 0.9, 0.85, 0.7}),
          "patience 2 after the best epoch 1");
      assertEquals(3, es.stoppedEpoch());
      assertEquals(1, es.bestEpoch());
      assertEquals(1f, m.getWeights().get(0)[0], "weights of the best epoch restored");
    }
  }

  @Test
  void earlyStoppingRestoresBestWeightsAlsoWhenTrainingRunsToTheEnd() {
    // Keras 3: restore_best_weights acts at on_train_end, stopped early or not
    try (Sequential m = new Sequential("m", 1).add(new Dense(1))) {
      EarlyStopping es = new EarlyStopping().patience(5).restoreBestWeights(true);
      assertEquals(-1, runScripted(m, es, new double[] {1.0, 0.6, 0.9}));
      assertEquals(0, es.stoppedEpoch(), "did not stop early");
      assertEquals(1f, m.getWeights().get(0)[0], "weights of epoch 2 (index 1) restored");
    }
    try (Sequential m = new Sequential("m", 1).add(new Dense(1))) {
      EarlyStopping es = new EarlyStopping().patience(5);
      runScripted(m, es, new double[] {1.0, 0.6, 0.9});
      assertEquals(2f, m.getWeights().get(0)[0], "without restore the last weights stay");
    }
  }

  @Test
  void earlyStoppingDefaultsAreKeras() {
    try (Sequential m = new Sequential("m", 1).add(new Dense(1))) {
      // monitor val_loss, patience 0: stops at the first epoch that does not improve
      EarlyStopping es = new EarlyStopping();
      assertEquals(2, runScripted(m, es, new double[] {1.0, 0.9, 0.95, 0.5}));
    }
    try (Sequential m = new Sequential("m", 1).add(new Dense(1))) {
      // baseline: improvements that do not beat it leave the wait growing
      EarlyStopping es = new EarlyStopping().patience(2).baseline(0.5);
      assertEquals(3, runScripted(m, es, new double[] {1.0, 0.9, 0.8, 0.85}));
    }
    try (Sequential m = new Sequential("m", 1).add(new Dense(1))) {
      EarlyStopping es = new EarlyStopping().patience(2);
      assertEquals(-1, runScripted(m, es, new double[] {1.0, 0.9, 0.8, 0.85}));
    }
  }

  /**
   * Plays {@code valLoss} through the callback as epochs, with weight {@code epoch} after each;
   * returns the 0-based epoch at which it asked to stop, or -1; then ends training.
   */
  private static int runScripted(Sequential m, EarlyStopping es, double[] valLoss) {
    es.setModel(m);
    m.stopTraining(false);
    es.onTrainBegin();
    int stoppedAt = -1;
    for (int e = 0; e < valLoss.length && stoppedAt < 0; e++) {
      m.setWeights(List.of(new float[] {e}, new float[] {0}));
      es.onEpochEnd(e, Map.of("val_loss", valLoss[e]));
      if (m.isStopTraining()) {
        stoppedAt = e;
      }
    }
    es.onTrainEnd();
    return stoppedAt;
  }

  @Test
  void layerWeightsInKerasOrder() {
    try (Sequential m = new Sequential("w", 3, 2).add(new LSTM(4)).add(new Dense(1))) {
      List<float[]> lstm = m.getLayerWeights(0);
      assertEquals(List.of(2 * 16, 4 * 16, 16), lstm.stream().map(a -> a.length).toList(),
          "kernel, recurrent_kernel, bias");
      // unit_forget_bias: the forget gate's quarter of the bias starts at 1
      assertArrayEquals(new float[] {0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0}, lstm.get(2));
      m.setLayerWeights(1, List.of(new float[] {1, 2, 3, 4}, new float[] {5}));
      assertArrayEquals(new float[] {1, 2, 3, 4}, m.getWeights().get(3));
      assertArrayEquals(lstm.get(0), m.getWeights().get(0), "other layers untouched");
    }
  }

  @Test
  void accuracyResolvesAsKerasDoes() {
    assertEquals(Accuracy.Kind.SPARSE_CATEGORICAL,
        Accuracy.resolve(new SparseCategoricalCrossentropy(), 10).kind());
    assertEquals(Accuracy.Kind.CATEGORICAL,
        Accuracy.resolve(new CategoricalCrossentropy(), 10).kind());
    assertEquals(Accuracy.Kind.BINARY, Accuracy.resolve(new BinaryCrossentropy(), 1).kind());
    assertEquals(Accuracy.Kind.BINARY, Accuracy.resolve(new MeanSquaredError(), 1).kind());
  }

  @Test
  void earlyStoppingMinDeltaAndAccuracyMode() {
    try (Sequential m = new Sequential("m", 1).add(new Dense(1))) {
      EarlyStopping es = new EarlyStopping("val_accuracy").minDelta(0.01).patience(1);
      es.setModel(m);
      es.onTrainBegin();
      es.onEpochEnd(0, Map.of("val_accuracy", 0.80));
      assertFalse(m.isStopTraining());
      es.onEpochEnd(1, Map.of("val_accuracy", 0.805));
      assertTrue(m.isStopTraining(), "an improvement below min_delta does not count");
    }
  }

  @Test
  void modelCheckpointSavesOnlyImprovements() throws Exception {
    try (Sequential m = new Sequential("m", 1).add(new Dense(1))) {
      ModelCheckpoint cp = new ModelCheckpoint(tmp.resolve("ckpt-{epoch}")).monitor("val_accuracy")
          .saveBestOnly(true);
      cp.setModel(m);
      cp.onTrainBegin();
      double[] acc = {0.5, 0.7, 0.6, 0.8};
      for (int e = 0; e < acc.length; e++) {
        m.setWeights(List.of(new float[] {e + 1}, new float[] {0}));
        cp.onEpochEnd(e, Map.of("val_accuracy", acc[e]));
      }
      assertTrue(Files.exists(tmp.resolve("ckpt-01/saved_model.pb")));
      assertTrue(Files.exists(tmp.resolve("ckpt-02/saved_model.pb")));
      assertFalse(Files.exists(tmp.resolve("ckpt-03")));
      assertEquals(List.of("4.0"), SavedModelPredictMain.runInNewJvm(tmp.resolve("ckpt-04"), "1,1", "1"));
    }
  }

  @Test
  void nanLossStopsTrainingNamingEpochAndStep() {
    FloatArray[] d = blobs(64, 3);
    try (Sequential m = new Sequential("diverge", 2).add(new Dense(1))) {
      m.compile(new SGD(1e20), new MeanSquaredError());
      TrainingDiverged e = assertThrows(TrainingDiverged.class, () -> m.fit(d[0],
          FloatArray.of(new float[64]).reshape(64),
          FitOptions.defaults().epochs(5).batchSize(8).verbose(false)));
      assertTrue(e.getMessage().startsWith("diverge: Epoch 1, step "), e.getMessage());
      assertTrue(e.getMessage().contains("learning rate"), e.getMessage());
      assertEquals(0, e.history().epochs(), "no epoch completed");
    }
  }

  @Test
  void batchLevelApiIsOneHandComputedSgdStep() {
    // y = w x + b, MSE, SGD(lr): grad_w = 2/n sum((w x + b - y) x), grad_b = 2/n sum(w x + b - y)
    float[] xs = {1, 2, -1, 0.5f};
    float[] ys = {2, 3, 0, 1};
    double w = 0.5;
    double b = -0.25;
    double lr = 0.1;
    double loss = 0;
    double gw = 0;
    double gb = 0;
    for (int i = 0; i < 4; i++) {
      double err = w * xs[i] + b - ys[i];
      loss += err * err / 4;
      gw += 2 * err * xs[i] / 4;
      gb += 2 * err / 4;
    }
    double w1 = w - lr * gw;
    double b1 = b - lr * gb;
    double loss1 = 0;
    for (int i = 0; i < 4; i++) {
      double err = w1 * xs[i] + b1 - ys[i];
      loss1 += err * err / 4;
    }
    FloatArray x = new FloatArray(xs, 4, 1);
    FloatArray y = new FloatArray(ys, 4, 1);
    try (Sequential m = new Sequential("linear", 1).add(new Dense(1))) {
      m.compile(new SGD(lr), new MeanSquaredError());
      m.setWeights(List.of(new float[] {(float) w}, new float[] {(float) b}));
      assertEquals(loss, m.trainOnBatch(x, y).get("loss"), 1e-6, "loss before the update");
      assertEquals(w1, m.getWeights().get(0)[0], 1e-6);
      assertEquals(b1, m.getWeights().get(1)[0], 1e-6);
      assertEquals(loss1, m.testOnBatch(x, y).get("loss"), 1e-6);
      assertEquals(w1 * 2 + b1, m.predictOnBatch(x).values()[1], 1e-6);
    }
  }

  @Test
  void theSeedIsANamedSettingFixedBeforeTheModelRuns() {
    try (Sequential a = new Sequential("a", 3).seed(7).add(new Dense(2));
        Sequential b = new Sequential("b", 3).seed(7).add(new Dense(2));
        Sequential c = new Sequential("c", 3).add(new Dense(2))) {
      assertArrayEquals(a.getWeights().get(0), b.getWeights().get(0));
      assertFalse(java.util.Arrays.equals(a.getWeights().get(0), c.getWeights().get(0)));
      assertThrows(IllegalStateException.class, () -> a.seed(8));
      assertEquals(3, c.inputShape()[0], "7 in new Sequential(name, 7, ...) is a shape");
    }
  }

  @Test
  void aMethodNeedingCompileSaysSo() {
    try (Sequential m = new Sequential("m", 1).add(new Dense(1))) {
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> m.trainOnBatch(FloatArray.of(1f).reshape(1, 1), FloatArray.of(1f)));
      assertTrue(e.getMessage().startsWith("You must call compile()"), e.getMessage());
    }
  }

  @Test
  void csvLoggerWritesKerasColumns() throws IOException {
    FloatArray[] d = blobs(64, 4);
    Path csv = tmp.resolve("history.csv");
    try (Sequential m = classifier(3)) {
      m.compile(new Adam(), new SparseCategoricalCrossentropy(), "accuracy");
      m.fit(d[0], d[1], FitOptions.defaults().epochs(2).validationSplit(0.25)
          .callbacks(new CSVLogger(csv)).verbose(false));
    }
    List<String> lines = Files.readAllLines(csv);
    assertFalse(Files.exists(tmp.resolve("history.csv.partial")));
    assertEquals("epoch,accuracy,loss,val_accuracy,val_loss", lines.get(0));
    assertEquals(3, lines.size());
    assertTrue(lines.get(2).startsWith("1,"));
  }

  @Test
  void anInterruptedRunLeavesTheFinishedHistoryInPlace() throws IOException {
    Path csv = Files.writeString(tmp.resolve("h.csv"), "epoch,loss\n0,1.0\n1,0.5\n");
    try (Sequential m = new Sequential("m", 1).add(new Dense(1))) {
      CSVLogger logger = new CSVLogger(csv);
      logger.setModel(m);
      logger.onTrainBegin();
      logger.onEpochEnd(0, Map.of("loss", 3.0));
      // the run dies here: no onTrainEnd
    }
    assertEquals("epoch,loss\n0,1.0\n1,0.5\n", Files.readString(csv));
    assertEquals("epoch,loss\n0,3.0\n", Files.readString(tmp.resolve("h.csv.partial")));
  }

  @Test
  void savedModelGivesTheSamePredictionsInAnotherJvm() throws Exception {
    Random r = new Random(5);
    float[] xs = new float[2 * 3 * 4];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = (float) r.nextGaussian();
    }
    FloatArray x = new FloatArray(xs, 2, 3, 4);
    try (Sequential m = new Sequential("seq", 3, 4).add(new LSTM(5))
        .add(new Dense(3, Activation.SOFTMAX))) {
      m.compile(new Adam(), new SparseCategoricalCrossentropy(), "accuracy");
      m.fit(x, FloatArray.of(0, 2), FitOptions.defaults().epochs(2).verbose(false));
      Path dir = tmp.resolve("model");
      m.save(dir);
      float[] expected = m.predict(x, 32).values();
      String values = java.util.stream.IntStream.range(0, xs.length)
          .mapToObj(i -> Float.toString(xs[i])).collect(Collectors.joining(","));
      List<String> got = SavedModelPredictMain.runInNewJvm(dir, "2,3,4", values);
      assertEquals(expected.length, got.size());
      for (int i = 0; i < expected.length; i++) {
        assertEquals(expected[i], Float.parseFloat(got.get(i)), 1e-6);
      }
    }
  }
}
