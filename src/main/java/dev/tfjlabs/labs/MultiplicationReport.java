package dev.tfjlabs.labs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tfjlabs.keras.callbacks.History;
import dev.tfjlabs.reports.Charts;
import dev.tfjlabs.reports.HistoryCsv;
import dev.tfjlabs.reports.Json;
import dev.tfjlabs.reports.LabReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Lab 3's charts: loss and val_loss of each model (the notebook's plot), the three models'
 * val_loss together, and correctness per model.
 */
public final class MultiplicationReport implements LabReport {
  /** Model names and their folder slugs, in the notebook's order. */
  static final Map<String, String> MODELS = new LinkedHashMap<>();

  static {
    MODELS.put("SimpleRNN", "simple-rnn");
    MODELS.put("LSTM", "lstm");
    MODELS.put("GRU", "gru");
  }

  @Override
  public String id() {
    return MultiplicationLab.ID;
  }

  @Override
  public String title() {
    return "Lab 3 (`" + MultiplicationLab.NOTEBOOK + "`): the multiplication problem with"
        + " SimpleRNN, LSTM and GRU.";
  }

  @Override
  public List<String> charts(Path dir) {
    List<String> out = new ArrayList<>();
    MODELS.values().stream().filter(s -> Files.exists(history(dir, s)))
        .forEach(s -> out.add(s + "-loss.png"));
    if (!out.isEmpty()) {
      out.add("val-loss.png");
    }
    if (Files.exists(dir.resolve("results.json"))) {
      out.add("correctness.png");
    }
    return out;
  }

  @Override
  public void rebuild(Path dir) {
    Map<String, History> histories = new LinkedHashMap<>();
    MODELS.forEach((name, slug) -> {
      if (Files.exists(history(dir, slug))) {
        histories.put(name, HistoryCsv.read(history(dir, slug)));
      }
    });
    if (histories.isEmpty()) {
      throw new IllegalArgumentException("no history (simple-rnn-history.csv, lstm-history.csv or"
          + " gru-history.csv) in " + dir);
    }
    histories.forEach((name, h) -> drawModel(dir, name, h));
    drawComparison(dir, histories);
    if (Files.exists(dir.resolve("results.json"))) {
      Map<String, Double> correctness = new LinkedHashMap<>();
      for (JsonNode m : Json.read(dir.resolve("results.json"), JsonNode.class).path("models")) {
        correctness.put(m.path("name").asText(), m.path("correctness").asDouble());
      }
      drawCorrectness(dir, correctness);
    }
  }

  static Path history(Path dir, String slug) {
    return dir.resolve(slug + "-history.csv");
  }

  /** The notebook's plot: loss and val_loss per epoch. */
  static void drawModel(Path dir, String name, History h) {
    Map<String, List<Double>> s = new LinkedHashMap<>();
    s.put("loss", h.get("loss"));
    s.put("val_loss", h.get("val_loss"));
    Charts.savePng(Charts.lines(name + ": loss", "Epoch", "mse", false, s),
        dir.resolve(MODELS.get(name) + "-loss.png"));
  }

  static void drawComparison(Path dir, Map<String, History> histories) {
    Map<String, List<Double>> s = new LinkedHashMap<>();
    histories.forEach((name, h) -> s.put("val_loss " + name, h.get("val_loss")));
    Charts.savePng(Charts.lines("val_loss by model", "Epoch", "val_loss (mse)", true, s),
        dir.resolve("val-loss.png"));
  }

  static void drawCorrectness(Path dir, Map<String, Double> correctness) {
    Charts.savePng(Charts.bars("Correctness (|prediction - target| <= 0.04)", "correctness",
        correctness, 1.0), dir.resolve("correctness.png"));
  }

  @Override
  public List<List<String>> figures(Path dir) {
    JsonNode r = Json.read(dir.resolve("results.json"), JsonNode.class);
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("model", "parameters", "epochs", "test loss", "correctness", "notebook",
        "seconds per epoch", "device"));
    for (JsonNode m : r.path("models")) {
      JsonNode notebook = m.path("notebook_correctness");
      rows.add(List.of(m.path("name").asText(),
          String.format(Locale.ROOT, "%,d", m.path("params").asLong()), m.path("epochs_run").asText(),
          String.format(Locale.ROOT, "%.4f", m.path("test_loss").asDouble()),
          String.format(Locale.ROOT, "%.1f%%", 100 * m.path("correctness").asDouble()),
          notebook.isNumber() ? String.format(Locale.ROOT, "%.1f%%", 100 * notebook.asDouble()) : "-",
          String.format(Locale.ROOT, "%.1f", m.path("seconds_per_epoch").asDouble()),
          r.path("device").asText()));
    }
    return rows;
  }
}
