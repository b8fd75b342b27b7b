package dev.tfjlabs.labs;

import dev.tfjlabs.data.FashionMnist;
import dev.tfjlabs.data.FloatArray;
import dev.tfjlabs.data.ImageDataset;
import dev.tfjlabs.data.Mnist;
import dev.tfjlabs.data.TrainTest;
import dev.tfjlabs.keras.backend.Backend;
import dev.tfjlabs.keras.callbacks.CSVLogger;
import dev.tfjlabs.keras.callbacks.History;
import dev.tfjlabs.keras.layers.Activation;
import dev.tfjlabs.keras.layers.Dense;
import dev.tfjlabs.keras.layers.rnn.Bidirectional;
import dev.tfjlabs.keras.layers.rnn.LSTM;
import dev.tfjlabs.keras.losses.SparseCategoricalCrossentropy;
import dev.tfjlabs.keras.models.FitOptions;
import dev.tfjlabs.keras.models.Sequential;
import dev.tfjlabs.keras.optimizers.Adam;
import dev.tfjlabs.reports.Json;
import dev.tfjlabs.reports.Machine;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Lab 1, {@code 000_e4d68afbda30d736.txt}: LSTM against bidirectional LSTM on Fashion-MNIST
 * (Keras). Each 28x28 image is 28 time steps of 28 features; "Basic-RNN" is LSTM(16) ->
 * Dense(10, softmax), "Bidirectional-RNN" Bidirectional(LSTM(16)) -> Dense(10, softmax); both
 * Adam and sparse categorical cross-entropy, batch 32, validated on the test set, 50 and 30
 * epochs. The notebook's exercises sweep the batch size and the number of epochs.
 */
@Command(name = FashionBiLstmLab.ID, mixinStandardHelpOptions = true,
    description = "Lab 1: LSTM vs Bidirectional LSTM on Fashion-MNIST (the default lab).")
public final class FashionBiLstmLab implements Callable<Integer> {
  public static final String ID = "fashion-bilstm";
  static final String NOTEBOOK = "000_e4d68afbda30d736.txt";
  static final int UNITS = 16;
  static final int BATCH_SIZE = 32;
  static final int BASIC_EPOCHS = 50;
  static final int BI_EPOCHS = 30;
  /** The notebook's best val_accuracy of Basic-RNN (batch 32, 50 epochs). */
  static final double NOTEBOOK_BASIC_BEST = 0.88;

  @Mixin LabOptions options;

  @Option(names = "--dataset", defaultValue = "fashion",
      description = "fashion (default) or mnist, the notebook's commented alternative.")
  String dataset;

  @Option(names = "--model", defaultValue = "both", description = "basic, bi or both (default).")
  String model;

  @Option(names = "--sweep-batch", split = ",", paramLabel = "B1,B2,...",
      description = "Exercise 1: train Basic-RNN once per batch size, e.g. 32,128,512,1024.")
  List<Integer> sweepBatch;

  @Option(names = "--sweep-epochs", split = ",", paramLabel = "E1,E2,...",
      description = "Exercise 2: train Basic-RNN once per epoch count, e.g. 30,100,200.")
  List<Integer> sweepEpochs;

  /** How many test images' predictions results.json records, for consumers to check against. */
  static final int RECORDED_PREDICTIONS = 3;

  /** One trained model's figures and its predictions for the first test images. */
  record Outcome(String name, String slug, long params, int batchSize, History history,
      float[] firstTestPredictions) {}

