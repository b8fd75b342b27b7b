package dev.tfjlabs.labs;

import dev.tfjlabs.data.Imdb;
import dev.tfjlabs.data.Sequences;
import dev.tfjlabs.data.TrainTest;
import dev.tfjlabs.data.TrainTestSplit;
import dev.tfjlabs.keras.callbacks.EarlyStopping;
import dev.tfjlabs.keras.data.Batches;
import dev.tfjlabs.keras.data.FloatArray;
import dev.tfjlabs.keras.layers.Activation;
import dev.tfjlabs.keras.layers.CategoryEncoding;
import dev.tfjlabs.keras.layers.Dense;
import dev.tfjlabs.keras.layers.Embedding;
import dev.tfjlabs.keras.layers.rnn.GRU;
import dev.tfjlabs.keras.layers.rnn.LSTM;
import dev.tfjlabs.keras.layers.rnn.SimpleRNN;
import dev.tfjlabs.keras.losses.BinaryCrossentropy;
import dev.tfjlabs.keras.models.Sequential;
import dev.tfjlabs.keras.optimizers.RMSprop;
import dev.tfjlabs.keras.saving.ModelDescription;
import dev.tfjlabs.platform.Compile;
import dev.tfjlabs.platform.Figures;
import dev.tfjlabs.platform.LabCommand;
import dev.tfjlabs.platform.ModelChoice;
import dev.tfjlabs.platform.ModelResult;
import dev.tfjlabs.platform.ModelSpec;
import dev.tfjlabs.platform.Trainer;
import dev.tfjlabs.reports.Machine;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Lab 5c, part of {@code 004_7237b0d53b66603c.txt}: IMDB sentiment with recurrent layers
 * (Keras). {@code imdb.load_data(num_words=500)}, a seeded {@code train_test_split(0.2)} into
 * 20,000 / 5,000, {@code pad_sequences(maxlen=100)}, and five models, each RMSprop(1e-4),
 * binary cross-entropy, batch 64, up to 100 epochs with {@code ModelCheckpoint(save_best_only)}
 * and {@code EarlyStopping(patience=3, restore_best_weights=True)} on val_loss:
 * {@code SimpleRNN(8)} on one-hot words (one-hot in the graph, {@link CategoryEncoding});
 * {@code Embedding(500, 16) -> SimpleRNN(8)}; {@code -> LSTM(8, dropout=0.3)}; two
 * {@code LSTM(8, dropout=0.3)}; two {@code GRU(8, dropout=0.3)}; each {@code -> Dense(1,
 * sigmoid)}.
 */
@Command(name = ImdbSentimentLab.ID, mixinStandardHelpOptions = true,
    description = "Lab 5c: IMDB sentiment with SimpleRNN, LSTM and GRU (Keras).")
public final class ImdbSentimentLab extends LabCommand<ImdbSentimentLab.Data> {
  public static final String ID = "imdb-sentiment";
  static final String NOTEBOOK = "004_7237b0d53b66603c.txt";
  static final String TITLE = "IMDB sentiment with SimpleRNN, LSTM and GRU (Keras)";
  static final int NUM_WORDS = 500;
  static final int MAXLEN = 100;
  static final int UNITS = 8;
  static final int EMBEDDING = 16;
  static final double DROPOUT = 0.3;
  static final double LEARNING_RATE = 1e-4;
  static final int BATCH_SIZE = 64;
  static final int EPOCHS = 100;
  static final int PATIENCE = 3;
  /** The textbook the notebook follows lands near this validation accuracy for each model. */
  static final double TEXTBOOK_VAL_ACCURACY = 0.8;
  /** The notebook's first two review lengths. */
  static final int[] NOTEBOOK_LENGTHS = {218, 189};

  /** One of the five models: its key, name and layers after the input. */
  private record Variant(String key, String name, Supplier<Sequential> build) {}

  @Option(names = "--model", defaultValue = "all", description = "simplernn, embedding, lstm,"
      + " lstm-2, gru-2 or all (default).")
  String model;

