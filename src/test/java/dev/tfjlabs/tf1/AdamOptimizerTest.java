package dev.tfjlabs.tf1;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tfjlabs.keras.backend.Tensors;
import dev.tfjlabs.keras.initializers.Initializers;
import dev.tfjlabs.keras.optimizers.Optimizer;
import dev.tfjlabs.tf1.train.AdamOptimizer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * TF1's {@code AdamOptimizer} on loss {@code sum(c * w)} (gradient c), two steps computed by
 * hand from TF1's documented update with epsilon 1e-8. The gradients are tiny, so epsilon moves
 * the result measurably: Keras's 1e-7 would fail the tolerance.
 */
class AdamOptimizerTest {
  @Test
  void twoStepsAreTf1sUpdate() {
    double lr = 0.01;
    double[] c = {1e-6, -3e-7, 0.5};
    double[] w = {0.2, -0.1, 0.3};
    double[] m = new double[3];
    double[] v = new double[3];
    for (int t = 1; t <= 2; t++) {
      double lrT = lr * Math.sqrt(1 - Math.pow(0.999, t)) / (1 - Math.pow(0.9, t));
      for (int i = 0; i < 3; i++) {
        m[i] = 0.9 * m[i] + 0.1 * c[i];
        v[i] = 0.999 * v[i] + 0.001 * c[i] * c[i];
        w[i] -= lrT * m[i] / (Math.sqrt(v[i]) + 1e-8);
      }
    }
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Variables vars = Variables.restoring(tf, Map.of("w", new float[] {0.2f, -0.1f, 0.3f}));
      Operand<TFloat32> read = vars.get("w", new int[] {3}, Initializers.zeros());
      Operand<TFloat32> loss = tf.sum(tf.math.mul(read, tf.constant(new float[] {1e-6f, -3e-7f,
          0.5f})), tf.constant(0));
      Optimizer.Minimize min = new AdamOptimizer(lr).minimize(g, vars, loss);
      vars.initialize(s);
      s.run(min.reset());
      s.run(min.update());
      s.run(min.update());
      float[] got = vars.values(s).get("w");
      for (int i = 0; i < 3; i++) {
        assertEquals(w[i], got[i], 2e-6, "w[" + i + "]");
      }
    }
  }
}
