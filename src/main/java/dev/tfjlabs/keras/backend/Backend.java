package dev.tfjlabs.keras.backend;

import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

/**
 * Session settings and device discovery. Graphs are not pinned to a device: TensorFlow places
 * them on the GPU when the CUDA build finds one, else on the CPU.
 */
public final class Backend {
  private static volatile boolean logDevicePlacement;
  private static volatile int intraOpThreads;
  private static volatile int interOpThreads;
  private static volatile String device;

  private Backend() {}

  /** Makes every new session log where each op runs (TensorFlow's device placement log). */
  public static void setLogDevicePlacement(boolean enabled) {
    logDevicePlacement = enabled;
  }

  /**
   * {@code tf.config.threading.set_intra_op_parallelism_threads}: threads one op may use in
   * sessions opened from now on; 0 (the default) lets TensorFlow choose (one per core).
   */
  public static void setIntraOpParallelismThreads(int threads) {
    intraOpThreads = checkedThreads("intra-op-threads", threads, 0);
  }

  /**
   * {@code tf.config.threading.set_inter_op_parallelism_threads}: ops that may run at once in
   * sessions opened from now on; 0 (the default) lets TensorFlow choose, and -1 runs each
   * step's ops one after another in the thread that calls the session (TensorFlow's negative
   * setting), which saves the hand-over to a pool thread per op: small recurrent models train
   * faster so, models with independent branches (Bidirectional) or large products slower
   * ({@code benchmarks/training-speed.md}).
   */
  public static void setInterOpParallelismThreads(int threads) {
    interOpThreads = checkedThreads("inter-op-threads", threads, -1);
  }

  /** {@code threads}, unless below {@code least} (0, or -1 where the calling thread is allowed). */
  private static int checkedThreads(String setting, int threads, int least) {
    if (threads < least) {
      throw new IllegalArgumentException(setting + " must be "
          + (least < 0 ? "-1 (the calling thread), " : "") + "0 (TensorFlow's choice) or more,"
          + " got " + threads);
    }
    return threads;
  }

  /** The configuration of every session the library opens. */
  public static ConfigProto sessionConfig() {
    return ConfigProto.newBuilder()
        .setAllowSoftPlacement(true)
        .setLogDevicePlacement(logDevicePlacement)
        .setIntraOpParallelismThreads(intraOpThreads)
        .setInterOpParallelismThreads(interOpThreads)
        .build();
  }

  /** A session on {@code graph} with {@link #sessionConfig()}. */
  public static Session newSession(Graph graph) {
    return new Session(graph, sessionConfig());
  }

  /**
   * {@code GPU:0} when the native library can run an op on a GPU, else {@code CPU:0}; found
   * once by placing a constant on the GPU without soft placement.
   */
  public static String device() {
    if (device == null) {
      synchronized (Backend.class) {
        if (device == null) {
          device = probeGpu() ? "GPU:0" : "CPU:0";
        }
      }
    }
    return device;
  }

  private static boolean probeGpu() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g).withDevice(DeviceSpec.newBuilder()
          .deviceType(DeviceSpec.DeviceType.GPU).deviceIndex(0).build());
      var c = tf.identity(tf.constant(1f));
      ConfigProto strict = ConfigProto.newBuilder().setAllowSoftPlacement(false).build();
      try (Session s = new Session(g, strict); TFloat32 t = (TFloat32) s.runner().fetch(c).run().get(0)) {
        return t.getFloat() == 1f;
      }
    } catch (RuntimeException e) {
      return false;
    }
  }
}
