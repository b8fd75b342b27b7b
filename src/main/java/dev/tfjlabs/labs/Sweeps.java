package dev.tfjlabs.labs;

import dev.tfjlabs.data.FloatArray;
import dev.tfjlabs.io.AtomicFiles;
import dev.tfjlabs.keras.callbacks.History;
import dev.tfjlabs.reports.Charts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The exercises of lab 1: Basic-RNN's best val_accuracy and seconds per epoch against the batch
 * size ({@code --sweep-batch}) and against the number of epochs ({@code --sweep-epochs}, at
 * {@code --batch-size}). Training is deterministic for a seed, so an E-epoch run is the first E
 * epochs of a longer one: the epoch sweep trains once, for the largest count, and reads each
 * count's figures from that run's prefix.
 */
final class Sweeps {
  private final FashionBiLstmLab lab;
  private final Path reports;

  Sweeps(FashionBiLstmLab lab, Path reports) {
    this.lab = lab;
    this.reports = reports;
  }

  private record Row(int batchSize, int epochs, double bestValAccuracy, double secondsPerEpoch) {}

  void run(FloatArray xTrain, FloatArray yTrain, FloatArray xTest, FloatArray yTest) {
    LabOptions o = lab.options();
    if (lab.sweepBatch != null) {
      List<Row> rows = new ArrayList<>();
      int epochs = o.epochsOr(FashionBiLstmLab.BASIC_EPOCHS);
      for (int b : lab.sweepBatch) {
        requirePositive("--sweep-batch", b);
        History h = lab.train(lab.basicRnn(), "sweep", epochs, b, xTrain, yTrain, xTest, yTest,
            false).history();
        rows.add(new Row(b, epochs, h.max("val_accuracy"), h.meanEpochSeconds()));
      }
      write("sweep-batch", "batch size", rows, true);
    }
    if (lab.sweepEpochs != null) {
      lab.sweepEpochs.forEach(e -> requirePositive("--sweep-epochs", e));
      int batch = o.batchSizeOr(FashionBiLstmLab.BATCH_SIZE);
      int longest = Collections.max(lab.sweepEpochs);
      History h = lab.train(lab.basicRnn(), "sweep", longest, batch, xTrain, yTrain, xTest, yTest,
          false).history();
      List<Row> rows = new ArrayList<>();
      for (int e : lab.sweepEpochs) {
        List<Double> acc = h.get("val_accuracy").subList(0, e);
        double seconds = h.epochSeconds().subList(0, e).stream().mapToDouble(Double::doubleValue)
            .average().orElse(Double.NaN);
        rows.add(new Row(batch, e, Collections.max(acc), seconds));
      }
      write("sweep-epochs", "epochs", rows, false);
    }
  }

  private static void requirePositive(String option, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(option + " values must be positive, got " + value);
    }
  }

  private void write(String name, String xLabel, List<Row> rows, boolean byBatch) {
    StringBuilder csv = new StringBuilder("batch_size,epochs,best_val_accuracy,seconds_per_epoch\n");
    List<Double> xs = new ArrayList<>();
    List<Double> acc = new ArrayList<>();
    List<Double> secs = new ArrayList<>();
    for (Row r : rows) {
      csv.append(String.format(Locale.ROOT, "%d,%d,%.6f,%.3f%n", r.batchSize(), r.epochs(),
          r.bestValAccuracy(), r.secondsPerEpoch()));
      xs.add((double) (byBatch ? r.batchSize() : r.epochs()));
      acc.add(r.bestValAccuracy());
      secs.add(r.secondsPerEpoch());
      System.out.printf("%s %d: best val_accuracy %.4f, %.1f s/epoch%n", xLabel,
          byBatch ? r.batchSize() : r.epochs(), r.bestValAccuracy(), r.secondsPerEpoch());
    }
    AtomicFiles.writeString(reports.resolve(name + ".csv"), csv.toString());
    Charts.savePng(Charts.xy("Basic-RNN: best val_accuracy by " + xLabel, xLabel,
        "best val_accuracy", "Basic-RNN", xs, acc), reports.resolve(name + "-accuracy.png"));
    Charts.savePng(Charts.xy("Basic-RNN: seconds per epoch by " + xLabel, xLabel,
        "seconds per epoch", "Basic-RNN", xs, secs), reports.resolve(name + "-seconds.png"));
    System.out.println("Wrote " + reports.resolve(name + ".csv"));
  }
}
