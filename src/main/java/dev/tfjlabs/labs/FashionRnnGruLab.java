package dev.tfjlabs.labs;

import dev.tfjlabs.data.FashionMnist;
import dev.tfjlabs.data.ImageDataset;
import dev.tfjlabs.data.TrainTest;
import dev.tfjlabs.io.AtomicFiles;
import dev.tfjlabs.keras.callbacks.History;
import dev.tfjlabs.keras.data.Batches;
import dev.tfjlabs.keras.data.FloatArray;
import dev.tfjlabs.keras.data.Shuffling;
import dev.tfjlabs.keras.initializers.Initializers;
import dev.tfjlabs.keras.layers.Dense;
import dev.tfjlabs.keras.layers.Dropout;
import dev.tfjlabs.keras.layers.rnn.GRU;
import dev.tfjlabs.keras.layers.rnn.RNN;
import dev.tfjlabs.keras.layers.rnn.SimpleRNN;
import dev.tfjlabs.keras.losses.SparseCategoricalCrossentropy;
import dev.tfjlabs.keras.models.Sequential;
import dev.tfjlabs.keras.optimizers.TorchAdam;
import dev.tfjlabs.keras.saving.KerasFile;
import dev.tfjlabs.keras.saving.ModelDescription;
import dev.tfjlabs.platform.Compile;
import dev.tfjlabs.platform.EpochLoop;
import dev.tfjlabs.platform.Figures;
import dev.tfjlabs.platform.LabCommand;
import dev.tfjlabs.platform.ModelChoice;
import dev.tfjlabs.platform.ModelResult;
import dev.tfjlabs.platform.ModelSpec;
import dev.tfjlabs.platform.Trainer;
import dev.tfjlabs.reports.Machine;
import dev.tfjlabs.serving.LoadedModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Lab 4, {@code 003_71dc8ad1398918b5.txt}: the PyTorch homework, a 3-layer RNN against a 3-layer
 * GRU on Fashion-MNIST, in PyTorch's semantics: {@code nn.RNN/nn.GRU(28, 256, num_layers=3,
 * batch_first=True, dropout=0.4)} (two biases per layer, U(-1/16, 1/16) weights, dropout on
 * the outputs of layers 1 and 2 in training) -> {@code Linear(256, 10)} on the last step
 * ({@code xavier_uniform_} weight, PyTorch's default bias); {@code CrossEntropyLoss} on logits;
 * {@code torch.optim.Adam(lr=0.0005)}; batch 64 reshuffled every epoch; 20 epochs. The 60,000
 * training images are split at random into 54,000 train and 6,000 validation
 * ({@code random_split}). After each epoch a checkpoint is saved when the validation loss
 * improves ({@code models/fashion-rnn-gru/<model>/epoch-NN/}); at the end every checkpoint is
 * tested. The loop is written PyTorch-style over the library's batch-level API.
 */
@Command(name = FashionRnnGruLab.ID, mixinStandardHelpOptions = true,
    description = "Lab 4: 3-layer RNN vs GRU on Fashion-MNIST (PyTorch homework).")
public final class FashionRnnGruLab extends LabCommand<FashionRnnGruLab.Data> {
  public static final String ID = "fashion-rnn-gru";
  static final String NOTEBOOK = "003_71dc8ad1398918b5.txt";
  static final String TITLE = "3-layer RNN vs GRU on Fashion-MNIST (PyTorch homework)";
  static final int TRAIN = 54000;
  static final int BATCH_SIZE = 64;
  static final int EPOCHS = 20;
  static final double LEARNING_RATE = 0.0005;
  static final int HIDDEN = 256;
  static final int LAYERS = 3;
  /** The two models: their {@code --model} keys are their files' slugs. */
  static final ModelChoice MODELS = new ModelChoice("--model", List.of(
      new ModelChoice.Model("rnn", "rnn"), new ModelChoice.Model("gru", "gru")), "both");
  /** The most stacked layers {@code --layers} takes: each is unrolled over 28 steps. */
  static final int MAX_LAYERS = 100;
  static final double DROPOUT = 0.4;
  /** The notebook's test accuracy of its best checkpoint: RNN 86.21 %, GRU 91.05 %. */
  static final Map<String, Double> NOTEBOOK_TEST_ACCURACY = Map.of("rnn", 0.8621, "gru", 0.9105);
  /** The assignment's targets. */
  static final Map<String, Double> TARGET = Map.of("rnn", 0.84, "gru", 0.89);

  @Option(names = "--model", defaultValue = "both", description = "rnn, gru or both (default).")
  String model;

  @Option(names = "--units", paramLabel = "N", defaultValue = "" + HIDDEN,
      description = "hidden_size (default: ${DEFAULT-VALUE}).")
  int units;

  @Option(names = "--layers", paramLabel = "N", defaultValue = "" + LAYERS,
      description = "num_layers (default: ${DEFAULT-VALUE}).")
  int layers;

  @Option(names = "--dropout", paramLabel = "P", defaultValue = "" + DROPOUT,
      description = "Dropout between layers, in training (default: ${DEFAULT-VALUE}).")
  double dropout;

  public FashionRnnGruLab() {
    super(ID, TITLE, NOTEBOOK, EPOCHS, new FashionRnnGruReport(), MODELS);
  }

  @Override
  protected String dataset() {
    return FashionMnist.DATASET;
  }

  @Override
  protected String chosen() {
    return model;
  }

  /** The RNN and the GRU share nothing but the data: {@code all --jobs} trains them apart. */
  @Override
  protected boolean modelsTrainApart() {
    return true;
  }

  @Override
  protected void validate() {
    if (units <= 0 || layers <= 0) {
      throw usage("--units and --layers must be positive, got " + units + " and " + layers);
    }
    if (layers > MAX_LAYERS) {
      throw usage("--layers " + layers + " would unroll " + ((long) layers * 28) + " recurrent"
          + " cells into one graph; at most " + MAX_LAYERS + " layers build in reasonable time");
    }
    if ((long) units * 3 * units > Integer.MAX_VALUE - 8) {
      throw usage("--units " + units + " gives a recurrent kernel of " + units + " x "
          + (3L * units) + " values, more than one array can hold; use fewer units");
    }
    if (!(dropout >= 0 && dropout < 1)) {
      throw usage("--dropout must be in [0, 1), got " + dropout);
    }
  }

  /** The 54,000 / 6,000 split of the training images, the test images, and the batch size. */
  record Data(FloatArray trainX, FloatArray trainY, FloatArray validX, FloatArray validY,
      FloatArray testX, FloatArray testY, int batchSize) {}

  @Override
  protected Data load(Trainer trainer) {
    // datasets: ToTensor (pixels / 255); random_split(60,000 -> 54,000 / 6,000)
    TrainTest<ImageDataset> data = FashionMnist.load(options.dataFiles());
    int[] split = Shuffling.permutation(data.train().count(), new Random(options.seed()));
    FloatArray all = data.train().images();
    FloatArray allY = data.train().labelArray();
    int trainCount = options.limitOr(TRAIN);
    int[] trainIdx = java.util.Arrays.copyOfRange(split, 0, trainCount);
    int[] validIdx = java.util.Arrays.copyOfRange(split, TRAIN, split.length);
    int batchSize = options.batchSizeOr(BATCH_SIZE);
    Data d = new Data(all.take(trainIdx), allY.take(trainIdx), all.take(validIdx),
        allY.take(validIdx), data.test().images(), data.test().labelArray(), batchSize);
    System.out.println("number of training dataset: "
        + Batches.count(trainCount, batchSize) * batchSize);
    System.out.println("number of test dataset: " + d.testX().rows());
    FashionRnnGruReport.drawSamples(trainer.sideOutputs(), data.test());
    return d;
  }

  @Override
  protected List<ModelSpec<Data>> models() {
    int steps = Batches.count(TRAIN, BATCH_SIZE);
    return MODELS.models().stream().map(k -> ModelSpec.<Data>of(k, k.key().toUpperCase())
        .build(() -> build(k.key())).compile(this::compile).batchSize(BATCH_SIZE)
        .step((trainer, d) -> trainModel(trainer, k.key(), d))
        .benchmark("fashion-" + k.key(), steps, 0, 10)).toList();
  }

  /**
   * The notebook's {@code RNN(nn.Module)} with {@code nn.RNN} or {@code nn.GRU}; the GRU's
   * layers as Keras's {@code implementation=1} (per-gate products), the faster form at 256
   * units (benchmarks/README.md).
   */
  Sequential build(String kind) {
    IntFunction<RNN.Builder<?, ?>> layer = kind.equals("gru")
        ? u -> GRU.builder(u).implementation(1) : SimpleRNN::builder;
    Sequential m = new Sequential(kind.toUpperCase(), 28, 28).seed(options.seed());
    for (int l = 1; l <= layers; l++) {
      m.add(layer.apply(units).pytorch().returnSequences(l < layers).build());
      if (l < layers && dropout > 0) {
        m.add(new Dropout(dropout));
      }
    }
    double bound = 1 / Math.sqrt(units);
    return m.add(Dense.builder(10)
        .biasInitializer(Initializers.randomUniform(-bound, bound)).build());
  }

  /** criterion = nn.CrossEntropyLoss(); optimizer = torch.optim.Adam(lr=0.0005). */
  private Compile compile() {
    return options.compile(Compile.of(new TorchAdam(options.learningRateOr(LEARNING_RATE)),
        new SparseCategoricalCrossentropy(true), "accuracy"));
  }

  /**
   * The notebook's training loop, then every saved checkpoint tested, as its last cell. The
   * checkpoints of this run replace the last run's together, when training ends.
   */
  private ModelResult trainModel(Trainer trainer, String kind, Data d) {
    FloatArray testX = d.testX();
    FloatArray testY = d.testY();
    int batchSize = d.batchSize();
    double rssStart = Machine.residentMegabytes();
    try (Sequential m = build(kind)) {
      System.out.print(m.summary());
      compile().apply(m);
      EpochLoop loop = trainer.epochLoop(kind, m.name(), m, m.optimizer().learningRate());
      List<Integer> saved = new ArrayList<>();
      Path dir = trainer.modelDir(kind);
      if (dir == null) {
        train(m, loop, null, saved, d);
      } else {
        AtomicFiles.writeFolder(dir, tmp -> train(m, loop, tmp, saved, d));
      }
      History history = loop.history();
      double rssEnd = Machine.residentMegabytes();

      // test every saved checkpoint, as the notebook's last cell
      Map<Integer, Double> tested = new LinkedHashMap<>();
      for (int epoch : dir == null ? List.<Integer>of() : saved) {
        Path checkpoint = dir.resolve(checkpointName(epoch));
        try (LoadedModel loaded = LoadedModel.open(checkpoint)) {
          double acc = accuracy(loaded.predict(testX, 1000), testY);
          tested.put(epoch, acc);
          System.out.printf("Test Accuracy of %s model: %s is: %.2f%%%n", kind.toUpperCase(),
              checkpointName(epoch), 100 * acc);
        }
      }
      double test = tested.isEmpty() ? accuracy(m.predict(testX, 1000), testY)
          : tested.get(saved.get(saved.size() - 1));
      System.out.printf("%s: test accuracy %.2f%% (target %.0f%%, notebook %.2f%%); RSS %.0f MB"
              + " at the start, %.0f MB at the end%n", kind.toUpperCase(), 100 * test,
          100 * TARGET.get(kind), 100 * NOTEBOOK_TEST_ACCURACY.get(kind), rssStart, rssEnd);
      if (!tested.isEmpty()) {
        FashionRnnGruReport.writeCheckpoints(trainer.sideOutputs(), kind, tested);
      }
      Path best = dir == null || saved.isEmpty() ? null
          : dir.resolve(checkpointName(saved.get(saved.size() - 1)));
      return trainer.finish(m.name(), kind, m.countParams(), batchSize, history, "val_loss", best)
          .withFigure(Figures.TEST_ACCURACY, test)
          .withFigure(Figures.BEST_CHECKPOINT_EPOCH, saved.isEmpty() ? Double.NaN
              : saved.get(saved.size() - 1))
          .withFigure(Figures.RSS_START_MB, rssStart).withFigure(Figures.RSS_END_MB, rssEnd)
          .withNotebook(Figures.TEST_ACCURACY, NOTEBOOK_TEST_ACCURACY.get(kind));
    }
  }

  static String checkpointName(int epoch) {
    return String.format("epoch-%02d", epoch);
  }

  /** The epoch loop: train, validate, checkpoint on a better validation loss. */
  private void train(Sequential m, EpochLoop loop, Path checkpoints, List<Integer> saved,
      Data d) {
    FloatArray trainX = d.trainX();
    FloatArray trainY = d.trainY();
    int batchSize = d.batchSize();
    int epochs = options.epochsOr(EPOCHS);
    Random shuffle = new Random(options.seed());
    double bestModelLoss = Double.POSITIVE_INFINITY;
    loop.begin();
    for (int epoch = 0; epoch < epochs; epoch++) {
      loop.beginEpoch();
      double lossSum = 0;
      double correct = 0;
      List<Batches.Batch> batches = Batches.epoch(trainX.rows(), batchSize, true, shuffle);
      for (int step = 0; step < batches.size(); step++) {
        Batches.Batch b = batches.get(step);
        int[] idx = java.util.Arrays.copyOfRange(b.order(), b.from(), b.to());
        Map<String, Double> r = m.trainOnBatch(trainX.take(idx), trainY.take(idx));
        lossSum += loop.checked(epoch, step, "loss", r.get("loss"));
        correct += r.get("accuracy") * idx.length;
      }
      Map<String, Double> val = m.evaluate(d.validX(), d.validY(),
          options.validationBatchSizeOr(batchSize));
      Map<String, Double> epochLogs = new LinkedHashMap<>();
      epochLogs.put("loss", lossSum / batches.size());
      epochLogs.put("accuracy", correct / trainX.rows());
      epochLogs.put("val_loss", val.get("loss"));
      epochLogs.put("val_accuracy", val.get("accuracy"));
      double seconds = loop.endEpoch(epoch, epochLogs);
      System.out.printf("Epoch [%d/%d], train loss: %.4f, validation loss: %.4f, validation"
              + " accuracy: %.2f%%, %.1f s%n", epoch + 1, epochs, epochLogs.get("loss"),
          val.get("loss"), 100 * val.get("accuracy"), seconds);
      if (bestModelLoss > val.get("loss")) {
        bestModelLoss = val.get("loss");
        saved.add(epoch + 1);
        if (checkpoints != null) {
          Path checkpoint = checkpoints.resolve(checkpointName(epoch + 1));
          m.save(checkpoint, Map.of("model.json", description(m).toJson()));
          KerasFile.save(m, checkpoint.resolve(KerasFile.IN_SAVED_MODEL));
          System.out.println("your model is saved as " + checkpointName(epoch + 1));
        }
      }
    }
    loop.end();
  }

  private static double accuracy(FloatArray logits, FloatArray labels) {
    int[] predicted = logits.argmax();
    int correct = 0;
    for (int i = 0; i < predicted.length; i++) {
      correct += predicted[i] == (int) labels.values()[i] ? 1 : 0;
    }
    return (double) correct / predicted.length;
  }

  private ModelDescription description(Sequential m) {
    return ModelDescription.of(ID, m, FashionMnist.DATASET, "logits", "grayscale 28x28 image,"
        + " pixel values divided by 255, the 28 rows as 28 time steps of 28 features; the"
        + " output is logits (softmax gives the probabilities)", 1 / 255.0,
        FashionMnist.CLASS_NAMES);
  }
}