  public ImdbSentimentLab() {
    super(ID, TITLE, NOTEBOOK, EPOCHS, new ImdbSentimentReport(), MODELS);
  }

  @Override
  protected String dataset() {
    return Imdb.DATASET;
  }

  private List<Variant> variants() {
    return List.of(
        new Variant("simplernn", "SimpleRNN (one-hot)", () -> model("SimpleRNN (one-hot)")
            .add(new CategoryEncoding(NUM_WORDS)).add(new SimpleRNN(UNITS))),
        new Variant("embedding", "SimpleRNN (Embedding)", () -> model("SimpleRNN (Embedding)")
            .add(new Embedding(NUM_WORDS, EMBEDDING)).add(new SimpleRNN(UNITS))),
        new Variant("lstm", "LSTM", () -> model("LSTM").add(new Embedding(NUM_WORDS, EMBEDDING))
            .add(LSTM.builder(UNITS).dropout(DROPOUT).build())),
        new Variant("lstm-2", "2-layer LSTM", () -> model("2-layer LSTM")
            .add(new Embedding(NUM_WORDS, EMBEDDING))
            .add(LSTM.builder(UNITS).dropout(DROPOUT).returnSequences(true).build())
            .add(LSTM.builder(UNITS).dropout(DROPOUT).build())),
        new Variant("gru-2", "2-layer GRU", () -> model("2-layer GRU")
            .add(new Embedding(NUM_WORDS, EMBEDDING))
            .add(GRU.builder(UNITS).dropout(DROPOUT).returnSequences(true).build())
            .add(GRU.builder(UNITS).dropout(DROPOUT).build())));
  }

  private Sequential model(String name) {
    return new Sequential(name, MAXLEN).seed(options.seed());
  }

  /** The five models by their {@code --model} keys, which are also their files' slugs. */
  static final ModelChoice MODELS = new ModelChoice("--model", Stream.of("simplernn",
      "embedding", "lstm", "lstm-2", "gru-2").map(k -> new ModelChoice.Model(k, k)).toList(),
      "all");

  @Override
  protected String chosen() {
    return model;
  }

  /** The padded training and validation reviews and their labels. */
  record Data(FloatArray trainX, FloatArray trainY, FloatArray valX, FloatArray valY) {}

  @Override
  protected Data load(Trainer trainer) {
    // (train_input, train_target), (test_input, test_target) = imdb.load_data(num_words=500)
    Imdb imdb = Imdb.open(options.dataFiles());
    TrainTest<Imdb.Split> data = imdb.load(NUM_WORDS);
    Imdb.Split all = data.train();
    System.out.printf("train %d reviews, test %d%n", all.size(), data.test().size());
    System.out.printf("len(train_input[0]) = %d, len(train_input[1]) = %d (notebook: %d, %d)%n",
        all.x()[0].length, all.x()[1].length, NOTEBOOK_LENGTHS[0], NOTEBOOK_LENGTHS[1]);
    System.out.println("train_target[:5] = " + Arrays.toString(Arrays.copyOf(all.y(), 5))
        + " (the notebook's 1 0 0 1 0 follow Keras's stored review order, which Keras never"
        + " published, so the reviews here come in another order)");

    // train_test_split(test_size=0.2, random_state=42), then the lengths
    TrainTestSplit split = TrainTestSplit.of(options.limitOr(all.size()), 0.2, options.seed());
    int[][] trainSeq = pick(all.x(), split.train());
    int[][] valSeq = pick(all.x(), split.test());
    double[] lengths = Arrays.stream(trainSeq).mapToDouble(s -> s.length).toArray();
    double[] sorted = lengths.clone();
    Arrays.sort(sorted);
    double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
        : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    System.out.printf("train %d, validation %d; review length mean %.2f, median %.1f%n",
        trainSeq.length, valSeq.length, Arrays.stream(lengths).average().orElse(0), median);
    ImdbSentimentReport.writeLengths(trainer.sideOutputs(), lengths);

    // pad_sequences(maxlen=100): pre-padding, pre-truncating
    Data d = new Data(Sequences.asFloatArray(Sequences.padSequences(trainSeq, MAXLEN)),
        labels(all.y(), split.train()),
        Sequences.asFloatArray(Sequences.padSequences(valSeq, MAXLEN)),
        labels(all.y(), split.test()));
    System.out.println("train_seq " + d.trainX() + ", val_seq " + d.valX());
    return d;
  }

