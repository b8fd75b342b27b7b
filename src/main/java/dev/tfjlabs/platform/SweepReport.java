package dev.tfjlabs.platform;

import dev.tfjlabs.reports.Charts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The charts of any lab's sweep table {@code sweep-OPTION.csv}, in one style: the best
 * monitored figure and the seconds per epoch for each swept value, one bar per model.
 */
public final class SweepReport {
  private SweepReport() {}

  /** The table's file name for {@code option}. */
  public static String table(String option) {
    return "sweep-" + option + ".csv";
  }

  /** The sweep tables in {@code dir}, by file name. */
  public static List<Path> tables(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().matches("sweep-.+\\.csv")).sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not list " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The charts the sweep tables in {@code dir} make, by file name. */
  public static List<String> charts(Path dir) {
    List<String> out = new ArrayList<>();
    for (Path t : tables(dir)) {
      String base = t.getFileName().toString().replaceFirst("\\.csv$", "");
      out.add(base + "-best.png");
      out.add(base + "-seconds.png");
    }
    return out;
  }

  /** Redraws the charts of every sweep table in {@code dir}. */
  public static void rebuild(Path dir) {
    for (Path t : tables(dir)) {
      List<SweepRow> rows = SweepRow.read(t);
      String option = t.getFileName().toString().replaceFirst("^sweep-", "")
          .replaceFirst("\\.csv$", "");
      draw(dir, option, rows);
    }
  }

  /** {@code sweep-OPTION-best.png} and {@code sweep-OPTION-seconds.png}. */
  public static void draw(Path dir, String option, List<SweepRow> rows) {
    String monitor = rows.isEmpty() ? "best" : rows.get(0).monitor();
    Charts.savePng(Charts.groupedBars("Best " + monitor + " by " + option, option,
        "best " + monitor, series(rows, SweepRow::best)), dir.resolve("sweep-" + option + "-best.png"));
    Charts.savePng(Charts.groupedBars("Seconds per epoch by " + option, option,
        "seconds per epoch", series(rows, SweepRow::secondsPerEpoch)),
        dir.resolve("sweep-" + option + "-seconds.png"));
  }

  /**
   * One series per model, bars grouped by the swept value; when no value has more than one model
   * (a sweep over the model itself, such as {@code cell=rnn,gru}), one series whose bars name
   * their model, so that each bar stands on its own tick label instead of beside an empty slot.
   */
  static Map<String, Map<String, Double>> series(List<SweepRow> rows,
      java.util.function.ToDoubleFunction<SweepRow> value) {
    Map<String, Map<String, Double>> s = new LinkedHashMap<>();
    Map<String, Integer> modelsPerValue = new LinkedHashMap<>();
    for (SweepRow r : rows) {
      s.computeIfAbsent(r.model(), k -> new LinkedHashMap<>()).put(r.value(), value.applyAsDouble(r));
      modelsPerValue.merge(r.value(), 1, Integer::sum);
    }
    if (s.size() > 1 && modelsPerValue.values().stream().allMatch(n -> n == 1)) {
      Map<String, Double> one = new LinkedHashMap<>();
      for (SweepRow r : rows) {
        one.put(r.value() + " (" + r.model() + ")", value.applyAsDouble(r));
      }
      return Map.of("by model", one);
    }
    return s;
  }
}
