package dev.tfjlabs.labs;

import dev.tfjlabs.data.FloatArray;
import dev.tfjlabs.io.AtomicFiles;
import dev.tfjlabs.keras.callbacks.History;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

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

  void run(FloatArray xTrain, FloatArray yTrain, FloatArray xTest, FloatArray yTest) {
    LabOptions o = lab.options();
    requirePositive("--sweep-batch", lab.sweepBatch);
    requirePositive("--sweep-epochs", lab.sweepEpochs);
    if (lab.sweepBatch != null) {
      List<FashionBiLstmReport.SweepRow> rows = new ArrayList<>();
      int epochs = o.epochsOr(FashionBiLstmLab.BASIC_EPOCHS);
      for (int b : lab.sweepBatch) {
        History h = lab.train(lab.basicRnn(), "sweep", epochs, b, xTrain, yTrain, xTest, yTest,
            false).history();
        rows.add(new FashionBiLstmReport.SweepRow(b, epochs, h.max("val_accuracy"), h.meanEpochSeconds()));
      }
      write("sweep-batch", "batch size", rows, true);
    }
    if (lab.sweepEpochs != null) {
      int batch = o.batchSizeOr(FashionBiLstmLab.BATCH_SIZE);
      int longest = Collections.max(lab.sweepEpochs);
      History h = lab.train(lab.basicRnn(), "sweep", longest, batch, xTrain, yTrain, xTest, yTest,
          false).history();
      List<FashionBiLstmReport.SweepRow> rows = new ArrayList<>();
      for (int e : lab.sweepEpochs) {
        List<Double> acc = h.get("val_accuracy").subList(0, e);
        double seconds = h.epochSeconds().subList(0, e).stream().mapToDouble(Double::doubleValue)
            .average().orElse(Double.NaN);
        rows.add(new FashionBiLstmReport.SweepRow(batch, e, Collections.max(acc), seconds));
      }
      write("sweep-epochs", "epochs", rows, false);
    }
  }

  /** Checks a sweep's values before anything trains; null means the sweep was not asked for. */
  private static void requirePositive(String option, List<Integer> values) {
    if (values != null && values.stream().anyMatch(v -> v == null || v <= 0)) {
      throw new IllegalArgumentException(option + " values must be positive, got " + values);
    }
  }

  private void write(String name, String xLabel, List<FashionBiLstmReport.SweepRow> rows,
      boolean byBatch) {
    StringBuilder csv = new StringBuilder(FashionBiLstmReport.SweepRow.HEADER).append('\n');
    for (FashionBiLstmReport.SweepRow r : rows) {
      csv.append(r.csv()).append('\n');
      System.out.printf("%s %d: best val_accuracy %.4f, %.1f s/epoch%n", xLabel,
          byBatch ? r.batchSize() : r.epochs(), r.bestValAccuracy(), r.secondsPerEpoch());
    }
    AtomicFiles.writeString(reports.resolve(name + ".csv"), csv.toString());
    FashionBiLstmReport.drawSweep(reports, name, rows);
    System.out.println("Wrote " + reports.resolve(name + ".csv"));
  }
}
