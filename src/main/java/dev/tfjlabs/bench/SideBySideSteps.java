package dev.tfjlabs.bench;

import dev.tfjlabs.io.AtomicFiles;
import dev.tfjlabs.keras.backend.Backend;
import dev.tfjlabs.platform.BenchmarkModel;
import dev.tfjlabs.platform.TrainingSteps;
import dev.tfjlabs.reports.Machine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What {@code all --jobs N} gains per model: for every lab model, a training step's time alone
 * with TensorFlow's default thread pools, alone with one thread per pool, and with one thread per
 * pool while N - 1 other JVMs train the same model at the same moment; and the throughput of the N
 * side by side over that of one alone with the default pools ({@code N * alone / side by side}).
 * Every measurement runs in a JVM of its own, as {@code all --jobs} runs its jobs: warmed up,
 * then timed in rounds (medians); JVMs side by side warm up first and start timing together
 * (files in a barrier folder), and each goes on stepping, untimed, until the last has timed, so
 * none runs its last rounds alone. Writes {@code benchmarks/side-by-side.md} ({@code
 * benchmarks/run --jobs 2}), or for some labs a table under {@code target/benchmarks/}.
 */
public final class SideBySideSteps {
  static final Path FULL_TABLE = Path.of("benchmarks", "side-by-side.md");

  private final List<String> labs;
  private final int jobs;
  private final int rounds;
  private final double seconds;

  /**
   * @param labs the labs whose models to time (empty: all)
   * @param jobs the trainings side by side, at least 2
   */
  SideBySideSteps(List<String> labs, int jobs, int rounds, double seconds) {
    if (jobs < 2) {
      throw new IllegalArgumentException("--jobs must be at least 2 to time trainings side by"
          + " side, got " + jobs);
    }
    this.labs = List.copyOf(labs);
    this.jobs = jobs;
    this.rounds = rounds;
    this.seconds = seconds;
  }

  /** One model's three step times, ms. */
  private record Timing(double aloneDefault, double aloneOne, double sideBySide) {}

  /** Times every model and writes the table; returns where. */
  Path run(Path output) throws IOException, InterruptedException {
    StringBuilder rows = new StringBuilder();
    for (BenchmarkModel m : TrainingBenchmark.models(labs)) {
      Timing t = new Timing(alone(m, 0), alone(m, 1), together(m));
      String row = String.format(Locale.ROOT, "| %s | %s | %d | %.2f | %.2f | %.2f | %.2fx |"
          + " %.2fx |%n", m.lab(), m.model(), m.batchSize(), t.aloneDefault(), t.aloneOne(),
          t.sideBySide(), t.sideBySide() / t.aloneOne(), jobs * t.aloneDefault() / t.sideBySide());
      System.out.print(row);
      rows.append(row);
    }
    Path out = output != null ? output : labs.isEmpty() ? FULL_TABLE
        : Path.of("target", "benchmarks", "side-by-side.md");
    AtomicFiles.writeString(out, table(rows.toString()));
    return out;
  }

  private String table(String rows) {
    return "# Trainings side by side: what `all --jobs " + jobs + "` gains per model\n\n"
        + "Written by `benchmarks/run --jobs " + jobs + "` (`mvn -q compile exec:java"
        + " -Dexec.mainClass=dev.tfjlabs.bench.TrainingBenchmark -Dexec.args=\"--jobs " + jobs
        + "\"`) on " + Instant.now() + ", " + Machine.describe() + ".\n\n"
        + "Each model's training step (`fit`'s: batching, feeding, the step, the fetch of loss"
        + " and metric, on generated data of the dataset's shape, at the notebook's batch size)"
        + " timed in JVMs of their own, as `all --jobs` runs its jobs: alone with TensorFlow's"
        + " default pools, alone with one intra-op and one inter-op thread, and with one thread"
        + " each while " + (jobs - 1) + " other JVM" + (jobs > 2 ? "s train" : " trains")
        + " the same model at the same moment (the mean of the " + jobs + " JVMs' medians). "
        + rounds + " rounds of about " + seconds + " s after a warm-up of at least "
        + TrainingBenchmark.WARM_UP_STEPS + " steps; side-by-side JVMs start"
        + " timing together and step on until the last has timed. Slowdown: side by side over"
        + " alone with one thread (what sharing the machine costs a step). Gain: the throughput"
        + " of " + jobs + " trainings side by side over one alone with the default pools"
        + " (" + jobs + " x alone / side by side; above 1, side by side is the faster way"
        + " through many trainings).\n\n"
        + "| lab | model | batch | ms/step alone, default pools | ms/step alone, 1 thread |"
        + " ms/step side by side, 1 thread each | slowdown | gain of " + jobs + " side by side |\n"
        + "|---|---|---|---:|---:|---:|---:|---:|\n" + rows;
  }

