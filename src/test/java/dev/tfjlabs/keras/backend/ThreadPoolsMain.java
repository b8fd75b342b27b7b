package dev.tfjlabs.keras.backend;

import dev.tfjlabs.io.Jvm;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Run in a JVM of its own by the tests, as a lab runs: sets the thread options, asks for the
 * device (the first session of the process, as a lab's start does), then runs a [1024, 1024]
 * product, which TensorFlow spreads over every thread of its intra-op pool, for about two
 * seconds; prints the process's CPU seconds per wall second over that time.
 */
public final class ThreadPoolsMain {
  private ThreadPoolsMain() {}

  /** The cores this class kept busy in a new JVM with {@code threads} per pool. */
  static double coresBusy(int threads) throws Exception {
    Process p = new ProcessBuilder(Jvm.command(ThreadPoolsMain.class,
        List.of(Integer.toString(threads)))).redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    String out = new String(p.getInputStream().readAllBytes()).strip();
    if (p.waitFor() != 0) {
      throw new AssertionError("ThreadPoolsMain failed: " + out);
    }
    return Double.parseDouble(out.lines().reduce((a, b) -> b).orElseThrow());
  }

  public static void main(String[] args) {
    int threads = Integer.parseInt(args[0]);
    Backend.setIntraOpParallelismThreads(threads);
    Backend.setInterOpParallelismThreads(threads);
    Backend.device();
    var os = (com.sun.management.OperatingSystemMXBean)
        ManagementFactory.getOperatingSystemMXBean();
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> a = tf.random.randomUniform(tf.constant(new long[] {1024, 1024}),
          TFloat32.class);
      Operand<TFloat32> product = tf.reduceSum(tf.linalg.matMul(a, a),
          tf.constant(new int[] {0, 1}));
      try (Session s = Backend.newSession(g)) {
        s.runner().fetch(product).run().close(); // warm up
        long cpu = os.getProcessCpuTime();
        long start = System.nanoTime();
        while (System.nanoTime() - start < 2_000_000_000L) {
          s.runner().fetch(product).run().close();
        }
        System.out.println((double) (os.getProcessCpuTime() - cpu) / (System.nanoTime() - start));
      }
    }
  }
}
