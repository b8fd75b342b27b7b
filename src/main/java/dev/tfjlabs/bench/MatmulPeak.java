package dev.tfjlabs.bench;

import dev.tfjlabs.keras.backend.Backend;
import java.util.Random;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;

/**
 * The machine's matrix-multiply rate through TensorFlow: a {@code [n, n] x [n, n]} float
 * product ({@code 2 n^3} floating-point operations) of a fed matrix with itself, run as a
 * target, nothing fetched, in a session with the library's settings (TensorFlow's default
 * thread pools). The peak is the best of several timed runs.
 */
final class MatmulPeak {
  static final int N = 2048;

  private MatmulPeak() {}

  /** GFLOP/s of the best of {@code runs} products, after one untimed. */
  static double gflops(int runs) {
    try (Graph g = new Graph(); TFloat32 a = uniform(N, N)) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(N, N)));
      MatMul<TFloat32> product = tf.linalg.matMul(x, x);
      try (Session s = Backend.newSession(g)) {
        double best = BestOf.seconds(runs, s.runner().feed(x, a).addTarget(product));
        return 2.0 * N * N * N / best / 1e9;
      }
    }
  }

  /** A [rows, cols] matrix uniform in +-sqrt(3 / rows): products keep the inputs' scale. */
  private static TFloat32 uniform(int rows, int cols) {
    return BestOf.uniform(new Random(1), Math.sqrt(3.0 / rows), rows, cols);
  }
}
