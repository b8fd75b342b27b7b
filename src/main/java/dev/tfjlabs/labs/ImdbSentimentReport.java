package dev.tfjlabs.labs;

import dev.tfjlabs.io.AtomicFiles;
import dev.tfjlabs.keras.callbacks.History;
import dev.tfjlabs.platform.Figures;
import dev.tfjlabs.platform.LabReport;
import dev.tfjlabs.platform.LabResults;
import dev.tfjlabs.platform.ModelResult;
import dev.tfjlabs.reports.Charts;
import dev.tfjlabs.reports.CsvTable;
import dev.tfjlabs.reports.Histogram;
import dev.tfjlabs.reports.HistoryCsv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Lab 5c's charts: the histogram of the training reviews' lengths ({@code lengths.png}, from
 * {@code lengths.csv}), each model's loss and val_loss as the notebook plots them
 * ({@code <model>-loss.png}), and the five models' val_loss together ({@code val-loss.png}).
 */
public final class ImdbSentimentReport implements LabReport {
  static final List<String> MODELS = ImdbSentimentLab.MODELS.slugs();
  static final String LENGTHS_HEADER = "from,to,count";
  /** matplotlib's default bin count. */
  static final int BINS = 10;

  @Override
  public List<String> requiredFiles() {
    return List.of("lengths.csv");
  }

  @Override
  public List<String> charts(Path dir) {
    List<String> out = new ArrayList<>();
    if (Files.exists(dir.resolve("lengths.csv"))) {
      out.add("lengths.png");
    }
    MODELS.stream().filter(m -> Files.exists(history(dir, m))).forEach(m -> out.add(m + "-loss.png"));
    if (MODELS.stream().anyMatch(m -> Files.exists(history(dir, m)))) {
      out.add("val-loss.png");
    }
    return out;
  }

  static Path history(Path dir, String model) {
    return dir.resolve(model + "-history.csv");
  }

  /** {@code lengths.csv}: the histogram bins of the training reviews' lengths. */
  static void writeLengths(Path dir, double[] lengths) {
    StringBuilder sb = new StringBuilder(LENGTHS_HEADER).append('\n');
    for (double[] b : Histogram.bins(lengths, BINS)) {
      sb.append(String.format(Locale.ROOT, "%.1f,%.1f,%.0f%n", b[0], b[1], b[2]));
    }
    AtomicFiles.writeString(dir.resolve("lengths.csv"), sb.toString());
  }

  @Override
  public void rebuild(Path dir) {
    Path lengths = dir.resolve("lengths.csv");
    if (Files.exists(lengths)) {
      Charts.savePng(Charts.histogram("Review lengths (training set)", "length (words)",
          "reviews", Map.of("train", CsvTable.read(lengths, LENGTHS_HEADER))), dir.resolve("lengths.png"));
    }
    Map<String, List<Double>> all = new LinkedHashMap<>();
    for (String m : MODELS) {
      if (!Files.exists(history(dir, m))) {
        continue;
      }
      History h = HistoryCsv.read(history(dir, m));
      HistoryCsv.require(h, history(dir, m), "loss", "val_loss");
      Map<String, List<Double>> s = new LinkedHashMap<>();
      s.put("train", h.get("loss"));
      s.put("val", h.get("val_loss"));
      Charts.savePng(Charts.lines(m + ": loss", "epoch", "loss", false, s),
          dir.resolve(m + "-loss.png"));
      all.put("val_loss " + m, h.get("val_loss"));
    }
    if (!all.isEmpty()) {
      Charts.savePng(Charts.lines("val_loss by model", "epoch", "val_loss", false, all),
          dir.resolve("val-loss.png"));
    }
  }

  @Override
  public List<List<String>> figures(LabResults r) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("model", "parameters", "epochs run", "restored epoch",
        "best val_accuracy (epoch)", "restored model's val_accuracy", "textbook",
        "seconds per epoch", "peak RSS (MB)", "device"));
    for (ModelResult m : r.models()) {
      Double textbook = m.notebook().get(Figures.VAL_ACCURACY);
      rows.add(List.of(m.name(), String.format(Locale.ROOT, "%,d", m.params()),
          Integer.toString(m.epochsRun()),
          String.format(Locale.ROOT, "%.0f", m.figure(Figures.RESTORED_EPOCH)),
          String.format(Locale.ROOT, "%.4f (%d)", m.best(), m.bestEpoch()),
          String.format(Locale.ROOT, "%.4f", m.figure(Figures.RESTORED_VAL_ACCURACY)),
          textbook == null ? "-" : String.format(Locale.ROOT, "about %.1f", textbook),
          String.format(Locale.ROOT, "%.1f", m.secondsPerEpoch()),
          String.format(Locale.ROOT, "%.0f", m.figure(Figures.PEAK_RSS_MB)), r.device()));
    }
    return rows;
  }
}
