package dev.tfjlabs.labs;

import dev.tfjlabs.keras.callbacks.History;
import dev.tfjlabs.platform.Figures;
import dev.tfjlabs.platform.LabReport;
import dev.tfjlabs.platform.LabResults;
import dev.tfjlabs.platform.ModelResult;
import dev.tfjlabs.reports.Charts;
import dev.tfjlabs.reports.HistoryCsv;
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
  /** Model names and their file slugs, in the notebook's order, as the lab declares them. */
  static final Map<String, String> MODELS = MultiplicationLab.SLUGS_BY_NAME;

  @Override
  public List<String> charts(Path dir) {
    List<String> out = new ArrayList<>();
    MODELS.values().stream().filter(s -> Files.exists(history(dir, s)))
        .forEach(s -> out.add(s + "-loss.png"));
    if (!out.isEmpty()) {
      out.add("val-loss.png");
    }
    if (Files.exists(dir.resolve(LabResults.FILE))) {
      out.add("correctness.png");
    }
    return out;
  }

  @Override
  public void rebuild(Path dir) {
    Map<String, History> histories = new LinkedHashMap<>();
    MODELS.forEach((name, slug) -> {
      if (Files.exists(history(dir, slug))) {
        History h = HistoryCsv.read(history(dir, slug));
        HistoryCsv.require(h, history(dir, slug), "loss", "val_loss");
        histories.put(name, h);
      }
    });
    histories.forEach((name, h) -> drawModel(dir, name, h));
    if (!histories.isEmpty()) {
      Map<String, List<Double>> s = new LinkedHashMap<>();
      histories.forEach((name, h) -> s.put("val_loss " + name, h.get("val_loss")));
      Charts.savePng(Charts.lines("val_loss by model", "epoch", "val_loss (mse)", true, s),
          dir.resolve("val-loss.png"));
    }
    if (Files.exists(dir.resolve(LabResults.FILE))) {
      Map<String, Double> correctness = new LinkedHashMap<>();
      for (ModelResult m : LabResults.read(dir).models()) {
        correctness.put(m.name(), m.figure(Figures.CORRECTNESS));
      }
      Charts.savePng(Charts.bars("Correctness (|prediction - target| <= 0.04)", "correctness",
          correctness, 1.0), dir.resolve("correctness.png"));
    }
  }

  static Path history(Path dir, String slug) {
    return dir.resolve(slug + "-history.csv");
  }

  /** The notebook's plot: loss and val_loss per epoch. */
  private static void drawModel(Path dir, String name, History h) {
    Map<String, List<Double>> s = new LinkedHashMap<>();
    s.put("loss", h.get("loss"));
    s.put("val_loss", h.get("val_loss"));
    Charts.savePng(Charts.lines(name + ": loss", "epoch", "mse", false, s),
        dir.resolve(MODELS.get(name) + "-loss.png"));
  }

  @Override
  public List<List<String>> figures(LabResults r) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("model", "parameters", "epochs", "test loss", "correctness", "notebook",
        "seconds per epoch", "device"));
    for (ModelResult m : r.models()) {
      Double notebook = m.notebook().get(Figures.CORRECTNESS);
      rows.add(List.of(m.name(), String.format(Locale.ROOT, "%,d", m.params()),
          Integer.toString(m.epochsRun()),
          String.format(Locale.ROOT, "%.4f", m.figure(Figures.TEST_LOSS)),
          String.format(Locale.ROOT, "%.1f%%", 100 * m.figure(Figures.CORRECTNESS)),
          notebook != null ? String.format(Locale.ROOT, "%.1f%%", 100 * notebook) : "-",
          String.format(Locale.ROOT, "%.1f", m.secondsPerEpoch()), r.device()));
    }
    return rows;
  }
}
