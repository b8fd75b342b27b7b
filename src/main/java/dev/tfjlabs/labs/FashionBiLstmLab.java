package dev.tfjlabs.labs;

import dev.tfjlabs.data.FashionMnist;
import dev.tfjlabs.data.ImageDataset;
import dev.tfjlabs.data.Mnist;
import dev.tfjlabs.data.TrainTest;
import dev.tfjlabs.keras.data.Batches;
import dev.tfjlabs.keras.data.FloatArray;
import dev.tfjlabs.keras.layers.Activation;
import dev.tfjlabs.keras.layers.Dense;
import dev.tfjlabs.keras.layers.normalization.BatchNormalization;
import dev.tfjlabs.keras.layers.rnn.Bidirectional;
import dev.tfjlabs.keras.layers.rnn.LSTM;
import dev.tfjlabs.keras.losses.SparseCategoricalCrossentropy;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Lab 1, {@code 000_e4d68afbda30d736.txt}: LSTM against bidirectional LSTM on Fashion-MNIST
 * (Keras). Each 28x28 image is 28 time steps of 28 features; "Basic-RNN" is LSTM(16) ->
 * Dense(10, softmax), "Bidirectional-RNN" Bidirectional(LSTM(16)) -> Dense(10, softmax); both
 * Adam and sparse categorical cross-entropy, batch 32, validated on the test set, 50 and 30
 * epochs. The notebook's exercises retrain Basic-RNN for other batch sizes and epoch counts
 * ({@code --sweep-batch}, {@code --sweep-epochs}: aliases of {@code --model basic --sweep
 * batch-size=...} and {@code --sweep epochs=...}).
 */
@Command(name = FashionBiLstmLab.ID, mixinStandardHelpOptions = true,
    description = "Lab 1: LSTM vs Bidirectional LSTM on Fashion-MNIST (the default lab).")
public final class FashionBiLstmLab extends LabCommand<FashionBiLstmLab.Data> {
  public static final String ID = "fashion-bilstm";
  static final String NOTEBOOK = "000_e4d68afbda30d736.txt";
  static final String TITLE = "LSTM vs Bidirectional LSTM on Fashion-MNIST (Keras)";
  static final int UNITS = 16;
  static final int BATCH_SIZE = 32;
  static final int BASIC_EPOCHS = 50;
  static final int BI_EPOCHS = 30;
  /** Keras's Adam default, which the notebook uses. */
  static final double LEARNING_RATE = 0.001;
  /** The notebook's best val_accuracy of Basic-RNN (batch 32, 50 epochs). */
  static final double NOTEBOOK_BASIC_BEST = 0.88;
  /** How many test images' predictions results.json records, for consumers to check against. */
  static final int RECORDED_PREDICTIONS = 3;

  @Option(names = "--dataset", defaultValue = "fashion",
      description = "fashion (default) or mnist, the notebook's commented alternative.")
  String dataset;

  static final ModelChoice.Model BASIC = new ModelChoice.Model("basic", "basic-rnn");
  static final ModelChoice.Model BI = new ModelChoice.Model("bi", "bidirectional-rnn");
  /** Basic-RNN and Bidirectional-RNN by their {@code --model} keys and file slugs. */
  static final ModelChoice MODELS = new ModelChoice("--model", List.of(BASIC, BI), "both");

  @Option(names = "--model", description = "basic, bi or both (default).")
  String model;

  @Option(names = "--batch-norm", description = "The notebook's commented-out"
      + " BatchNormalization between the LSTM and the Dense layer, in both models.")
  boolean batchNorm;

  @Option(names = "--sweep-batch", split = ",", paramLabel = "B1,B2,...",
      description = "Exercise 1: Basic-RNN once per batch size, e.g. 32,128,512,1024.")
  List<Integer> sweepBatch;

  @Option(names = "--sweep-epochs", split = ",", paramLabel = "E1,E2,...",
      description = "Exercise 2: Basic-RNN once per epoch count, e.g. 30,100,200.")
  List<Integer> sweepEpochs;

  public FashionBiLstmLab() {
    super(ID, TITLE, NOTEBOOK, BI_EPOCHS, new FashionBiLstmReport(), MODELS);
  }

  @Override
  protected String dataset() {
    return dataset.equals("fashion") ? FashionMnist.DATASET : Mnist.DATASET;
  }

  @Override
  protected void validate() {
    if (!List.of("fashion", "mnist").contains(dataset)) {
      throw usage("--dataset must be fashion or mnist, got '" + dataset + "'");
    }
    if ((sweepBatch != null || sweepEpochs != null) && model == null) {
      model = "basic";
    }
  }

  @Override
  protected List<String> sweepRequests() {
    List<String> requests = new ArrayList<>(super.sweepRequests());
    if (sweepBatch != null) {
      requests.add("batch-size=" + join(sweepBatch));
    }
    if (sweepEpochs != null) {
      requests.add("epochs=" + join(sweepEpochs));
    }
    return requests;
  }

