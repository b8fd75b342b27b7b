package dev.tfjlabs.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The small numeric CSV tables the labs save beside their histories, read back checked. */
public final class CsvTable {
  private CsvTable() {}

  /**
   * The rows of {@code csv} as numbers, one array per line after the header.
   *
   * @throws IllegalArgumentException naming the file when the header is not {@code header} or
   *     a line does not hold one number per column
   */
  public static List<double[]> read(Path csv, String header) {
    List<String> lines;
    try {
      lines = Files.readAllLines(csv);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + csv + ": " + e.getMessage(), e);
    }
    if (lines.isEmpty() || !lines.get(0).equals(header)) {
      throw new IllegalArgumentException(csv + " is not the expected table (header " + header
          + ")");
    }
    int columns = header.split(",").length;
    List<double[]> rows = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String[] cells = lines.get(i).split(",", -1);
      double[] row = new double[columns];
      try {
        if (cells.length != columns) {
          throw new NumberFormatException();
        }
        for (int c = 0; c < columns; c++) {
          row[c] = Double.parseDouble(cells[c]);
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(csv + " line " + (i + 1) + " is malformed: '"
            + lines.get(i) + "'");
      }
      rows.add(row);
    }
    return rows;
  }
}
