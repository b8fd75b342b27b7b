package dev.tfjlabs.labs;

import dev.tfjlabs.data.MultiplicationProblem;
import dev.tfjlabs.keras.data.Batches;
import dev.tfjlabs.keras.data.FloatArray;
import dev.tfjlabs.keras.layers.Dense;
import dev.tfjlabs.keras.layers.rnn.GRU;
import dev.tfjlabs.keras.layers.rnn.LSTM;
import dev.tfjlabs.keras.layers.rnn.RNN;
import dev.tfjlabs.keras.layers.rnn.SimpleRNN;
import dev.tfjlabs.keras.losses.MeanSquaredError;
import dev.tfjlabs.keras.models.Sequential;
import dev.tfjlabs.keras.optimizers.Adam;
import dev.tfjlabs.keras.saving.ModelDescription;
import dev.tfjlabs.platform.Compile;
import dev.tfjlabs.platform.Figures;
import dev.tfjlabs.platform.LabCommand;
import dev.tfjlabs.platform.ModelChoice;
import dev.tfjlabs.platform.ModelResult;
import dev.tfjlabs.platform.ModelSpec;
import dev.tfjlabs.platform.Trainer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Lab 3, {@code 002_404ad6245ad9016c.txt}: the multiplication problem of the LSTM paper. 3,000
 * sequences of 100 (marker, value) steps; the first 2,560 are fitted with
 * {@code validation_split=0.2}, the last 440 test. Each model is {@code X(30,
 * return_sequences=True) -> X(30) -> Dense(1)} for X = SimpleRNN, LSTM, GRU, trained with Adam
 * and mean squared error for 100 epochs at batch 32. Correctness is the share of test
 * predictions within 0.04 of the target.
 */
@Command(name = MultiplicationLab.ID, mixinStandardHelpOptions = true,
    description = "Lab 3: the multiplication problem with SimpleRNN, LSTM and GRU.")
public final class MultiplicationLab extends LabCommand<MultiplicationLab.Data> {
  public static final String ID = "multiplication";
  static final String NOTEBOOK = "002_404ad6245ad9016c.txt";
  static final String TITLE = "The LSTM paper's multiplication problem: SimpleRNN, LSTM, GRU"
      + " (Keras)";
  static final String DATASET = "multiplication-problem";
  static final int SAMPLES = 3000;
  static final int FIT_SAMPLES = 2560;
  static final int UNITS = 30;
  static final int EPOCHS = 100;
  static final int BATCH_SIZE = 32;
  /** Keras's Adam default, which the notebook uses. */
  static final double LEARNING_RATE = 0.001;
  /** How many test predictions results.json records. */
  static final int RECORDED_PREDICTIONS = 5;

  @Option(names = "--model", defaultValue = "all",
      description = "simple, lstm, gru or all (default).")
  String model;

  /**
   * One of the three models, with the notebook's correctness where it reports one; {@code torch}
   * names the PyTorch layer of the training benchmark.
   */
  private record Variant(String key, String name, String slug, String torch,
      IntFunction<RNN.Builder<?, ?>> layer, Double notebookCorrectness) {
    /** Its {@code --model} key and file slug. */
    ModelChoice.Model choice() {
      return new ModelChoice.Model(key, slug);
    }
  }

  private static final List<Variant> VARIANTS = List.of(
      new Variant("simple", "SimpleRNN", "simple-rnn", "rnn", SimpleRNN::builder, 0.10),
      new Variant("lstm", "LSTM", "lstm", "lstm", LSTM::builder, 0.925),
      new Variant("gru", "GRU", "gru", "gru", GRU::builder, null));

  /** The models' names (as the summary and the charts show them) and file slugs, in order. */
  static final Map<String, String> SLUGS_BY_NAME = VARIANTS.stream().collect(
      java.util.stream.Collectors.toMap(Variant::name, Variant::slug, (a, b) -> a,
          java.util.LinkedHashMap::new));

  /** The three models by their {@code --model} keys and file slugs. */
  static final ModelChoice MODELS = new ModelChoice("--model", VARIANTS.stream()
      .map(Variant::choice).toList(), "all");

  public MultiplicationLab() {
    super(ID, TITLE, NOTEBOOK, EPOCHS, new MultiplicationReport(), MODELS);
  }

  @Override
  protected String dataset() {
    return DATASET;
  }

  @Override
  protected String chosen() {
    return model;
  }