  @Override
  protected List<ModelSpec<Data>> models() {
    // train_test_split(test_size=0.2) leaves 20,000 of the 25,000 training reviews
    int steps = Batches.count(Imdb.TRAIN_COUNT * 4 / 5, BATCH_SIZE);
    return variants().stream().map(v -> ModelSpec.<Data>of(new ModelChoice.Model(v.key(),
            v.key()), v.name()).build(() -> build(v)).compile(this::compile)
        .batchSize(BATCH_SIZE).epochs(EPOCHS).data(Data::trainX, Data::trainY)
        .fit((fit, data) -> fit.validationData(data.valX(), data.valY()))
        .earlyStopping(() -> new EarlyStopping().patience(PATIENCE).restoreBestWeights(true))
        .bestCheckpoint()
        .monitor("val_accuracy").description(ImdbSentimentLab::description)
        .analysis(run -> restored(v, run))
        .benchmark("imdb-" + v.key(), steps, NUM_WORDS, 2)).toList();
  }

  /** The epoch EarlyStopping restored and its validation accuracy, beside the best one. */
  private static ModelResult restored(Variant v, ModelSpec.Run<Data> run) {
    EarlyStopping es = run.earlyStopping();
    ModelResult r = run.result();
    int restored = es.bestEpoch() + 1;
    double restoredAccuracy = run.model().evaluate(run.data().valX(), run.data().valY(),
        BATCH_SIZE).get("accuracy");
    System.out.printf("%s: best val_accuracy %.4f (epoch %d); restored epoch %d (val_loss"
            + " %.4f), val_accuracy %.4f; %.1f s per epoch%n", v.name(), r.best(),
        r.bestEpoch(), restored, es.best(), restoredAccuracy, r.secondsPerEpoch());
    return r.withFigure(Figures.RESTORED_EPOCH, restored)
        .withFigure(Figures.STOPPED_EPOCH, es.stoppedEpoch() > 0 ? es.stoppedEpoch() + 1
            : r.epochsRun())
        .withFigure(Figures.RESTORED_VAL_ACCURACY, restoredAccuracy)
        .withFigure(Figures.PEAK_RSS_MB, Machine.peakResidentMegabytes())
        .withNotebook(Figures.VAL_ACCURACY, TEXTBOOK_VAL_ACCURACY);
  }

  private static Sequential build(Variant v) {
    return v.build().get().add(new Dense(1, Activation.SIGMOID));
  }

  /** model.compile(optimizer=RMSprop(learning_rate=1e-4), loss='binary_crossentropy', ...). */
  private Compile compile() {
    return options.compile(Compile.of(new RMSprop(options.learningRateOr(LEARNING_RATE)),
        new BinaryCrossentropy(), "accuracy"));
  }

  private static int[][] pick(int[][] rows, int[] indices) {
    int[][] out = new int[indices.length][];
    for (int i = 0; i < indices.length; i++) {
      out[i] = rows[indices[i]];
    }
    return out;
  }

  private static FloatArray labels(int[] y, int[] indices) {
    float[] out = new float[indices.length];
    for (int i = 0; i < indices.length; i++) {
      out[i] = y[indices[i]];
    }
    return new FloatArray(out, indices.length, 1);
  }

  static ModelDescription description(Sequential m) {
    return ModelDescription.of(ID, m, Imdb.DATASET, "probability", "a review's words as Keras's"
        + " IMDB ids (see text), padded to 100; the output is the probability that it is"
        + " positive", 1.0, List.of("negative", "positive"))
        .withText(new ModelDescription.TextEncoding(NUM_WORDS, MAXLEN, Imdb.START_CHAR,
            Imdb.OOV_CHAR, Imdb.INDEX_FROM));
  }
}
