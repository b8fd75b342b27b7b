package dev.tfjlabs.bench;

import dev.tfjlabs.io.AtomicFiles;
import dev.tfjlabs.keras.backend.Backend;
import dev.tfjlabs.labs.Labs;
import dev.tfjlabs.platform.BenchmarkModel;
import dev.tfjlabs.platform.KernelWork;
import dev.tfjlabs.platform.Lab;
import dev.tfjlabs.platform.LabCommand;
import dev.tfjlabs.platform.TrainingSteps;
import dev.tfjlabs.reports.Machine;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.tensorflow.TensorFlow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * Times a training step of every lab model (the labs' own models at their notebook batch
 * sizes, on generated data of the datasets' shapes) through the library with TensorFlow's
 * default thread pools and with each step's ops run in the calling thread, and the same models
 * in PyTorch when a {@code python3} with {@code torch} is present ({@link TorchPeer}), and the
 * floating-point rate of each against the machine's matmul peak. For each model the three
 * are warmed up, then timed in turns for several rounds; the table gives medians. Seconds per
 * epoch are milliseconds per step times the steps of one of the notebook's epochs; the ratio is
 * PyTorch's time over the library's best. Writes {@code benchmarks/training-speed.md} (a run of
 * some labs only writes under {@code target/benchmarks/} unless {@code --output} says where).
 */
@Command(name = "training-benchmark", mixinStandardHelpOptions = true,
    description = "Times a training step of every lab model, side by side with PyTorch.")
public final class TrainingBenchmark implements Callable<Integer> {
  static final Path FULL_TABLE = Path.of("benchmarks", "training-speed.md");
  /**
   * The steps a model trains before its rounds are timed. A training's pace over its first
   * steps need not be its pace after (Keras's GRU cell before 1489be1: 86-90 ms/step for its
   * first hundred steps, 110-120 from then on, benchmarks/README.md), and a lab's epoch is
   * hundreds of steps.
   */
  static final int WARM_UP_STEPS = 300;

  @Parameters(paramLabel = "LAB", arity = "0..*", description = "Labs to time (default: all).")
  List<String> labs = new ArrayList<>();

  @Option(names = "--rounds", defaultValue = "5", description = "Timed rounds (default 5).")
  int rounds;

  @Option(names = "--seconds", defaultValue = "1.5",
      description = "Target wall time of one timing, in seconds (default 1.5).")
  double seconds;

  @Option(names = "--output", paramLabel = "FILE", description = "Where the table goes.")
  Path output;

  @Option(names = "--jobs", paramLabel = "N", description = "Time each model alone and N"
      + " trainings of it side by side in JVMs of their own, one thread each, as all --jobs N"
      + " runs them; writes benchmarks/side-by-side.md instead.")
  Integer jobs;

  public static void main(String[] args) {
    System.exit(new CommandLine(new TrainingBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (jobs != null) {
      System.out.println("Wrote " + new SideBySideSteps(labs, jobs, rounds, seconds).run(output));
      return 0;
    }
    List<BenchmarkModel> models = models(labs);
    Rates start = Rates.measure();
    List<Timing> timings = new ArrayList<>();
    String torchVersion;
    try (TorchPeer torch = TorchPeer.startOrNull()) {
      torchVersion = torch == null ? "not measured (no python3 with torch)" : torch.version();
      for (BenchmarkModel m : models) {
        timings.add(time(m, torch));
      }
    }
    Rates rates = start.max(Rates.measure());
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i < models.size(); i++) {
      rows.append(row(models.get(i), timings.get(i), rates.peak()));
    }
    Path out = output != null ? output : labs.isEmpty() ? FULL_TABLE
        : Path.of("target", "benchmarks", "training-speed.md");
    AtomicFiles.writeString(out, table(torchVersion, rates, rows.toString()));
    System.out.println("Wrote " + out);
    return 0;
  }

  /** The lab models of {@code labs} (all when empty), built as the labs' defaults build them. */
  static List<BenchmarkModel> models(List<String> labs) {
    List<BenchmarkModel> models = new ArrayList<>();
    for (Lab lab : Labs.ALL) {
      if (labs.isEmpty() || labs.contains(lab.id())) {
        LabCommand<?> command = lab.command().get();
        new CommandLine(command).parseArgs();
        models.addAll(command.benchmarkModels());
      }
    }
    return models;
  }

  /**
   * The machine's reference rates in GFLOP/s: the matmul peak, the 3-layer GRU's products alone
   * and the two CNNs' convolutions alone. Measured at the start and at the end of a run, and
   * the better of the two kept, so that a slow spell of a shared machine does not lower them.
   */
  private record Rates(double peak, double gruProducts, double fashionConvolutions,
      double mnistConvolutions) {
    static Rates measure() {
      Rates r = new Rates(MatmulPeak.gflops(10),
          RecurrentProducts.gflops(3, 64, 28, 28, 256, 3, 10),
          ConvolutionRate.gflops(32, 32, 64, 20), ConvolutionRate.gflops(32, 64, 128, 20));
      System.out.printf(Locale.ROOT, "matmul peak: %.0f GFLOP/s, GRU products %.0f,"
          + " convolutions %.0f and %.0f%n", r.peak, r.gruProducts, r.fashionConvolutions,
          r.mnistConvolutions);
      return r;
    }

    Rates max(Rates o) {
      return new Rates(Math.max(peak, o.peak), Math.max(gruProducts, o.gruProducts),
          Math.max(fashionConvolutions, o.fashionConvolutions),
          Math.max(mnistConvolutions, o.mnistConvolutions));
    }
  }

  /**
   * Medians in ms/step of the library (default threads), the library (ops in the caller's
   * thread) and PyTorch (NaN when absent), and the model's floating-point work per example.
   */
  private record Timing(double library, double callerThread, double torch, long flopsPerExample) {
    double best() {
      return Math.min(library, callerThread);
    }
  }

  private Timing time(BenchmarkModel m, TorchPeer torch) {
    double[][] ms = new double[3][rounds];
    long flops;
    try (TrainingSteps standard = build(m, 0); TrainingSteps inline = build(m, -1)) {
      flops = standard.flopsPerExample();
      // warm up (graph, kernels, the JIT) until a timing takes about the target time
      int first = stepsFor(standard.msPerStep(3));
      int second = stepsFor(standard.msPerStep(first));
      int steps = stepsFor(Math.min(standard.msPerStep(second), inline.msPerStep(second)));
      inline.msPerStep(steps);
      warmUp(standard, 3 + first + second);
      warmUp(inline, second + steps);
      if (torch != null) {
        torch.msPerStep(m.torch(), m.batchSize(), steps);
      }
      for (int r = 0; r < rounds; r++) {
        ms[0][r] = standard.msPerStep(steps);
        ms[1][r] = inline.msPerStep(steps);
        ms[2][r] = torch != null ? torch.msPerStep(m.torch(), m.batchSize(), steps) : Double.NaN;
      }
    }
    Timing t = new Timing(median(ms[0]), median(ms[1]), median(ms[2]), flops);
    System.out.printf(Locale.ROOT, "%s %s: %.3f ms/step, caller's thread %.3f, PyTorch %.3f%n",
        m.lab(), m.model(), t.library(), t.callerThread(), t.torch());
    return t;
  }

  /** The model's steps in sessions with {@code interOpThreads} (0: TensorFlow's default). */
  private static TrainingSteps build(BenchmarkModel m, int interOpThreads) {
    Backend.setInterOpParallelismThreads(interOpThreads);
    try {
      return m.steps().get();
    } finally {
      Backend.setInterOpParallelismThreads(0);
    }
  }

  /** Trains {@code steps}, which took {@code taken} steps so far, to {@link #WARM_UP_STEPS}. */
  static void warmUp(TrainingSteps steps, int taken) {
    int left = WARM_UP_STEPS - taken;
    if (left > 0) {
      steps.msPerStep(left);
    }
  }

  /** Steps that take about {@code seconds}, at least 3. */
  private int stepsFor(double msPerStep) {
    return Math.max(3, (int) Math.round(seconds * 1000 / msPerStep));
  }

  private static String row(BenchmarkModel m, Timing t, double peak) {
    double epoch = t.best() * m.stepsPerEpoch() / 1000;
    double gflops = (double) t.flopsPerExample() * m.batchSize() / t.best() / 1e6;
    boolean torch = !Double.isNaN(t.torch());
    return String.format(Locale.ROOT,
        "| %s | %s | %d | %.2f | %.2f | %.1f | %s | %s | %s | %.1f | %.0f%% |%n",
        m.lab(), m.model(), m.batchSize(), t.library(), t.callerThread(), epoch,
        torch ? String.format(Locale.ROOT, "%.2f", t.torch()) : "-",
        torch ? String.format(Locale.ROOT, "%.1f", t.torch() * m.stepsPerEpoch() / 1000) : "-",
        torch ? String.format(Locale.ROOT, "%.2fx", t.torch() / t.best()) : "-",
        gflops, 100 * gflops / peak);
  }

  private String table(String torchVersion, Rates rates, String rows) {
    return "# Training speed of every lab model, side by side with PyTorch\n\n"
        + "Written by `benchmarks/run` (`mvn -q compile exec:java"
        + " -Dexec.mainClass=dev.tfjlabs.bench.TrainingBenchmark`) on " + LocalDate.now()
        + ".\n\n"
        + "- Machine: " + Machine.describe() + "\n"
        + "- Library: TensorFlow Java " + TensorFlow.version() + " (native), device "
        + Backend.device() + "\n"
        + "- PyTorch: " + torchVersion + "\n"
        + String.format(Locale.ROOT, "- Matmul peak: %.0f GFLOP/s (a %d x %d float product"
            + " through TensorFlow, default thread pools; best of 10 at the start of the run and"
            + " 10 at its end)%n", rates.peak(), MatmulPeak.N, MatmulPeak.N)
        + String.format(Locale.ROOT, "- GRU products alone: %.0f GFLOP/s (fashion-rnn-gru's"
            + " 3-layer GRU(256) at batch 64: every matrix product of its training step, with the"
            + " dependencies they have there, and no element-wise op; best of 10 + 10)%n",
            rates.gruProducts())
        + String.format(Locale.ROOT, "- Convolutions alone: %.0f GFLOP/s for Fashion-CNN's, %.0f"
            + " for MNIST-CNN's (their two 3 x 3 convolutions at batch 32, forward, filter"
            + " gradients and the second's input gradient, nothing else; best of 20 + 20)%n",
            rates.fashionConvolutions(), rates.mnistConvolutions())
        + "- Method: each model is built once per setting, warmed up, then timed in turns"
        + " (library with TensorFlow's default thread pools, library running each step's ops"
        + " in the caller's thread (`--inter-op-threads -1`), PyTorch) for " + rounds
        + " rounds of about " + seconds + " s each, after at least " + WARM_UP_STEPS
            + " steps; medians. A library step is `fit`'s"
        + " (batching, feeding, the step, the fetch of loss and metric) on generated data of"
        + " the dataset's shape; a PyTorch step is forward, loss, backward and `opt.step()` on"
        + " one ready batch. s/epoch is the better library setting times the steps of one of"
        + " the notebook's epochs; ratio is PyTorch's time over that. GFLOP/s is the"
        + " multiply-adds a training step needs in the model's kernels (`KernelWork`: forward,"
        + " weight gradient, input gradient) over the better library time; of peak is that over"
        + " the matmul peak.\n\n"
        + "| lab | model | batch | ms/step | ms/step, caller's thread | s/epoch |"
        + " PyTorch ms/step | PyTorch s/epoch | ratio | GFLOP/s | of peak |\n"
        + "|---|---|---|---|---|---|---|---|---|---|---|\n" + rows;
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }
}