  @Override
  public Integer call() {
    options.validate();
    if (!List.of("basic", "bi", "both").contains(model)) {
      throw new IllegalArgumentException("--model must be basic, bi or both, got '" + model + "'");
    }
    if (!List.of("fashion", "mnist").contains(dataset)) {
      throw new IllegalArgumentException("--dataset must be fashion or mnist, got '" + dataset + "'");
    }
    System.out.println("Device: " + Backend.device());

    // Load: pixels / 255, rows as time steps
    TrainTest<ImageDataset> data = dataset.equals("fashion")
        ? FashionMnist.load(options.dataFiles()) : Mnist.load(options.dataFiles());
    ImageDataset train = data.train().limit(options.limitOr(data.train().count()));
    FloatArray xTrain = train.images();
    FloatArray yTrain = train.labelArray();
    FloatArray xTest = data.test().images();
    FloatArray yTest = data.test().labelArray();
    System.out.printf("x_train %s, x_test %s%n", xTrain, xTest);

    Path reports = options.reportDir(ID);
    if (sweepBatch != null || sweepEpochs != null) {
      new Sweeps(this, reports).run(xTrain, yTrain, xTest, yTest);
      return 0;
    }

    List<Outcome> outcomes = new ArrayList<>();
    if (!model.equals("bi")) {
      outcomes.add(train(basicRnn(), "basic-rnn", options.epochsOr(BASIC_EPOCHS),
          options.batchSizeOr(BATCH_SIZE), xTrain, yTrain, xTest, yTest, true));
    }
    if (!model.equals("basic")) {
      outcomes.add(train(bidirectionalRnn(), "bidirectional-rnn", options.epochsOr(BI_EPOCHS),
          options.batchSizeOr(BATCH_SIZE), xTrain, yTrain, xTest, yTest, true));
    }

    // Analysis: the notebook's two semilogy plots and its max(val_accuracy)
    for (Outcome o : outcomes) {
      System.out.printf("%s: max val_accuracy %.4f (notebook: %s)%n", o.name(),
          o.history().max("val_accuracy"), o.slug().equals("basic-rnn")
              ? String.format("%.2f", NOTEBOOK_BASIC_BEST) : "not recorded");
    }
    Map<String, History> histories = new LinkedHashMap<>();
    outcomes.forEach(o -> histories.put(o.slug(), o.history()));
    FashionBiLstmReport.drawHistories(reports, histories);
    Json.write(reports.resolve("results.json"), results(outcomes));
    System.out.println("Reports written to " + reports);
    return 0;
  }

  Sequential basicRnn() {
    return new Sequential("Basic-RNN", options.seed(), 28, 28)
        .add(new LSTM(UNITS))
        .add(new Dense(10, Activation.SOFTMAX));
  }

  Sequential bidirectionalRnn() {
    return new Sequential("Bidirectional-RNN", options.seed(), 28, 28)
        .add(new Bidirectional(new LSTM(UNITS)))
        .add(new Dense(10, Activation.SOFTMAX));
  }

  /** Compiles, fits and (when {@code keep}) saves one model with its history CSV. */
  Outcome train(Sequential m, String slug, int epochs, int batchSize, FloatArray xTrain,
      FloatArray yTrain, FloatArray xTest, FloatArray yTest, boolean keep) {
    try (m) {
      System.out.print(m.summary());
      m.compile(new Adam(), new SparseCategoricalCrossentropy(), "accuracy");
      FitOptions fit = FitOptions.defaults().batchSize(batchSize).epochs(epochs)
          .validationData(xTest, yTest).seed(options.seed());
      if (keep) {
        fit.callbacks(new CSVLogger(options.reportDir(ID).resolve(slug + "-history.csv")));
      }
      History h = m.fit(xTrain, yTrain, fit);
      if (h.stopReason() != null) {
        throw new TrainingDiverged(m.name(), h.stopReason());
      }
      if (keep) {
        Path dir = options.modelDir(ID, slug);
        m.save(dir, Map.of("model.json", description(m).toJson()));
        System.out.println("Saved " + m.name() + " to " + dir);
      }
      float[] first = m.predict(xTest.slice(0, RECORDED_PREDICTIONS), BATCH_SIZE).values();
      return new Outcome(m.name(), slug, m.countParams(), batchSize, h, first);
    }
  }

  ModelDescription description(Sequential m) {
    boolean fashion = dataset.equals("fashion");
    List<String> classes = fashion ? FashionMnist.CLASS_NAMES
        : List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    return ModelDescription.of(ID, m, fashion ? FashionMnist.DATASET : Mnist.DATASET,
        "probabilities", "grayscale 28x28 image, pixel values divided by 255, the 28 rows as 28"
            + " time steps of 28 features", 1 / 255.0, classes);
  }

  private Map<String, Object> results(List<Outcome> outcomes) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("lab", ID);
    r.put("notebook", NOTEBOOK);
    r.put("dataset", dataset.equals("fashion") ? FashionMnist.DATASET : Mnist.DATASET);
    r.put("device", Backend.device());
    r.put("machine", Machine.describe());
    r.put("seed", options.seed());
    r.put("limit", options.limit());
    r.put("finished", Instant.now().toString());
    List<Map<String, Object>> models = new ArrayList<>();
    for (Outcome o : outcomes) {
      Map<String, Object> entry = LabResults.of(o.name(), o.params(), o.batchSize(), o.history(),
          "val_accuracy", true, o.slug() + "-history.csv");
      entry.put("notebook_best_val_accuracy",
          o.slug().equals("basic-rnn") ? NOTEBOOK_BASIC_BEST : null);
      entry.put("model_dir", options.modelDir(ID, o.slug()).toString());
      entry.put("first_test_predictions", o.firstTestPredictions());
      models.add(entry);
    }
    r.put("models", models);
    return r;
  }

  LabOptions options() {
    return options;
  }
}
