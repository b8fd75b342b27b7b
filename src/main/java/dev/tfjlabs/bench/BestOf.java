package dev.tfjlabs.bench;

import java.util.Random;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * How the reference rates ({@link MatmulPeak}, {@link ConvolutionRate}) time a session run and
 * fill its inputs: one untimed run, then the fastest of several.
 */
final class BestOf {
  private BestOf() {}

  /** Seconds of the fastest of {@code runs} runs of {@code runner}, after one untimed run. */
  static double seconds(int runs, Session.Runner runner) {
    runner.run().close();
    double best = Double.MAX_VALUE;
    for (int r = 0; r < runs; r++) {
      long start = System.nanoTime();
      runner.run().close();
      best = Math.min(best, (System.nanoTime() - start) / 1e9);
    }
    return best;
  }

  /** A tensor of {@code dims} uniform in [-bound, bound), drawn from {@code random}. */
  static TFloat32 uniform(Random random, double bound, long... dims) {
    float[] values = new float[(int) Shape.of(dims).size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) ((2 * random.nextFloat() - 1) * bound);
    }
    return TFloat32.tensorOf(Shape.of(dims), DataBuffers.of(values, true, false));
  }
}
