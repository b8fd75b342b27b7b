package dev.tfjlabs.keras.callbacks;

import dev.tfjlabs.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code keras.callbacks.CSVLogger(filename)}: one row per epoch, columns {@code epoch}
 * (0-based, as Keras writes it) then the logged names in sorted order. While training, the rows
 * go to {@code <filename>.partial} (rewritten atomically after every epoch); when training ends
 * that file is renamed to {@code filename}, so an interrupted run never replaces the history of
 * a finished one.
 */
public final class CSVLogger extends Callback {
  private final Path file;
  private final Path partial;
  private final StringBuilder rows = new StringBuilder();
  private TreeSet<String> keys;
  private boolean publishOnTrainEnd = true;

  public CSVLogger(Path file) {
    this.file = file;
    this.partial = file.resolveSibling(file.getFileName() + ".partial");
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
    AtomicFiles.writeString(partial, rows.toString());
  }

  @Override
  public void onTrainEnd() {
    if (publishOnTrainEnd) {
      publish();
    }
  }

  /**
   * Leave the rows in {@code <filename>.partial} when training ends, for the caller to
   * {@link #publish} together with the model they describe (default: publish at train end).
   */
  public CSVLogger publishOnTrainEnd(boolean value) {
    publishOnTrainEnd = value;
    return this;
  }

  /** The history's file, {@code filename}. */
  public Path file() {
    return file;
  }

  /** Where the rows are until they are published: {@code <filename>.partial}. */
  public Path partialFile() {
    return partial;
  }

  /** Renames {@code <filename>.partial} to {@code filename}. */
  public void publish() {
    if (Files.exists(partial)) {
      try {
        AtomicFiles.move(partial, file);
      } catch (IOException e) {
        throw new UncheckedIOException("Could not rename " + partial + " to " + file, e);
      }
    }
  }
}
