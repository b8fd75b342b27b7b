package dev.tfjlabs.keras.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The session settings the thread options give. */
class BackendTest {

  @Test
  void interOpMinusOneRunsTheStepInTheCallersThread() {
    try {
      Backend.setInterOpParallelismThreads(-1);
      assertEquals(-1, Backend.sessionConfig().getInterOpParallelismThreads());
      try (Graph g = new Graph()) {
        Ops tf = Ops.create(g);
        // [1 2; 3 4] x [5; 6] = [17; 39], summed: 56
        var product = tf.reduceSum(tf.linalg.matMul(
            tf.constant(new float[][] {{1, 2}, {3, 4}}), tf.constant(new float[][] {{5}, {6}})),
            tf.constant(new int[] {0, 1}));
        try (Session s = Backend.newSession(g);
            TFloat32 t = (TFloat32) s.runner().fetch(product).run().get(0)) {
          assertEquals(56f, t.getFloat());
        }
      }
    } finally {
      Backend.setInterOpParallelismThreads(0);
    }
    assertEquals(0, Backend.sessionConfig().getInterOpParallelismThreads());
  }

  @Test
  void otherNegativeThreadCountsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> Backend.setInterOpParallelismThreads(-2));
    assertThrows(IllegalArgumentException.class, () -> Backend.setIntraOpParallelismThreads(-1));
    assertEquals(0, Backend.sessionConfig().getInterOpParallelismThreads());
  }
}
