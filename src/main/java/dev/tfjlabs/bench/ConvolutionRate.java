package dev.tfjlabs.bench;

import dev.tfjlabs.keras.backend.Backend;
import java.util.List;
import java.util.Random;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The floating-point rate of a lab CNN's convolutions alone, as a training step runs them: two
 * 3 x 3 {@code "same"} convolutions, the first on 28 x 28 images of one channel, the second on
 * the 14 x 14 maps after 2 x 2 pooling, each forward and with its filter gradient, and the
 * second with its input gradient (the first's input is the data). No bias, activation, pooling
 * or dense layer: what is left of the step when everything but the convolutions is free.
 */
final class ConvolutionRate {
  private static final List<Long> STRIDES = List.of(1L, 1L, 1L, 1L);

  private ConvolutionRate() {}

  /**
   * GFLOP/s of the best of {@code runs}, after one untimed, at {@code batch} images for filters
   * of {@code c1} then {@code c2} channels.
   */
  static double gflops(int batch, int c1, int c2, int runs) {
    Random random = new Random(1);
    try (Graph g = new Graph(); TFloat32 x1 = BestOf.uniform(random, 0.5, batch, 28, 28, 1);
        TFloat32 f1 = BestOf.uniform(random, 0.5, 3, 3, 1, c1);
        TFloat32 x2 = BestOf.uniform(random, 0.5, batch, 14, 14, c1);
        TFloat32 f2 = BestOf.uniform(random, 0.5, 3, 3, c1, c2);
        TFloat32 d1 = BestOf.uniform(random, 0.5, batch, 28, 28, c1);
        TFloat32 d2 = BestOf.uniform(random, 0.5, batch, 14, 14, c2)) {
      Ops tf = Ops.create(g);
      List<TFloat32> values = List.of(x1, f1, x2, f2, d1, d2);
      List<Placeholder<TFloat32>> in = values.stream()
          .map(v -> tf.placeholder(TFloat32.class, Placeholder.shape(v.shape()))).toList();
      List<Op> ops = List.of(
          tf.nn.conv2d(in.get(0), in.get(1), STRIDES, "SAME"),
          tf.nn.conv2dBackpropFilter(in.get(0), tf.constant(new int[] {3, 3, 1, c1}), in.get(4),
              STRIDES, "SAME"),
          tf.nn.conv2d(in.get(2), in.get(3), STRIDES, "SAME"),
          tf.nn.conv2dBackpropFilter(in.get(2), tf.constant(new int[] {3, 3, c1, c2}), in.get(5),
              STRIDES, "SAME"),
          tf.nn.conv2dBackpropInput(tf.constant(new int[] {batch, 14, 14, c1}), in.get(3),
              in.get(5), STRIDES, "SAME"));
      try (Session s = Backend.newSession(g)) {
        Session.Runner runner = s.runner();
        for (int i = 0; i < values.size(); i++) {
          runner.feed(in.get(i), values.get(i));
        }
        ops.forEach(op -> runner.addTarget(op.op()));
        double best = BestOf.seconds(runs, runner);
        long macs = (long) batch * (28 * 28 * 9 * c1 * 2 + 14 * 14 * 9 * c1 * c2 * 3);
        return 2.0 * macs / best / 1e9;
      }
    }
  }
}