  /** The fitted sequences (the last 20% of them validate) and the test sequences. */
  record Data(FloatArray xFit, FloatArray yFit, FloatArray xTest, FloatArray yTest) {}

  @Override
  protected Data load(Trainer trainer) {
    // (0) the data: 100 values in [0, 1), two of them marked; Y is their product
    MultiplicationProblem data = MultiplicationProblem.generate(SAMPLES,
        MultiplicationProblem.DEFAULT_STEPS, options.seed());
    printFirstSample(data);
    int fitCount = options.limitOr(FIT_SAMPLES);
    return new Data(data.x().slice(0, fitCount), data.y().slice(0, fitCount),
        data.x().slice(FIT_SAMPLES, SAMPLES), data.y().slice(FIT_SAMPLES, SAMPLES));
  }

  @Override
  protected List<ModelSpec<Data>> models() {
    // fit(validation_split=0.2) trains on the first 80% of the fitted samples
    int steps = Batches.count(FIT_SAMPLES * 4 / 5, BATCH_SIZE);
    // (1) define, (2) fit with the last 20% validating, (4) the test set
    return VARIANTS.stream().map(v -> ModelSpec.<Data>of(v.choice(), v.name())
        .build(() -> build(v)).compile(this::compile)
        .batchSize(BATCH_SIZE).epochs(EPOCHS).data(Data::xFit, Data::yFit)
        .fit((fit, data) -> fit.validationSplit(0.2)).monitor("val_loss")
        .description(MultiplicationLab::description).analysis(run -> test(v, run))
        .benchmark("mult-" + v.torch(), steps, 0, 0)).toList();
  }

  /** The test loss, the first predictions against their targets, and the correctness. */
  private ModelResult test(Variant v, ModelSpec.Run<Data> run) {
    Sequential m = run.model();
    FloatArray xTest = run.data().xTest();
    FloatArray yTest = run.data().yTest();
    double testLoss = m.evaluate(xTest, yTest, options.batchSizeOr(BATCH_SIZE)).get("loss");
    float[] predictions = m.predict(xTest, BATCH_SIZE).values();
    System.out.printf("%s test loss: %.4f%n", v.name(), testLoss);
    for (int i = 0; i < 5; i++) {
      System.out.printf("%.6f \t %.6f \tdiff: %.6f%n", yTest.values()[i], predictions[i],
          Math.abs(predictions[i] - yTest.values()[i]));
    }
    double share = Correctness.share(predictions, yTest.values(), Correctness.TOLERANCE);
    System.out.printf("%s correctness: %.1f %% (notebook: %s)%n", v.name(), 100 * share,
        v.notebookCorrectness() == null ? "not recorded"
            : String.format("%.1f %%", 100 * v.notebookCorrectness()));
    return run.result().withFigure(Figures.TEST_LOSS, testLoss)
        .withFigure(Figures.CORRECTNESS, share)
        .withNotebook(Figures.CORRECTNESS, v.notebookCorrectness())
        .withFirstTestPredictions(Arrays.copyOf(predictions, RECORDED_PREDICTIONS));
  }

  /** X(30, return_sequences=True) -> X(30) -> Dense(1). */
  private Sequential build(Variant v) {
    return new Sequential(v.name(), MultiplicationProblem.DEFAULT_STEPS, 2).seed(options.seed())
        .add(v.layer().apply(UNITS).returnSequences(true).build())
        .add(v.layer().apply(UNITS).build())
        .add(new Dense(1));
  }

  /** model.compile(loss='mse', optimizer='adam'). */
  private Compile compile() {
    return options.compile(Compile.of(new Adam(options.learningRateOr(LEARNING_RATE)), new MeanSquaredError()));
  }

  private static ModelDescription description(Sequential m) {
    return ModelDescription.of(ID, m, DATASET, "regression", "100 time steps of (marker 0 or 1,"
        + " value in [0, 1)); exactly two steps marked; the output is the product of the two"
        + " marked values", 1.0, List.of());
  }

  private static void printFirstSample(MultiplicationProblem data) {
    int[] marked = data.marked()[0];
    float[] x0 = data.x().row(0);
    System.out.println("X[0]: 100 steps of [marker, value]; the marked steps:");
    for (int t : marked) {
      System.out.printf("  step %2d: [1. %.8f]%n", t, x0[2 * t + 1]);
    }
    System.out.printf("Y[0] = %.8f * %.8f = %.8f%n", x0[2 * marked[0] + 1], x0[2 * marked[1] + 1],
        data.y().values()[0]);
  }
}
