package dev.tfjlabs.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.tfjlabs.data.DataFiles;
import dev.tfjlabs.keras.backend.Backend;
import dev.tfjlabs.keras.config.KerasVersion;
import dev.tfjlabs.keras.config.Source;
import dev.tfjlabs.keras.losses.Losses;
import dev.tfjlabs.keras.losses.MeanSquaredError;
import dev.tfjlabs.keras.metrics.Metrics;
import dev.tfjlabs.keras.models.FitOptions;
import dev.tfjlabs.keras.optimizers.Adam;
import dev.tfjlabs.keras.optimizers.Optimizers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options every lab accepts. Unset epochs, batch size and learning rate mean the
 * notebook's values. A quick run ({@code --limit}, or fewer epochs than the notebook) writes
 * below {@value #QUICK_RUNS} unless {@code --models-dir} or {@code --reports-dir} say otherwise,
 * so it never replaces the notebook runs in {@code reports/}.
 */
public final class LabOptions {
  /** Where quick runs write by default. */
  public static final String QUICK_RUNS = "target/quick-runs";

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(names = "--epochs", paramLabel = "N", description = "Epochs (default: the notebook's).")
  Integer epochs;

  @Option(names = "--batch-size", paramLabel = "N",
      description = "Mini-batch size (default: the notebook's).")
  Integer batchSize;

  @Option(names = "--validation-batch-size", paramLabel = "N",
      description = "Batch size of the validation after each epoch, Keras's"
          + " validation_batch_size (default: the batch size); larger is faster, same metrics.")
  Integer validationBatchSize;

  @Option(names = "--learning-rate", paramLabel = "LR",
      description = "The optimizer's learning rate (default: the notebook's).")
  Double learningRate;

  @Option(names = "--optimizer", paramLabel = "NAME",
      description = "A Keras optimizer by name (sgd, adam, adamw, rmsprop, nadam, lion, ...)"
          + " instead of the notebook's; its Keras defaults unless --optimizer-config or"
          + " --learning-rate say otherwise.")
  String optimizer;

  @Option(names = "--optimizer-config", paramLabel = "JSON",
      description = "The optimizer's arguments as Keras's config, e.g. '{\"momentum\": 0.9,"
          + " \"nesterov\": true}' (of the notebook's optimizer without --optimizer).")
  String optimizerConfig;

  @Option(names = "--loss", paramLabel = "NAME",
      description = "A Keras loss by name (mse, mae, huber, binary_crossentropy, ...) instead"
          + " of the notebook's.")
  String loss;

  @Option(names = "--metrics", paramLabel = "NAMES", split = ",",
      description = "Keras metrics by name (accuracy, mae, auc, precision, ...) instead of the"
          + " notebook's.")
  List<String> metrics;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
      description = "Seed of weights, shuffling and dropout (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--limit", paramLabel = "N",
      description = "Use only the first N training examples, for quick runs.")
  Integer limit;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Dataset cache (default: $TFJ_DATA_DIR, else data).")
  Path dataDir;

  @Option(names = "--models-dir", paramLabel = "DIR",
      description = "Where SavedModels go (default: models; quick runs: " + QUICK_RUNS
          + "/models).")
  Path modelsDir;

  @Option(names = "--reports-dir", paramLabel = "DIR",
      description = "Where histories, charts and results go (default: reports; quick runs: "
          + QUICK_RUNS + "/reports).")
  Path reportsDir;

  @Option(names = "--sweep", paramLabel = "OPTION=V1,V2,...",
      description = "Train once per value of one of this lab's options, e.g."
          + " learning-rate=0.1,0.01,0.001 or batch-size=32,128; writes sweep-OPTION.csv and"
          + " charts. Repeatable.")
  List<String> sweeps = new ArrayList<>();

  @Option(names = "--jobs", paramLabel = "N", defaultValue = "1",
      description = "Runs side by side, N at a time, each in a JVM of its own with cores / N"
          + " threads per TensorFlow pool unless the thread options say: a sweep's values, or"
          + " the models of a lab whose models train apart (fashion-rnn-gru's RNN and GRU)"
          + " (default: ${DEFAULT-VALUE}, one after another in this JVM).")
  int jobs;

  @Option(names = "--tensorboard",
      description = "Write TensorBoard logs (Keras's TensorBoard callback, with weight"
          + " histograms every epoch) to REPORTS/LAB/logs/MODEL/; open them with"
          + " tensorboard --logdir REPORTS/LAB/logs.")
  boolean tensorboard;

  @Option(names = "--log-device-placement",
      description = "Log the device TensorFlow places each op on.")
  boolean logDevicePlacement;

  @Option(names = "--intra-op-threads", paramLabel = "N", defaultValue = "0",
      description = "Threads one TensorFlow op may use (default 0: one per core).")
  int intraOpThreads;

  @Option(names = "--inter-op-threads", paramLabel = "N", defaultValue = "0",
      description = "TensorFlow ops that may run at once (default 0: TensorFlow's choice);"
          + " -1 runs them in the calling thread, faster for small recurrent models.")
  int interOpThreads;

  private boolean quick;

  /**
   * Checks the values and decides whether this is a quick run;
   * the platform calls it first.
   *
   * @param notebookEpochs the fewest epochs any of the lab's notebook models trains
   */
  void validate(int notebookEpochs) {
    positive("--epochs", epochs);
    positive("--batch-size", batchSize);
    positive("--validation-batch-size", validationBatchSize);
    positive("--limit", limit);
    positive("--jobs", jobs);
    if (learningRate != null && !(learningRate > 0 && Double.isFinite(learningRate))) {
      throw usage("--learning-rate must be a positive number, got " + learningRate);
    }
    if (learningRate != null && !(Float.isFinite(learningRate.floatValue())
        && learningRate.floatValue() > 0)) {
      // the optimizers compute in float32: 1e39 would be Infinity, 1e-320 zero
      throw usage("--learning-rate " + learningRate + " is " + learningRate.floatValue()
          + " in float32, the precision training computes in; give one between 1.4e-45 and"
          + " 3.4e38");
    }
    try {
      Backend.checkThreads(intraOpThreads, interOpThreads);
    } catch (IllegalArgumentException e) {
      throw usage("--" + e.getMessage());
    }
    if (optimizer != null || optimizerConfig != null || loss != null) {
      // resolved now, so that a wrong name fails before any data is read
      compile(new Compile(new Adam(0.001),
          new MeanSquaredError(), List.of()));
    }
    for (String m : metrics == null ? List.<String>of() : metrics) {
      if (!Metrics.names().contains(m)) {
        throw usage("--metrics: unknown metric '" + m + "'; this library has "
            + String.join(", ", Metrics.names()));
      }
    }
    quick = limit != null || (epochs != null && epochs < notebookEpochs);
    Backend.setLogDevicePlacement(logDevicePlacement);
  }

  private void positive(String name, Integer value) {
    if (value != null && value <= 0) {
      throw usage(name + " must be a positive number, got " + value);
    }
  }

  /** A usage error of this command: picocli prints it with the usage and exits 2. */
  ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  /**
   * The thread options as TensorFlow's pools for this JVM, before its first session: a run that
   * trains here makes them so (a run whose trainings are JVMs of their own passes them on).
   */
  void applyThreads() {
    try {
      Backend.setIntraOpParallelismThreads(intraOpThreads);
      Backend.setInterOpParallelismThreads(interOpThreads);
    } catch (IllegalStateException e) {
      // a lab run in a JVM whose pools exist already (an application's, a test's)
      throw usage(e.getMessage());
    }
  }

  /** Makes this a quick run (a sweep of quick runs), writing below {@value #QUICK_RUNS}. */
  void markQuick() {
    quick = true;
  }

  /** Whether this is a quick run: {@code --limit}, or fewer epochs than the notebook. */
  public boolean quick() {
    return quick;
  }

  public int epochsOr(int notebookDefault) {
    return epochs != null ? epochs : notebookDefault;
  }

  public int batchSizeOr(int notebookDefault) {
    return batchSize != null ? batchSize : notebookDefault;
  }

  /**
   * Keras's {@code fit} arguments these options set: the batch size (the option's, or else the
   * notebook's) and the validation batch size (the option's, or else the batch size).
   */
  public FitOptions fitOptions(int notebookBatchSize) {
    FitOptions fit = FitOptions.defaults().batchSize(batchSizeOr(notebookBatchSize));
    return validationBatchSize != null ? fit.validationBatchSize(validationBatchSize) : fit;
  }

  /** The validation's batch size: the option's, or else {@code batchSize}, as Keras's. */
  public int validationBatchSizeOr(int batchSize) {
    return validationBatchSize != null ? validationBatchSize : batchSize;
  }

  /**
   * The notebook's compile arguments with {@code --optimizer}, {@code --optimizer-config},
   * {@code --loss} and {@code --metrics} applied: another optimizer takes its Keras defaults,
   * then the config's arguments, then {@code --learning-rate}; the notebook's optimizer keeps
   * its learning rate unless the config or {@code --learning-rate} gives one.
   */
  public Compile compile(Compile notebook) {
    var o = notebook.optimizer();
    try {
      if (optimizer != null || optimizerConfig != null) {
        var json = new ObjectMapper();
        var config = optimizerConfig == null ? json.createObjectNode()
            : json.readTree(optimizerConfig);
        if (!config.isObject()) {
          throw usage("--optimizer-config must be a JSON object of arguments, got "
              + optimizerConfig);
        }
        var args = (ObjectNode) config;
        if (learningRate != null) {
          args.put("learning_rate", learningRate);
        } else if (optimizer == null && !args.has("learning_rate")) {
          args.put("learning_rate", o.learningRate());
        }
        var entry = json.createObjectNode();
        entry.put("class_name", optimizer != null ? optimizer : o.name());
        entry.set("config", args);
        o = Optimizers.REGISTRY.get(entry, SOURCE);
      }
      var l = loss == null ? notebook.loss() : Losses.REGISTRY.get(
          TextNode.valueOf(loss), SOURCE);
      return new Compile(o, l, metrics != null ? List.copyOf(metrics) : notebook.metrics());
    } catch (JsonProcessingException e) {
      throw usage("--optimizer-config is not valid JSON: " + e.getOriginalMessage());
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage().lines().findFirst().orElse(""));
    }
  }

  private static final Source SOURCE = new Source(KerasVersion.CURRENT);

  public double learningRateOr(double notebookDefault) {
    return learningRate != null ? learningRate : notebookDefault;
  }

  /**
   * The seed the run draws from. {@code java.util.Random} keeps 48 bits of a seed, so the top 16
   * bits are folded into the others: every bit of {@code --seed} counts (42 and 42 + 2^48 give
   * different runs), and seeds below 2^48, the notebooks' 42 among them, keep their runs.
   */
  public long seed() {
    long high = seed >>> 48;
    return high == 0 ? seed : seed ^ (high * 0x9E3779B97F4AL);
  }

  /** The training-set size to use: {@code --limit} when smaller than {@code available}. */
  public int limitOr(int available) {
    return limit != null ? Math.min(limit, available) : available;
  }

  public Integer limit() {
    return limit;
  }

  public DataFiles dataFiles() {
    return DataFiles.standard(dataDir);
  }

  List<String> sweeps() {
    return sweeps;
  }

  /** How many of a sweep's runs train side by side ({@code --jobs}). */
  int jobs() {
    return jobs;
  }

  private Path modelsRoot() {
    return modelsDir != null ? modelsDir : quick ? Path.of(QUICK_RUNS, "models") : Path.of("models");
  }

  private Path reportsRoot() {
    return reportsDir != null ? reportsDir
        : quick ? Path.of(QUICK_RUNS, "reports") : Path.of("reports");
  }

  /** The folder of {@code lab}'s SavedModels. */
  public Path modelsDir(String lab) {
    return modelsRoot().resolve(lab);
  }

  public Path modelDir(String lab, String model) {
    return modelsDir(lab).resolve(model);
  }

  public Path reportDir(String lab) {
    return reportsRoot().resolve(lab);
  }

  /** Whether to write TensorBoard logs ({@code --tensorboard}). */
  public boolean tensorboard() {
    return tensorboard;
  }

  /**
   * The TensorBoard log folder of one model: {@code <reports>/<lab>/logs/<model>/}, and in a
   * sweep {@code .../<model>/<option>=<value>/}, so that TensorBoard overlays a sweep's runs.
   */
  public Path tensorboardDir(String lab, String model, String sweepPoint) {
    Path dir = reportDir(lab).resolve("logs").resolve(model);
    return sweepPoint == null ? dir : dir.resolve(sweepPoint);
  }

  /**
   * Creates the lab's output folders and checks that they are writable, before any data loads
   * or training starts.
   *
   * @throws UncheckedIOException naming the folder and the option that moves it
   */
  void prepareOutputs(String lab) {
    if (quick && (modelsDir == null || reportsDir == null)) {
      System.out.println("Quick run (--limit, or fewer epochs than the notebook): writing to "
          + reportDir(lab) + " and " + modelsDir(lab) + ", not over the notebook runs"
          + " (--reports-dir and --models-dir choose other folders).");
    }
    writable(reportDir(lab), "--reports-dir");
    writable(modelsDir(lab), "--models-dir");
  }

  private static void writable(Path dir, String option) {
    try {
      Files.createDirectories(dir);
      Path probe = Files.createTempFile(dir, ".write-check", ".tmp");
      Files.delete(probe);
    } catch (IOException | SecurityException e) {
      throw new UncheckedIOException("Cannot write to " + dir + " (" + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); choose a writable folder"
          + " with " + option, e instanceof IOException io ? io : new IOException(e));
    }
  }
}
