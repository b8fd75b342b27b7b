package dev.tfjlabs.labs;

import dev.tfjlabs.data.DataFiles;
import dev.tfjlabs.keras.backend.Backend;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The options every lab accepts. Unset epochs and batch size mean the notebook's values. */
public final class LabOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(names = "--epochs", paramLabel = "N", description = "Epochs (default: the notebook's).")
  Integer epochs;

  @Option(names = "--batch-size", paramLabel = "N",
      description = "Mini-batch size (default: the notebook's).")
  Integer batchSize;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
      description = "Seed of weights, shuffling and dropout (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--limit", paramLabel = "N",
      description = "Use only the first N training examples, for quick runs.")
  Integer limit;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Dataset cache (default: $TFJ_DATA_DIR, else data).")
  Path dataDir;

  @Option(names = "--models-dir", paramLabel = "DIR", defaultValue = "models",
      description = "Where SavedModels go (default: ${DEFAULT-VALUE}).")
  Path modelsDir;

  @Option(names = "--reports-dir", paramLabel = "DIR", defaultValue = "reports",
      description = "Where histories, charts and results go (default: ${DEFAULT-VALUE}).")
  Path reportsDir;

  @Option(names = "--log-device-placement",
      description = "Log the device TensorFlow places each op on.")
  boolean logDevicePlacement;

  /** Checks the values and applies the session settings; call first in a lab. */
  void validate() {
    positive("--epochs", epochs);
    positive("--batch-size", batchSize);
    positive("--limit", limit);
    Backend.setLogDevicePlacement(logDevicePlacement);
  }

  private void positive(String name, Integer value) {
    if (value != null && value <= 0) {
      throw new ParameterException(spec.commandLine(), name + " must be a positive number, got "
          + value);
    }
  }

  public int epochsOr(int notebookDefault) {
    return epochs != null ? epochs : notebookDefault;
  }

  public int batchSizeOr(int notebookDefault) {
    return batchSize != null ? batchSize : notebookDefault;
  }

  public long seed() {
    return seed;
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

  public Path modelDir(String lab, String model) {
    return modelsDir.resolve(lab).resolve(model);
  }

  public Path reportDir(String lab) {
    return reportsDir.resolve(lab);
  }
}
