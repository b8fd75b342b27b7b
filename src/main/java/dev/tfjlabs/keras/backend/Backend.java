package dev.tfjlabs.keras.backend;

import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

/**
 * Session settings and device discovery. Graphs are not pinned to a device: TensorFlow places
 * them on the GPU when the CUDA build finds one, else on the CPU.
 *
 * <p>As in TensorFlow ({@code tf.config.threading}), the thread pools are the process's: the
 * first session opened makes the intra-op pool and the inter-op pool with its settings, and
 * every later session shares them, whatever its own settings say (here the first session
 * this class opens; one a program opens by itself before makes them with its own). So the
 * thread settings must be made before the first session; changing one afterwards raises, as
 * TensorFlow's "Intra op parallelism cannot be modified after initialization" does. The one
 * exception is inter-op -1, which each session honours on its own (its ops run in the calling
 * thread).
 */
public final class Backend {
  private static volatile boolean logDevicePlacement;
  private static volatile int intraOpThreads;
  private static volatile int interOpThreads;
  private static volatile String device;
  /** The settings the process's pools were made with: null until the first session opens. */
  private static volatile ConfigProto pools;

  private Backend() {}

  /** Makes every new session log where each op runs (TensorFlow's device placement log). */
  public static void setLogDevicePlacement(boolean enabled) {
    logDevicePlacement = enabled;
  }

  /**
   * {@code tf.config.threading.set_intra_op_parallelism_threads}: threads one op may use; 0
   * (the default) lets TensorFlow choose (one per core). Before the first session only: see
   * the class comment.
   */
  public static synchronized void setIntraOpParallelismThreads(int threads) {
    int checked = checkedThreads("intra-op-threads", threads, 0);
    if (pools != null && checked != pools.getIntraOpParallelismThreads()) {
      throw cannotModify("Intra", pools.getIntraOpParallelismThreads(), "");
    }
    intraOpThreads = checked;
  }

  /**
   * {@code tf.config.threading.set_inter_op_parallelism_threads}: ops that may run at once,
   * before the first session (see the class comment); 0 (the default) lets TensorFlow choose,
   * and -1, in any session, runs each step's ops one after another in the thread that calls the
   * session (TensorFlow's negative setting), which saves the hand-over to a pool thread per
   * op: small recurrent models train faster so, models with independent branches
   * (Bidirectional) or large products slower ({@code benchmarks/training-speed.md}).
   */
  public static synchronized void setInterOpParallelismThreads(int threads) {
    int checked = checkedThreads("inter-op-threads", threads, -1);
    // a pool made by a session of -1 has TensorFlow's default size
    int pool = pools == null ? checked : Math.max(0, pools.getInterOpParallelismThreads());
    if (checked != -1 && checked != pool) {
      throw cannotModify("Inter", pool, " (-1, the calling thread, is the one value each session"
          + " honours on its own)");
    }
    interOpThreads = checked;
  }

  /** TensorFlow's refusal of a changed pool size, in one line. */
  private static IllegalStateException cannotModify(String kind, int pool, String more) {
    String size = pool == 0 ? "TensorFlow's default size (0)"
        : pool + " thread" + (pool == 1 ? "" : "s");
    return new IllegalStateException(kind + " op parallelism cannot be modified after"
        + " initialization: this process's thread pools were made with " + size + " by its"
        + " first session; set it before the first model is built or loaded" + more);
  }

  /**
   * Checks thread settings without applying them: an {@link IllegalArgumentException} names the
   * setting that is out of range.
   */
  public static void checkThreads(int intraOp, int interOp) {
    checkedThreads("intra-op-threads", intraOp, 0);
    checkedThreads("inter-op-threads", interOp, -1);
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

  /**
   * The configuration of a session about to be opened: {@link #sessionConfig()}, the first of
   * which makes the process's pools.
   */
  private static synchronized ConfigProto opening() {
    ConfigProto config = sessionConfig();
    if (pools == null) {
      pools = config;
    }
    return config;
  }

  /** A session on {@code graph} with {@link #sessionConfig()}. */
  public static Session newSession(Graph graph) {
    return new Session(graph, opening());
  }

  /** {@code SavedModelBundle.load(dir, tags)} in a session with {@link #sessionConfig()}. */
  public static SavedModelBundle loadSavedModel(String dir, String... tags) {
    return SavedModelBundle.loader(dir).withTags(tags).withConfigProto(opening()).load();
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
      ConfigProto strict = opening().toBuilder().setAllowSoftPlacement(false).build();
      try (Session s = new Session(g, strict); TFloat32 t = (TFloat32) s.runner().fetch(c).run().get(0)) {
        return t.getFloat() == 1f;
      }
    } catch (RuntimeException e) {
      return false;
    }
  }
}
