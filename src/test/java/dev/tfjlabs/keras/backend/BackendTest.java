package dev.tfjlabs.keras.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

  /**
   * The thread pools are the process's, made by its first session, which is the device probe
   * at a lab's start: with one thread per pool a product TensorFlow would spread over both
   * cores keeps one busy. (The probe once opened its session with TensorFlow's defaults, so
   * every lab ran with the default pools whatever its options said.)
   */
  @Test
  void theFirstSessionMakesThePoolsWithTheThreadOptions() throws Exception {
    double one = ThreadPoolsMain.coresBusy(1);
    assertTrue(one < 1.25, "one thread per pool kept " + one + " cores busy");
    if (Runtime.getRuntime().availableProcessors() >= 2) {
      double two = ThreadPoolsMain.coresBusy(2);
      assertTrue(two > 1.5, "two threads per pool kept only " + two + " cores busy");
    }
  }

  /** As TensorFlow's {@code tf.config.threading}: no other pool sizes once the pools exist. */
  @Test
  void threadSettingsCannotChangeOnceASessionHasOpened() {
    try (Graph g = new Graph(); Session s = Backend.newSession(g)) {
      int intra = Backend.sessionConfig().getIntraOpParallelismThreads();
      int inter = Backend.sessionConfig().getInterOpParallelismThreads();
      Backend.setIntraOpParallelismThreads(intra); // the same value: nothing changes
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> Backend.setIntraOpParallelismThreads(intra + 3));
      assertTrue(e.getMessage().startsWith("Intra op parallelism cannot be modified after"
          + " initialization"), e.getMessage());
      assertThrows(IllegalStateException.class,
          () -> Backend.setInterOpParallelismThreads(Math.max(0, inter) + 3));
      assertEquals(intra, Backend.sessionConfig().getIntraOpParallelismThreads());
    }
  }

  @Test
  void otherNegativeThreadCountsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> Backend.setInterOpParallelismThreads(-2));
    assertThrows(IllegalArgumentException.class, () -> Backend.setIntraOpParallelismThreads(-1));
    assertEquals(0, Backend.sessionConfig().getInterOpParallelismThreads());
  }
}
