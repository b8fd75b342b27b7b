package dev.tfjlabs.keras.callbacks;

import dev.tfjlabs.io.AtomicFiles;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code keras.callbacks.CSVLogger(filename)}: one row per epoch, columns {@code epoch}
 * (0-based, as Keras writes it) then the logged names in sorted order. The file is rewritten
 * atomically after every epoch, so it is complete whenever it exists.
 */
public final class CSVLogger extends Callback {
  private final Path file;
  private final StringBuilder rows = new StringBuilder();
  private TreeSet<String> keys;

  public CSVLogger(Path file) {
    this.file = file;
  }

  @Override
  public void onTrainBegin() {
    rows.setLength(0);
    keys = null;
  }

  @Override
  public void onEpochEnd(int epoch, Map<String, Double> logs) {
    if (keys == null) {
      keys = new TreeSet<>(logs.keySet());
      rows.append("epoch");
      keys.forEach(k -> rows.append(',').append(k));
      rows.append('\n');
    }
    rows.append(epoch);
    for (String k : keys) {
      Double v = logs.get(k);
      rows.append(',').append(v == null ? "" : Double.toString(v));
    }
    rows.append('\n');
    AtomicFiles.writeString(file, rows.toString());
  }
}