  /** The model's median ms/step in one JVM alone ({@code threads} 0: TensorFlow's pools). */
  private double alone(BenchmarkModel m, int threads) throws IOException, InterruptedException {
    Path barrier = Files.createTempDirectory("side-by-side");
    try {
      return MeasuringJvm.read(start(m, threads, barrier, 0, 1));
    } finally {
      AtomicFiles.deleteRecursively(barrier);
    }
  }

  /** The mean of the medians of {@link #jobs} JVMs training the model at once, one thread each. */
  private double together(BenchmarkModel m) throws IOException, InterruptedException {
    Path barrier = Files.createTempDirectory("side-by-side");
    try {
      List<Process> ps = new ArrayList<>();
      for (int i = 0; i < jobs; i++) {
        ps.add(start(m, 1, barrier, i, jobs));
      }
      double sum = 0;
      for (Process p : ps) {
        sum += MeasuringJvm.read(p);
      }
      return sum / jobs;
    } finally {
      AtomicFiles.deleteRecursively(barrier);
    }
  }

  private Process start(BenchmarkModel m, int threads, Path barrier, int index, int of)
      throws IOException {
    return MeasuringJvm.start(SideBySideSteps.class, List.of(m.lab(), m.model(),
        Integer.toString(threads), barrier.toString(), Integer.toString(index),
        Integer.toString(of), Integer.toString(rounds), Double.toString(seconds)));
  }


  /**
   * A timing JVM: {@code LAB MODEL THREADS BARRIER INDEX OF ROUNDS SECONDS}; prints the median
   * ms/step.
   */
  public static void main(String[] args) throws Exception {
    String lab = args[0];
    String model = args[1];
    int threads = Integer.parseInt(args[2]);
    Path barrier = Path.of(args[3]);
    int index = Integer.parseInt(args[4]);
    int of = Integer.parseInt(args[5]);
    int rounds = Integer.parseInt(args[6]);
    double seconds = Double.parseDouble(args[7]);
    BenchmarkModel m = TrainingBenchmark.models(List.of(lab)).stream()
        .filter(b -> b.model().equals(model)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no model " + model + " in " + lab));
    Backend.setIntraOpParallelismThreads(threads);
    Backend.setInterOpParallelismThreads(threads);
    try (TrainingSteps steps = m.steps().get()) {
      int first = stepsFor(steps.msPerStep(3), seconds);
      int n = stepsFor(steps.msPerStep(first), seconds);
      TrainingBenchmark.warmUp(steps, 3 + first);
      arrive(barrier, "ready-" + index, "ready-", of);
      double[] ms = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        ms[r] = steps.msPerStep(n);
      }
      Files.createFile(barrier.resolve("done-" + index));
      while (count(barrier, "done-") < of) {
        steps.msPerStep(Math.max(1, n / 10)); // keep the load on until the last has timed
      }
      Arrays.sort(ms);
      System.out.println(rounds % 2 == 1 ? ms[rounds / 2]
          : (ms[rounds / 2 - 1] + ms[rounds / 2]) / 2);
    }
  }

  /** Says this JVM is at {@code mark}, then waits for all {@code of} to be. */
  private static void arrive(Path barrier, String mark, String prefix, int of)
      throws IOException, InterruptedException {
    Files.createFile(barrier.resolve(mark));
    while (count(barrier, prefix) < of) {
      Thread.sleep(10);
    }
  }

  private static long count(Path barrier, String prefix) throws IOException {
    try (Stream<Path> files = Files.list(barrier)) {
      return files.filter(f -> f.getFileName().toString().startsWith(prefix)).count();
    }
  }

  /** Steps that take about {@code seconds}, at least 3. */
  private static int stepsFor(double msPerStep, double seconds) {
    return Math.max(3, (int) Math.round(seconds * 1000 / msPerStep));
  }
}
