package dev.tfjlabs.bench;

import dev.tfjlabs.io.AtomicFiles;
import dev.tfjlabs.keras.backend.Backend;
import dev.tfjlabs.reports.Machine;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Why two trainings side by side do not run twice as fast as one: four kernels, each timed in
 * one process with one thread, in one process with two threads, and in two processes at once
 * with one thread each (their rates added). A kernel bound by the cores' arithmetic gains about
 * 2x from the second process; one bound by something the cores share (memory bandwidth, the
 * last-level cache, a core's sibling hyper-thread) gains less. The kernels: the large product of
 * {@link MatmulPeak} ([2048, 2048] x [2048, 2048]), the GRU's state product ([64, 256] x [256,
 * 768], fashion-rnn-gru's step), and an element-wise chain (8 times {@code x = sigmoid(x) *
 * tanh(x) + x}) on a [64, 768] gate block (in the cache) and on a [2048, 4096] block (32 MB,
 * beyond it). Writes {@code benchmarks/two-cores.md}.
 *
 * <pre>mvn -q compile exec:java -Dexec.mainClass=dev.tfjlabs.bench.TwoCores</pre>
 */
public final class TwoCores {
  /** Seconds each rate is measured for. */
  private static final double SECONDS = 4;

  private TwoCores() {}

  /** A kernel: its name, what its rate counts, and the graph that computes it. */
  private enum Kernel {
    MATMUL_LARGE("product [2048, 2048] x [2048, 2048]", "GFLOP/s"),
    MATMUL_GRU("product [64, 256] x [256, 768] (the GRU's step)", "GFLOP/s"),
    ELEMENTWISE_CACHE("element-wise chain on [64, 768] (in the cache)", "G elements/s"),
    ELEMENTWISE_MEMORY("element-wise chain on [2048, 4096] (32 MB, beyond the cache)",
        "G elements/s");

    final String description;
    final String unit;

    Kernel(String description, String unit) {
      this.description = description;
      this.unit = unit;
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length == 2) {
      // a child: one kernel with one thread, its rate on standard output
      System.out.println(rate(Kernel.valueOf(args[0]), Integer.parseInt(args[1])));
      return;
    }
    StringBuilder md = new StringBuilder("# Two trainings side by side: what the second core"
        + " gives\n\nWritten by `mvn -q compile exec:java -Dexec.mainClass=dev.tfjlabs.bench"
        + ".TwoCores` on " + Instant.now() + ", " + Machine.describe() + ". Each rate is the"
        + " best rate of quarter-second batches of runs within " + (int) SECONDS + " s; \"two processes\" adds the"
        + " rates of two JVMs measuring at the same time, one thread each.\n\n"
        + "| kernel | unit | one process, 1 thread | one process, 2 threads | two processes,"
        + " 1 thread each (sum) | gain of 2 threads | gain of 2 processes |\n"
        + "|---|---|---:|---:|---:|---:|---:|\n");
    for (Kernel k : Kernel.values()) {
      double one = child(k, 1);
      double two = child(k, 2);
      double pair = pair(k);
      md.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %.2f | %.2f | %.2fx | %.2fx |%n",
          k.description, k.unit, one, two, pair, two / one, pair / one));
      System.out.print(md.substring(md.lastIndexOf("| " + k.description)));
    }
    Path out = Path.of("benchmarks", "two-cores.md");
    AtomicFiles.writeString(out, md.toString());
    System.out.println("Wrote " + out);
  }

  /** The kernel's rate in a child JVM with {@code threads} threads. */
  private static double child(Kernel k, int threads) throws IOException, InterruptedException {
    Process p = start(k, threads);
    return MeasuringJvm.read(p);
  }

  /** Two children at once, one thread each: their rates added. */
  private static double pair(Kernel k) throws IOException, InterruptedException {
    Process a = start(k, 1);
    Process b = start(k, 1);
    return MeasuringJvm.read(a) + MeasuringJvm.read(b);
  }

  private static Process start(Kernel k, int threads) throws IOException {
    return MeasuringJvm.start(TwoCores.class, List.of(k.name(), Integer.toString(threads)));
  }


  /** The kernel's best rate over one-second runs for {@link #SECONDS}, in its unit. */
  static double rate(Kernel k, int threads) {
    Backend.setIntraOpParallelismThreads(threads);
    Backend.setInterOpParallelismThreads(threads);
    long[] shape = switch (k) {
      case MATMUL_LARGE -> new long[] {2048, 2048};
      case MATMUL_GRU -> new long[] {64, 256};
      case ELEMENTWISE_CACHE -> new long[] {64, 768};
      case ELEMENTWISE_MEMORY -> new long[] {2048, 4096};
    };
    try (Graph g = new Graph(); TFloat32 x = BestOf.uniform(new Random(1), 0.5, shape)) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> in = tf.placeholder(TFloat32.class,
          Placeholder.shape(Shape.of(shape)));
      Operand<TFloat32> y;
      double work;
      if (k == Kernel.MATMUL_LARGE) {
        y = tf.linalg.matMul(in, in);
        work = 2.0 * 2048 * 2048 * 2048;
      } else if (k == Kernel.MATMUL_GRU) {
        Operand<TFloat32> w = tf.constant(BestOf.uniform(new Random(2), 0.1, 256, 768));
        // 16 products one after another, as the unrolled steps do (summed so none is pruned)
        Operand<TFloat32> sum = tf.linalg.matMul(in, w);
        for (int i = 1; i < 16; i++) {
          sum = tf.math.add(sum, tf.linalg.matMul(tf.math.add(in, tf.constant((float) i)), w));
        }
        y = sum;
        work = 16 * 2.0 * 64 * 256 * 768;
      } else {
        y = in;
        for (int i = 0; i < 8; i++) {
          y = tf.math.add(tf.math.mul(tf.math.sigmoid(y), tf.math.tanh(y)), y);
        }
        work = 8.0 * 4 * shape[0] * shape[1];
      }
      try (Session s = Backend.newSession(g)) {
        Session.Runner runner = s.runner().feed(in, x).addTarget(y);
        runner.run().close();
        double best = Double.MAX_VALUE;
        long end = System.nanoTime() + (long) (SECONDS * 1e9);
        while (System.nanoTime() < end) {
          // a quarter-second batch of runs: the rate of a batch, its best over the period
          long t0 = System.nanoTime();
          int n = 0;
          while (System.nanoTime() - t0 < 250_000_000L) {
            runner.run().close();
            n++;
          }
          best = Math.min(best, (System.nanoTime() - t0) / 1e9 / n);
        }
        return work / best / 1e9;
      }
    }
  }
}
