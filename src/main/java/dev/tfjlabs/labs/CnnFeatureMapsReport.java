package dev.tfjlabs.labs;

import dev.tfjlabs.io.AtomicFiles;
import dev.tfjlabs.keras.callbacks.History;
import dev.tfjlabs.keras.data.FloatArray;
import dev.tfjlabs.platform.Figures;
import dev.tfjlabs.platform.LabReport;
import dev.tfjlabs.platform.LabResults;
import dev.tfjlabs.platform.ModelResult;
import dev.tfjlabs.reports.Charts;
import dev.tfjlabs.reports.CsvTable;
import dev.tfjlabs.reports.Histogram;
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
 * Lab 5a/5b's pictures. From saved files (redrawn by {@code reports}): each CNN's loss and
 * accuracy ({@code <model>-history.png}) and the histogram of the conv1 weights trained and
 * before training ({@code fashion-conv1-histogram.png}, from {@code fashion-conv1-weights.csv}).
 * From the trained model (drawn by the lab, kept by {@code reports}): kernel grids on a fixed
 * scale [-0.5, 0.5] with a colour bar, images in {@code gray_r}, feature maps each scaled to
 * its own range, as matplotlib's {@code imshow} does by default.
 */
public final class CnnFeatureMapsReport implements LabReport {
  static final List<String> MODELS = CnnFeatureMapsLab.PARTS.slugs();
  static final String WEIGHTS = "fashion-conv1-weights.csv";
  static final String WEIGHTS_HEADER = "trained,untrained";
  /** Pictures the lab draws from the trained models, in reading order. */
  static final List<String> PICTURES = List.of("fashion-conv1-kernels.png",
      "fashion-conv1-kernels-untrained.png", "fashion-first-image.png", "fashion-conv1-maps.png",
      "fashion-conv2-maps.png", "mnist-predictions.png", "mnist-conv1-maps-0.png",
      "mnist-conv1-maps-1.png", "mnist-conv1-maps-2.png", "mnist-conv1-maps-3.png",
      "mnist-conv1-maps-4.png", "mnist-conv2-maps.png");
  private static final int BINS = 20;

  @Override
  public List<String> charts(Path dir) {
    List<String> out = new ArrayList<>();
    MODELS.stream().filter(m -> Files.exists(history(dir, m))).forEach(m -> out.add(m
        + "-history.png"));
    if (Files.exists(dir.resolve(WEIGHTS))) {
      out.add("fashion-conv1-histogram.png");
    }
    PICTURES.stream().filter(p -> Files.exists(dir.resolve(p))).forEach(out::add);
    return out;
  }

  static Path history(Path dir, String model) {
    return dir.resolve(model + "-history.csv");
  }

  @Override
  public void rebuild(Path dir) {
    for (String m : MODELS) {
      if (!Files.exists(history(dir, m))) {
        continue;
      }
      History h = HistoryCsv.read(history(dir, m));
      HistoryCsv.require(h, history(dir, m), "loss", "val_loss", "accuracy", "val_accuracy");
      Map<String, List<Double>> s = new LinkedHashMap<>();
      s.put("loss", h.get("loss"));
      s.put("val_loss", h.get("val_loss"));
      s.put("accuracy", h.get("accuracy"));
      s.put("val_accuracy", h.get("val_accuracy"));
      Charts.savePng(Charts.lines(m + ": loss and accuracy", "epoch", "value", false, s),
          dir.resolve(m + "-history.png"));
    }
    if (Files.exists(dir.resolve(WEIGHTS))) {
      List<double[]> rows = CsvTable.read(dir.resolve(WEIGHTS), WEIGHTS_HEADER);
      Map<String, List<double[]>> bins = new LinkedHashMap<>();
      double[] trained = rows.stream().mapToDouble(r -> r[0]).toArray();
      double[] before = rows.stream().mapToDouble(r -> r[1]).toArray();
      double[] both = java.util.stream.DoubleStream.concat(java.util.Arrays.stream(trained),
          java.util.Arrays.stream(before)).toArray();
      bins.put("trained", Histogram.bins(trained, BINS, both));
      bins.put("before training", Histogram.bins(before, BINS, both));
      Charts.savePng(Charts.histogram("conv1 weights", "weight", "count", bins),
          dir.resolve("fashion-conv1-histogram.png"));
    }
  }

