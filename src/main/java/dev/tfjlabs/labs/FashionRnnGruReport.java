package dev.tfjlabs.labs;

import dev.tfjlabs.data.FashionMnist;
import dev.tfjlabs.data.ImageDataset;
import dev.tfjlabs.io.AtomicFiles;
import dev.tfjlabs.keras.callbacks.History;
import dev.tfjlabs.platform.Figures;
import dev.tfjlabs.platform.LabReport;
import dev.tfjlabs.platform.LabResults;
import dev.tfjlabs.platform.ModelResult;
import dev.tfjlabs.reports.Charts;
import dev.tfjlabs.reports.HistoryCsv;
import dev.tfjlabs.reports.ImageGrid;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Lab 4's pictures: the notebook's 5x5 grid of test images titled with their classes
 * ({@code samples.png}), the train and validation loss of both models ({@code loss.png}), their
 * accuracies ({@code accuracy.png}), and per model the test accuracy of every checkpoint
 * ({@code <model>-checkpoints.csv}).
 */
public final class FashionRnnGruReport implements LabReport {
  static final List<String> MODELS = FashionRnnGruLab.MODELS.slugs();
  static final String CHECKPOINTS_HEADER = "epoch,test_accuracy";

  @Override
  public List<String> charts(Path dir) {
    List<String> out = new ArrayList<>();
    if (Files.exists(dir.resolve("samples.png"))) {
      out.add("samples.png");
    }
    if (MODELS.stream().anyMatch(m -> Files.exists(history(dir, m)))) {
      out.addAll(List.of("loss.png", "accuracy.png"));
    }
    return out;
  }

  static Path history(Path dir, String model) {
    return dir.resolve(model + "-history.csv");
  }

  @Override
  public void rebuild(Path dir) {
    Map<String, List<Double>> loss = new LinkedHashMap<>();
    Map<String, List<Double>> accuracy = new LinkedHashMap<>();
    for (String m : MODELS) {
      if (!Files.exists(history(dir, m))) {
        continue;
      }
      History h = HistoryCsv.read(history(dir, m));
      HistoryCsv.require(h, history(dir, m), "loss", "accuracy", "val_loss", "val_accuracy");
      String name = m.toUpperCase();
      loss.put("train " + name, h.get("loss"));
      loss.put("val " + name, h.get("val_loss"));
      accuracy.put("train " + name, h.get("accuracy"));
      accuracy.put("val " + name, h.get("val_accuracy"));
    }
    if (!loss.isEmpty()) {
      Charts.savePng(Charts.lines("Loss", "epoch", "cross-entropy", false, loss),
          dir.resolve("loss.png"));
      Charts.savePng(Charts.lines("Accuracy", "epoch", "accuracy", false, accuracy),
          dir.resolve("accuracy.png"));
    }
  }

  /**
   * The notebook's grid: 5x5 test images with their class names. Its loop increments
   * {@code count} before drawing, so it shows test images 2 to 26; so does this one.
   */
  static void drawSamples(Path dir, ImageDataset test) {
    List<float[]> images = new ArrayList<>();
    List<String> titles = new ArrayList<>();
    for (int i = 2; i < 27; i++) {
      float[] img = new float[test.rows() * test.cols()];
      for (int p = 0; p < img.length; p++) {
        img[p] = test.pixel(i, p / test.cols(), p % test.cols());
      }
      images.add(img);
      titles.add(FashionMnist.CLASS_NAMES.get(test.labels()[i]));
    }
    new ImageGrid(5, 5, 112, 0, 255, false, false).savePng(dir.resolve("samples.png"), images,
        test.rows(), test.cols(), titles, null);
  }

  /** {@code <model>-checkpoints.csv}: epoch, test accuracy of that epoch's checkpoint. */
  static void writeCheckpoints(Path dir, String model, Map<Integer, Double> tested) {
    StringBuilder sb = new StringBuilder(CHECKPOINTS_HEADER).append('\n');
    tested.forEach((e, a) -> sb.append(e).append(',')
        .append(String.format(Locale.ROOT, "%.4f", a)).append('\n'));
    AtomicFiles.writeString(dir.resolve(model + "-checkpoints.csv"), sb.toString());
  }

  @Override
  public List<List<String>> figures(LabResults r) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("model", "parameters", "epochs", "best checkpoint (epoch)", "test accuracy",
        "target", "notebook", "seconds per epoch", "RSS start / end (MB)", "device"));
    for (ModelResult m : r.models()) {
      Double notebook = m.notebook().get(Figures.TEST_ACCURACY);
      Double target = FashionRnnGruLab.TARGET.get(m.slug());
      rows.add(List.of(m.name(), String.format(Locale.ROOT, "%,d", m.params()),
          Integer.toString(m.epochsRun()),
          String.format(Locale.ROOT, "%.0f", m.figure(Figures.BEST_CHECKPOINT_EPOCH)),
          String.format(Locale.ROOT, "%.2f%%", 100 * m.figure(Figures.TEST_ACCURACY)),
          target == null ? "-" : String.format(Locale.ROOT, "%.0f%%", 100 * target),
          notebook == null ? "-" : String.format(Locale.ROOT, "%.2f%%", 100 * notebook),
          String.format(Locale.ROOT, "%.1f", m.secondsPerEpoch()),
          String.format(Locale.ROOT, "%.0f / %.0f", m.figure(Figures.RSS_START_MB),
              m.figure(Figures.RSS_END_MB)), r.device()));
    }
    return rows;
  }
}
