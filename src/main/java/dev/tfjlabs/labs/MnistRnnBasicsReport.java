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
 * Lab 2's charts, one curve per recorded run (cell and learning rate): the notebook's
 * {@code Avg. cost} per epoch with the validation cost dashed ({@code cost.png}), and the
 * validation accuracy per epoch ({@code accuracy.png}).
 */
public final class MnistRnnBasicsReport implements LabReport {

  @Override
  public List<String> charts(Path dir) {
    return Files.exists(dir.resolve(LabResults.FILE)) ? List.of("cost.png", "accuracy.png")
        : List.of();
  }

  @Override
  public void rebuild(Path dir) {
    if (!Files.exists(dir.resolve(LabResults.FILE))) {
      return;
    }
    Map<String, List<Double>> cost = new LinkedHashMap<>();
    Map<String, List<Double>> accuracy = new LinkedHashMap<>();
    for (ModelResult m : LabResults.read(dir).models()) {
      if (m.historyFile() == null) {
        continue;
      }
      History h = HistoryCsv.read(dir.resolve(m.historyFile()));
      HistoryCsv.require(h, dir.resolve(m.historyFile()), "loss", "val_loss", "val_accuracy");
      cost.put("cost " + m.name(), h.get("loss"));
      cost.put("val_cost " + m.name(), h.get("val_loss"));
      accuracy.put("val_accuracy " + m.name(), h.get("val_accuracy"));
    }
    Charts.savePng(Charts.lines("Avg. cost per epoch", "epoch", "cost", true, cost),
        dir.resolve("cost.png"));
    Charts.savePng(Charts.lines("Validation accuracy", "epoch", "accuracy", false, accuracy),
        dir.resolve("accuracy.png"));
  }

  @Override
  public List<List<String>> figures(LabResults r) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("model", "parameters", "epochs", "batch", "final cost",
        "best val_accuracy (epoch)", "test accuracy", "notebook", "seconds per epoch (notebook)",
        "device"));
    for (ModelResult m : r.models()) {
      Double notebook = m.notebook().get(Figures.TEST_ACCURACY);
      Double notebookSeconds = m.notebook().get(Figures.SECONDS_PER_EPOCH);
      rows.add(List.of(m.name(), String.format(Locale.ROOT, "%,d", m.params()),
          Integer.toString(m.epochsRun()), Integer.toString(m.batchSize()),
          String.format(Locale.ROOT, "%.3f", m.finalValues().getOrDefault("loss", Double.NaN)),
          String.format(Locale.ROOT, "%.4f (%d)", m.best(), m.bestEpoch()),
          String.format(Locale.ROOT, "%.4f", m.figure(Figures.TEST_ACCURACY)),
          notebook != null ? String.format(Locale.ROOT, "%.4f", notebook) : "-",
          String.format(Locale.ROOT, "%.1f", m.secondsPerEpoch())
              + (notebookSeconds != null ? String.format(Locale.ROOT, " (%.1f)", notebookSeconds)
                  : ""), r.device()));
    }
    return rows;
  }
}