  /** {@code fashion-conv1-weights.csv}: the conv1 kernel values, trained and before. */
  static void writeWeights(Path dir, float[] trained, float[] before) {
    StringBuilder sb = new StringBuilder(WEIGHTS_HEADER).append('\n');
    for (int i = 0; i < trained.length; i++) {
      sb.append(trained[i]).append(',').append(before[i]).append('\n');
    }
    AtomicFiles.writeString(dir.resolve(WEIGHTS), sb.toString());
  }

  /** The notebook's kernel grid: conv1 [3, 3, 1, 32] as 2 x 16 on the scale [-0.5, 0.5]. */
  static void drawKernels(Path dir, String file, float[] kernel, String heading) {
    int filters = kernel.length / 9;
    List<float[]> images = new ArrayList<>();
    for (int f = 0; f < filters; f++) {
      float[] k = new float[9];
      for (int p = 0; p < 9; p++) {
        k[p] = kernel[p * filters + f];
      }
      images.add(k);
    }
    new ImageGrid(2, filters / 2, 40, -0.5, 0.5, false, true).savePng(dir.resolve(file), images,
        3, 3, null, heading);
  }

  /** One image in {@code gray_r}, pixels / 255 on [0, 1]. */
  static void drawImage(Path dir, String file, float[] image, String heading) {
    new ImageGrid(1, 1, 280, 0, 1, true, false).savePng(dir.resolve(file), List.of(image), 28, 28,
        null, heading);
  }

  /** The first five test images titled with their predicted digits, {@code gray_r}. */
  static void drawPredictions(Path dir, FloatArray five, int[] predicted) {
    List<float[]> images = new ArrayList<>();
    List<String> titles = new ArrayList<>();
    for (int i = 0; i < five.rows(); i++) {
      images.add(five.row(i));
      titles.add("predicted " + predicted[i]);
    }
    new ImageGrid(1, five.rows(), 112, 0, 1, true, false).savePng(dir.resolve(
        "mnist-predictions.png"), images, 28, 28, titles, "the first test images");
  }

  /**
   * One sample's feature maps [1, h, w, channels] as {@code rows x cols}, each map scaled to its
   * own range (matplotlib's default), as the notebook's {@code imshow(feature_maps[0, :, :, i])}.
   */
  static void drawMaps(Path dir, String file, FloatArray maps, int rows, int cols, String heading) {
    int[] s = maps.sampleShape();
    int h = s[0];
    int w = s[1];
    int channels = s[2];
    float[] v = maps.values();
    List<float[]> images = new ArrayList<>();
    for (int c = 0; c < channels; c++) {
      float[] m = new float[h * w];
      float lo = Float.POSITIVE_INFINITY;
      float hi = Float.NEGATIVE_INFINITY;
      for (int p = 0; p < h * w; p++) {
        m[p] = v[p * channels + c];
        lo = Math.min(lo, m[p]);
        hi = Math.max(hi, m[p]);
      }
      for (int p = 0; p < h * w; p++) {
        m[p] = hi > lo ? (m[p] - lo) / (hi - lo) : 0;
      }
      images.add(m);
    }
    new ImageGrid(rows, cols, Math.max(56, 2 * h), 0, 1, false, false).savePng(dir.resolve(file),
        images, h, w, null, heading);
  }

  private static String figure(double v, String format) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, format, v);
  }

  @Override
  public List<List<String>> figures(LabResults r) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("model", "parameters", "epochs run (restored)", "val_accuracy",
        "test_accuracy", "notebook (val / test)", "seconds per epoch", "GFLOP/s", "device"));
    for (ModelResult m : r.models()) {
      Double nv = m.notebook().get(Figures.VAL_ACCURACY);
      Double nt = m.notebook().get(Figures.TEST_ACCURACY);
      boolean loaded = m.epochsRun() == 0;
      rows.add(List.of(m.name(), String.format(Locale.ROOT, "%,d", m.params()),
          loaded ? "loaded, not trained here"
              : String.format(Locale.ROOT, "%d (%.0f)", m.epochsRun(), m.figure(Figures.RESTORED_EPOCH)),
          figure(m.figure(Figures.VAL_ACCURACY), "%.4f"), figure(m.figure(Figures.TEST_ACCURACY), "%.4f"),
          (nv == null ? "-" : String.format(Locale.ROOT, "%.4f", nv)) + " / "
              + (nt == null ? "-" : String.format(Locale.ROOT, "%.4f", nt)),
          loaded ? "-" : String.format(Locale.ROOT, "%.1f", m.secondsPerEpoch()),
          figure(m.figure(Figures.TRAIN_GFLOP_PER_S), "%.1f"), r.device()));
    }
    return rows;
  }
}
