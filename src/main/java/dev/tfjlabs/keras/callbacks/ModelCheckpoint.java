package dev.tfjlabs.keras.callbacks;

import java.nio.file.Path;
import java.util.Map;

/**
 * {@code keras.callbacks.ModelCheckpoint(filepath, monitor="val_loss", save_best_only=False)}:
 * saves the model as a SavedModel after each epoch, or only when {@code monitor} improves.
 * {@code {epoch}} in the path becomes the 1-based epoch number.
 */
public final class ModelCheckpoint extends Callback {
  private final String filepath;
  private final Monitor monitor;
  private final boolean saveBestOnly;
  private double best;

  public ModelCheckpoint(Path filepath, String monitor, boolean saveBestOnly) {
    this.filepath = filepath.toString();
    this.monitor = Monitor.auto(monitor, 0);
    this.saveBestOnly = saveBestOnly;
  }

  @Override
  public void onTrainBegin() {
    best = monitor.worst();
  }

  @Override
  public void onEpochEnd(int epoch, Map<String, Double> logs) {
    Path path = Path.of(filepath.replace("{epoch}", String.format("%02d", epoch + 1)));
    if (!saveBestOnly) {
      model().save(path);
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
          epoch + 1, monitor.name(), best, current, path);
      best = current;
      model().save(path);
    } else {
      System.out.printf("Epoch %d: %s did not improve from %.5f%n", epoch + 1, monitor.name(), best);
    }
  }
}
