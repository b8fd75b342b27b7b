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
 * Lab 1's charts: the notebook's two semilogy plots "LOSS" and "Accuracy" with its curves
 * loss_Bi, val_loss_Bi, loss_R, val_loss_R and their accuracy counterparts.
 */
public final class FashionBiLstmReport implements LabReport {
  /** Model folders and history files, in the notebook's plotting order. */
  /** The Bidirectional-RNN first: the charts draw it under the Basic-RNN. */
  static final List<String> SLUGS = List.of(FashionBiLstmLab.BI.slug(),
      FashionBiLstmLab.BASIC.slug());

  @Override
  public List<String> charts(Path dir) {
    return SLUGS.stream().anyMatch(s -> Files.exists(history(dir, s)))
        ? List.of("loss.png", "accuracy.png") : List.of();
  }

  @Override
  public void rebuild(Path dir) {
    Map<String, History> histories = new LinkedHashMap<>();
    for (String slug : SLUGS) {
      if (Files.exists(history(dir, slug))) {
        History h = HistoryCsv.read(history(dir, slug));
        HistoryCsv.require(h, history(dir, slug), "loss", "val_loss", "accuracy", "val_accuracy");
        histories.put(slug, h);
      }
    }
    if (histories.isEmpty()) {
      return;
    }
    Charts.savePng(Charts.lines("LOSS", "epoch", "loss", true, curves(histories, "loss")),
        dir.resolve("loss.png"));
    Charts.savePng(Charts.lines("Accuracy", "epoch", "accuracy", true,
        curves(histories, "accuracy")), dir.resolve("accuracy.png"));
  }

  static Path history(Path dir, String slug) {
    return dir.resolve(slug + "-history.csv");
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

  @Override
  public List<List<String>> figures(LabResults r) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("model", "parameters", "epochs", "batch", "best val_accuracy (epoch)",
        "notebook", "seconds per epoch", "device"));
    for (ModelResult m : r.models()) {
      Double notebook = m.notebook().get(Figures.BEST_VAL_ACCURACY);
      rows.add(List.of(m.name(), String.format(Locale.ROOT, "%,d", m.params()),
          Integer.toString(m.epochsRun()), Integer.toString(m.batchSize()),
          String.format(Locale.ROOT, "%.4f (%d)", m.best(), m.bestEpoch()),
          notebook != null ? String.format(Locale.ROOT, "%.2f", notebook) : "-",
          String.format(Locale.ROOT, "%.1f", m.secondsPerEpoch()), r.device()));
    }
    return rows;
  }
}
