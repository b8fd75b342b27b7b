package dev.tfjlabs.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One row of a sweep table ({@code sweep-OPTION.csv}): a model trained with one value of the
 * swept option, its best monitored figure (and 1-based epoch), its final losses and its
 * seconds per epoch. Every lab's sweeps share this shape.
 */
public record SweepRow(String option, String value, String model, String monitor, double best,
    int bestEpoch, int epochs, double finalLoss, double finalValLoss, double secondsPerEpoch) {

  public static final String HEADER = "option,value,model,monitor,best,best_epoch,epochs,"
      + "final_loss,final_val_loss,seconds_per_epoch";

  static SweepRow of(String option, String value, ModelResult r) {
    return new SweepRow(option, value, r.name(), r.monitor(),
        r.best() == null ? Double.NaN : r.best(), r.bestEpoch() == null ? 0 : r.bestEpoch(),
        r.epochsRun(), r.finalValues().getOrDefault("loss", Double.NaN),
        r.finalValues().getOrDefault("val_loss", Double.NaN), r.secondsPerEpoch());
  }

  public String csv() {
    return String.format(Locale.ROOT, "%s,%s,%s,%s,%.6f,%d,%d,%.6f,%.6f,%.3f", option, value,
        model, monitor, best, bestEpoch, epochs, finalLoss, finalValLoss, secondsPerEpoch);
  }

  /** The sweep table's text. */
  public static String table(List<SweepRow> rows) {
    StringBuilder sb = new StringBuilder(HEADER).append('\n');
    rows.forEach(r -> sb.append(r.csv()).append('\n'));
    return sb.toString();
  }

  /**
   * Reads a sweep table.
   *
   * @throws IllegalArgumentException naming the file and line when it is not one
   */
  public static List<SweepRow> read(Path csv) {
    List<String> lines;
    try {
      lines = Files.readAllLines(csv);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + csv + ": " + e.getMessage(), e);
    }
    if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
      throw new IllegalArgumentException(csv + " is not a sweep table (header " + HEADER + ")");
    }
    List<SweepRow> rows = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String[] c = lines.get(i).split(",", -1);
      try {
        rows.add(new SweepRow(c[0], c[1], c[2], c[3], Double.parseDouble(c[4]),
            Integer.parseInt(c[5]), Integer.parseInt(c[6]), Double.parseDouble(c[7]),
            Double.parseDouble(c[8]), Double.parseDouble(c[9])));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(csv + " line " + (i + 1) + " is malformed: '"
            + lines.get(i) + "'");
      }
    }
    return rows;
  }
}
