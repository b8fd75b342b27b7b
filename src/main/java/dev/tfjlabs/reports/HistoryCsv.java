package dev.tfjlabs.reports;

import dev.tfjlabs.keras.callbacks.History;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a {@code CSVLogger} file back into a {@link History} (without epoch times). */
public final class HistoryCsv {
  private HistoryCsv() {}

  /**
   * @throws IllegalArgumentException naming the file when it is not a CSVLogger history
   */
  public static History read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + file + ": " + e.getMessage(), e);
    }
    if (lines.isEmpty() || !lines.get(0).startsWith("epoch,")) {
      throw new IllegalArgumentException(file + " is not a CSVLogger history (no 'epoch' header)");
    }
    String[] keys = lines.get(0).split(",");
    History h = new History();
    for (int row = 1; row < lines.size(); row++) {
      String[] cells = lines.get(row).split(",", -1);
      if (cells.length != keys.length) {
        throw new IllegalArgumentException(file + " line " + (row + 1) + " has " + cells.length
            + " values for " + keys.length + " columns");
      }
      Map<String, Double> logs = new LinkedHashMap<>();
      for (int k = 1; k < keys.length; k++) {
        try {
          logs.put(keys[k], cells[k].isEmpty() ? Double.NaN : Double.parseDouble(cells[k]));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(file + " line " + (row + 1) + ": '" + cells[k]
              + "' is not a number");
        }
      }
      h.add(logs, Double.NaN);
    }
    return h;
  }

  /**
   * Checks that {@code h}, read from {@code file}, has every column a chart needs.
   *
   * @throws IllegalArgumentException naming the file and the first missing column
   */
  public static void require(History h, Path file, String... columns) {
    for (String c : columns) {
      if (!h.history().containsKey(c)) {
        throw new IllegalArgumentException(file + " has no column '" + c + "', which the charts"
            + " need; columns: " + h.history().keySet());
      }
    }
  }
}
