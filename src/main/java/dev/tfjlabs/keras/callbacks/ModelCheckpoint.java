package dev.tfjlabs.keras.callbacks;

import java.nio.file.Path;
import java.util.Map;

/**
 * {@code keras.callbacks.ModelCheckpoint(filepath, monitor="val_loss", save_best_only=False)}:
 * saves the model as a SavedModel after each epoch, or only when {@code monitor} improves.
 * {@code {epoch}} in the path becomes the 1-based epoch number (two digits).
 *
 * <pre>{@code new ModelCheckpoint(path).monitor("val_accuracy").saveBestOnly(true)}</pre>
 */
public final class ModelCheckpoint extends Callback {
  private final String filepath;
  private String monitorName = EarlyStopping.MONITOR_DEFAULT;
  private boolean saveBestOnly;
  private Map<String, String> extraFiles = Map.of();
  private String shownAs;
  private Monitor monitor;
  private double best;

  public ModelCheckpoint(Path filepath) {
    this.filepath = filepath.toString();
  }

  /** The quantity that decides "best" (default {@code val_loss}). */
  public ModelCheckpoint monitor(String value) {
    monitorName = value;
    return this;
  }

  /** Save only when the monitored quantity improves (default false). */
  public ModelCheckpoint saveBestOnly(boolean value) {
    saveBestOnly = value;
    return this;
  }

  /** Text files written into each saved folder beside the SavedModel (a {@code model.json}). */
  public ModelCheckpoint extraFiles(Map<String, String> value) {
    extraFiles = Map.copyOf(value);
    return this;
  }

  /**
   * The path the messages name instead of {@code filepath}: where the saved model ends up when
   * the caller writes it aside first and moves it into place later. Default: {@code filepath}.
   */
  public ModelCheckpoint shownAs(Path value) {
    shownAs = value.toString();
    return this;
  }

  @Override
  public void onTrainBegin() {
    monitor = Monitor.auto(monitorName, 0);
    best = monitor.worst();
  }

  @Override
  public void onEpochEnd(int epoch, Map<String, Double> logs) {
    Path path = Path.of(filepath.replace("{epoch}", String.format("%02d", epoch + 1)));
    if (!saveBestOnly) {
      model().save(path, extraFiles);
      return;
    }
    Double current = logs.get(monitor.name());
    if (current == null) {
      System.err.println("WARNING: ModelCheckpoint monitors '" + monitor.name()
          + "', which is not logged; available: " + logs.keySet());
      return;
    }
    if (monitor.improves(current, best)) {
      System.out.printf("Epoch %d: %s improved from %.5f to %.5f, saving model to %s%n",
          epoch + 1, monitor.name(), best, current, shownAs != null
              ? shownAs.replace("{epoch}", String.format("%02d", epoch + 1)) : path);
      best = current;
      model().save(path, extraFiles);
    } else {
      System.out.printf("Epoch %d: %s did not improve from %.5f%n", epoch + 1, monitor.name(), best);
    }
  }
}