  private static String join(List<Integer> values) {
    return values.stream().map(String::valueOf).collect(Collectors.joining(","));
  }

  @Override
  protected Set<String> sweepOptionNames() {
    return Set.of("--sweep", "--sweep-batch", "--sweep-epochs");
  }

  /** The training and test images, rows as time steps, and their labels. */
  record Data(FloatArray xTrain, FloatArray yTrain, FloatArray xTest, FloatArray yTest) {}

  @Override
  protected String chosen() {
    return model == null ? MODELS.everyModel() : model;
  }

  @Override
  protected Data load(Trainer trainer) {
    // Load: pixels / 255, rows as time steps
    TrainTest<ImageDataset> data = dataset.equals("fashion")
        ? FashionMnist.load(options.dataFiles()) : Mnist.load(options.dataFiles());
    ImageDataset train = data.train().limit(options.limitOr(data.train().count()));
    Data d = new Data(train.images(), train.labelArray(), data.test().images(),
        data.test().labelArray());
    System.out.printf("x_train %s, x_test %s%n", d.xTrain(), d.xTest());
    return d;
  }

  @Override
  protected List<ModelSpec<Data>> models() {
    int steps = Batches.count(FashionMnist.TRAIN_COUNT, BATCH_SIZE);
    return List.of(
        spec(BASIC, "Basic-RNN", this::basicRnn, BASIC_EPOCHS)
            .analysis(run -> firstPredictions(run).withNotebook(Figures.BEST_VAL_ACCURACY,
                NOTEBOOK_BASIC_BEST))
            .benchmark("bilstm-basic", steps, 0, 10),
        spec(BI, "Bidirectional-RNN", this::bidirectionalRnn, BI_EPOCHS)
            .analysis(FashionBiLstmLab::firstPredictions)
            .benchmark("bilstm-bidirectional", steps, 0, 10));
  }

  /** fit(x_train, y_train, batch_size=32, epochs, validation_data=(x_test, y_test)). */
  private ModelSpec<Data> spec(ModelChoice.Model key, String name,
      Supplier<Sequential> build, int epochs) {
    return ModelSpec.<Data>of(key, name).build(build).compile(this::compile)
        .batchSize(BATCH_SIZE).epochs(epochs).data(Data::xTrain, Data::yTrain)
        .fit((fit, data) -> fit.validationData(data.xTest(), data.yTest()))
        .monitor("val_accuracy").description(this::description);
  }

  /** The first test images' predictions, for consumers of the SavedModel to check against. */
  private static ModelResult firstPredictions(ModelSpec.Run<Data> run) {
    return run.result().withFirstTestPredictions(run.model().predict(
        run.data().xTest().slice(0, RECORDED_PREDICTIONS), BATCH_SIZE).values());
  }

  /** Analysis: the notebook's max(val_accuracy). */
  @Override
  protected List<ModelResult> summarize(List<ModelResult> results) {
    for (ModelResult r : results) {
      System.out.printf("%s: max val_accuracy %.4f (notebook: %s)%n", r.name(), r.best(),
          r.notebook().containsKey(Figures.BEST_VAL_ACCURACY)
              ? String.format("%.2f", r.notebook().get(Figures.BEST_VAL_ACCURACY)) : "not recorded");
    }
    return results;
  }

  Sequential basicRnn() {
    return head(new Sequential("Basic-RNN", 28, 28).seed(options.seed())
        .add(new LSTM(UNITS)));
  }

  Sequential bidirectionalRnn() {
    return head(new Sequential("Bidirectional-RNN", 28, 28).seed(options.seed())
        .add(new Bidirectional(new LSTM(UNITS))));
  }

  /** {@code model.add(keras.layers.BatchNormalization())} with {@code --batch-norm}, then Dense. */
  private Sequential head(Sequential m) {
    if (batchNorm) {
      m.add(new BatchNormalization());
    }
    return m.add(new Dense(10, Activation.SOFTMAX));
  }

  /** model.compile(optimizer='adam', loss='sparse_categorical_crossentropy', ...). */
  private Compile compile() {
    return options.compile(Compile.of(new Adam(options.learningRateOr(LEARNING_RATE)),
        new SparseCategoricalCrossentropy(), "accuracy"));
  }

  ModelDescription description(Sequential m) {
    boolean fashion = dataset.equals("fashion");
    List<String> classes = fashion ? FashionMnist.CLASS_NAMES
        : List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    return ModelDescription.of(ID, m, dataset(), "probabilities", "grayscale 28x28 image, pixel"
        + " values divided by 255, the 28 rows as 28 time steps of 28 features", 1 / 255.0,
        classes);
  }
}
