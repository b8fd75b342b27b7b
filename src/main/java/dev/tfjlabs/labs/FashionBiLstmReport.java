package dev.tfjlabs.labs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tfjlabs.keras.callbacks.History;
import dev.tfjlabs.reports.Charts;
import dev.tfjlabs.reports.HistoryCsv;
import dev.tfjlabs.reports.Json;
import dev.tfjlabs.reports.LabReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Lab 1's charts: the notebook's two semilogy plots "LOSS" and "Accuracy" (curves loss_Bi,
 * val_loss_Bi, loss_R, val_loss_R and their accuracy counterparts), and for each exercise sweep
 * best val_accuracy and seconds per epoch against the swept value.
 */
public final class FashionBiLstmReport implements LabReport {
  /** Model folders and history files, in the notebook's plotting order. */
  static final List<String> SLUGS = List.of("bidirectional-rnn", "basic-rnn");
  static final List<String> SWEEPS = List.of("sweep-batch", "sweep-epochs");

  @Override
  public String id() {
    return FashionBiLstmLab.ID;
  }

  @Override
  public String title() {
    return "Lab 1 (`" + FashionBiLstmLab.NOTEBOOK + "`): LSTM vs Bidirectional LSTM on"
        + " Fashion-MNIST.";
  }

  @Override
  public List<String> charts(Path dir) {
    List<String> out = new ArrayList<>();
    if (SLUGS.stream().anyMatch(s -> Files.exists(history(dir, s)))) {
      out.addAll(List.of("loss.png", "accuracy.png"));
    }
    for (String sweep : SWEEPS) {
      if (Files.exists(dir.resolve(sweep + ".csv"))) {
        out.addAll(List.of(sweep + "-accuracy.png", sweep + "-seconds.png"));
      }
    }
    return out;
  }

  @Override
  public void rebuild(Path dir) {
    Map<String, History> histories = new LinkedHashMap<>();
    for (String slug : SLUGS) {
      if (Files.exists(history(dir, slug))) {
        histories.put(slug, HistoryCsv.read(history(dir, slug)));
      }
    }
    if (histories.isEmpty() && SWEEPS.stream().noneMatch(s -> Files.exists(dir.resolve(s + ".csv")))) {
      throw new IllegalArgumentException("no history (" + history(dir, "basic-rnn").getFileName()
          + " or " + history(dir, "bidirectional-rnn").getFileName() + ") nor sweep in " + dir);
    }
    if (!histories.isEmpty()) {
      drawHistories(dir, histories);
    }
    for (String sweep : SWEEPS) {
      Path csv = dir.resolve(sweep + ".csv");
      if (Files.exists(csv)) {
        drawSweep(dir, sweep, readSweep(csv));
      }
    }
  }

  static Path history(Path dir, String slug) {
    return dir.resolve(slug + "-history.csv");
  }

  /** "LOSS" and "Accuracy" from the histories by model slug. */
  static void drawHistories(Path dir, Map<String, History> histories) {
    Charts.savePng(Charts.lines("LOSS", "epoch", "loss", true, curves(histories, "loss")),
        dir.resolve("loss.png"));
    Charts.savePng(Charts.lines("Accuracy", "epoch", "accuracy", true,
        curves(histories, "accuracy")), dir.resolve("accuracy.png"));
  }

  /** In the notebook's order and names: loss_Bi, val_loss_Bi, loss_R, val_loss_R. */
  static Map<String, List<Double>> curves(Map<String, History> histories, String key) {
    Map<String, List<Double>> series = new LinkedHashMap<>();
    for (String slug : SLUGS) {
      History h = histories.get(slug);
      if (h != null) {
        String suffix = slug.equals("basic-rnn") ? "_R" : "_Bi";
        series.put(key + suffix, h.get(key));
        series.put("val_" + key + suffix, h.get("val_" + key));
      }
    }
    return series;
  }

  /** One sweep's row: batch size, epochs, best val_accuracy, seconds per epoch. */
  record SweepRow(int batchSize, int epochs, double bestValAccuracy, double secondsPerEpoch) {
    static final String HEADER = "batch_size,epochs,best_val_accuracy,seconds_per_epoch";

    String csv() {
      return String.format(Locale.ROOT, "%d,%d,%.6f,%.3f", batchSize, epochs, bestValAccuracy,
          secondsPerEpoch);
    }
  }

  static List<SweepRow> readSweep(Path csv) {
    List<String> lines;
    try {
      lines = Files.readAllLines(csv);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + csv + ": " + e.getMessage(), e);
    }
    if (lines.isEmpty() || !lines.get(0).equals(SweepRow.HEADER)) {
      throw new IllegalArgumentException(csv + " is not a sweep table (header "
          + SweepRow.HEADER + ")");
    }
    List<SweepRow> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] c = line.split(",");
      try {
        rows.add(new SweepRow(Integer.parseInt(c[0]), Integer.parseInt(c[1]),
            Double.parseDouble(c[2]), Double.parseDouble(c[3])));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(csv + ": malformed row '" + line + "'");
      }
    }
    return rows;
  }

  /** Best val_accuracy and seconds per epoch against the swept quantity. */
  static void drawSweep(Path dir, String sweep, List<SweepRow> rows) {
    boolean byBatch = sweep.equals("sweep-batch");
    String xLabel = byBatch ? "batch size" : "epochs";
    List<Double> xs = rows.stream().map(r -> (double) (byBatch ? r.batchSize() : r.epochs())).toList();
    Charts.savePng(Charts.xy("Basic-RNN: best val_accuracy by " + xLabel, xLabel,
        "best val_accuracy", "Basic-RNN", xs, rows.stream().map(SweepRow::bestValAccuracy).toList()),
        dir.resolve(sweep + "-accuracy.png"));
    Charts.savePng(Charts.xy("Basic-RNN: seconds per epoch by " + xLabel, xLabel,
        "seconds per epoch", "Basic-RNN", xs, rows.stream().map(SweepRow::secondsPerEpoch).toList()),
        dir.resolve(sweep + "-seconds.png"));
  }

  @Override
  public List<List<String>> figures(Path dir) {
    JsonNode r = Json.read(dir.resolve("results.json"), JsonNode.class);
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("model", "parameters", "epochs", "batch", "best val_accuracy (epoch)",
        "notebook", "seconds per epoch", "device"));
    for (JsonNode m : r.path("models")) {
      JsonNode notebook = m.path("notebook_best_val_accuracy");
      rows.add(List.of(m.path("name").asText(), String.format(Locale.ROOT, "%,d",
              m.path("params").asLong()), m.path("epochs_run").asText(), m.path("batch_size").asText(),
          String.format(Locale.ROOT, "%.4f (%d)", m.path("best_val_accuracy").asDouble(),
              m.path("best_epoch").asInt()),
          notebook.isNumber() ? String.format(Locale.ROOT, "%.2f", notebook.asDouble()) : "-",
          String.format(Locale.ROOT, "%.1f", m.path("seconds_per_epoch").asDouble()),
          r.path("device").asText()));
    }
    return rows;
  }
}
