package dev.tfjlabs.bench;

import dev.tfjlabs.io.AtomicFiles;
import dev.tfjlabs.keras.backend.Backend;
import dev.tfjlabs.keras.data.Batches;
import dev.tfjlabs.keras.data.FloatArray;
import dev.tfjlabs.keras.layers.Activation;
import dev.tfjlabs.keras.layers.Dense;
import dev.tfjlabs.keras.layers.Layer;
import dev.tfjlabs.keras.layers.rnn.Bidirectional;
import dev.tfjlabs.keras.layers.rnn.LSTM;
import dev.tfjlabs.keras.losses.SparseCategoricalCrossentropy;
import dev.tfjlabs.keras.models.FitOptions;
import dev.tfjlabs.keras.models.Sequential;
import dev.tfjlabs.keras.optimizers.Adam;
import dev.tfjlabs.reports.Machine;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Training speed of LSTM(16) -> Dense(10) and Bidirectional(LSTM(16)) -> Dense(10) through the
 * library ({@code Sequential.fit}) against {@link RawLstmGraph}, a hand-written TensorFlow Java
 * graph of the same LSTM, on Fashion-MNIST-shaped random data, at batch 32 and 128. Each
 * configuration is warmed up, then timed over several rounds that alternate library and raw
 * runs; the median is reported. Run with
 * {@code mvn -q exec:java -Dexec.mainClass=dev.tfjlabs.bench.LstmBenchmark}; the table goes to
 * {@code benchmarks/lstm-training.md}.
 */
public final class LstmBenchmark {
  private static final int SAMPLES = 9600;
  private static final int ROUNDS = 5;
  private static final int EPOCH = 60000;

  private LstmBenchmark() {}

  public static void main(String[] args) {
    Random r = new Random(1);
    float[] xs = new float[SAMPLES * 28 * 28];
    float[] ys = new float[SAMPLES];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = r.nextFloat();
    }
    for (int i = 0; i < ys.length; i++) {
      ys[i] = r.nextInt(10);
    }
    FloatArray x = new FloatArray(xs, SAMPLES, 28, 28);
    FloatArray y = FloatArray.of(ys);
    StringBuilder md = new StringBuilder();
    md.append("# LSTM training speed: library vs hand-written TensorFlow Java graph\n\n");
    md.append("Written by `mvn -q exec:java -Dexec.mainClass=dev.tfjlabs.bench.LstmBenchmark` on ")
        .append(LocalDate.now()).append(".\n\n");
    md.append("- Machine: ").append(Machine.describe()).append('\n');
    md.append("- Device: ").append(Backend.device()).append(", TensorFlow Java 1.1.0\n");
    md.append("- Data: ").append(SAMPLES).append(" random Fashion-MNIST-shaped samples "
        + "(28 steps x 28 features, 10 classes); Adam, sparse categorical cross-entropy\n");
    md.append("- Method: one warm-up pass per configuration, then ").append(ROUNDS)
        .append(" rounds alternating library and raw runs; medians. Seconds per epoch are")
        .append(" ms/step times the steps of a 60,000-example epoch.\n\n");
    md.append("| model | batch | library ms/step | raw graph ms/step | library s/epoch | "
        + "raw s/epoch | library overhead |\n|---|---|---|---|---|---|---|\n");
    for (int batch : new int[] {32, 128}) {
      double[] lib = new double[ROUNDS];
      double[] raw = new double[ROUNDS];
      double[] bi = new double[ROUNDS];
      try (Sequential m = model(() -> new LSTM(16));
          Sequential b = model(() -> new Bidirectional(new LSTM(16)));
          RawLstmGraph g = new RawLstmGraph(42)) {
        timeLibrary(m, x, y, batch);
        timeLibrary(b, x, y, batch);
        timeRaw(g, x, y, batch);
        for (int i = 0; i < ROUNDS; i++) {
          lib[i] = timeLibrary(m, x, y, batch);
          raw[i] = timeRaw(g, x, y, batch);
          bi[i] = timeLibrary(b, x, y, batch);
        }
      }
      int stepsPerEpoch = Batches.count(EPOCH, batch);
      double l = median(lib);
      double w = median(raw);
      md.append(row("LSTM(16) -> Dense(10)", batch, l, w, stepsPerEpoch));
      md.append(row("Bidirectional(LSTM(16)) -> Dense(10)", batch, median(bi), Double.NaN,
          stepsPerEpoch));
      System.out.printf("batch %d: library %.3f ms/step, raw %.3f ms/step, overhead %+.1f%%;"
          + " bidirectional %.3f ms/step%n", batch, l, w, 100 * (l / w - 1), median(bi));
    }
    Path out = Path.of("benchmarks", "lstm-training.md");
    AtomicFiles.writeString(out, md.toString());
    System.out.println("Wrote " + out);
  }

  /** One table row; {@code raw} is NaN where there is no hand-written counterpart. */
  private static String row(String model, int batch, double lib, double raw, int steps) {
    String rawStep = Double.isNaN(raw) ? "-" : String.format(Locale.ROOT, "%.3f", raw);
    String rawEpoch = Double.isNaN(raw) ? "-" : String.format(Locale.ROOT, "%.1f", raw * steps / 1000);
    String overhead = Double.isNaN(raw) ? "-"
        : String.format(Locale.ROOT, "%+.1f%%", 100 * (lib / raw - 1));
    return String.format(Locale.ROOT, "| %s | %d | %.3f | %s | %.1f | %s | %s |%n", model, batch,
        lib, rawStep, lib * steps / 1000, rawEpoch, overhead);
  }

  private static Sequential model(Supplier<Layer> recurrent) {
    Sequential m = new Sequential("bench", 28, 28).add(recurrent.get())
        .add(new Dense(10, Activation.SOFTMAX));
    m.compile(new Adam(), new SparseCategoricalCrossentropy(), "accuracy");
    return m;
  }

  /** ms per step of one {@code fit} epoch over the data. */
  private static double timeLibrary(Sequential m, FloatArray x, FloatArray y, int batch) {
    long t = System.nanoTime();
    m.fit(x, y, FitOptions.defaults().batchSize(batch).epochs(1).verbose(false));
    return (System.nanoTime() - t) / 1e6 / Batches.count(x.rows(), batch);
  }

  /** ms per step of the same epoch, shuffled and batched the same way, through the raw graph. */
  private static double timeRaw(RawLstmGraph g, FloatArray x, FloatArray y, int batch) {
    long t = System.nanoTime();
    List<Batches.Batch> batches = Batches.epoch(x.rows(), batch, true, new Random(0));
    for (Batches.Batch b : batches) {
      g.step(x, y, b.order(), b.from(), b.to());
    }
    return (System.nanoTime() - t) / 1e6 / batches.size();
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
