package dev.tfjlabs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's child JVM: used only when nothing set the native log level, and its filter
 * drops TensorFlow's Abseil INFO lines (captured from a run of TensorFlow Java 1.1.0) and
 * nothing else.
 */
class QuietNativeLogsTest {
  @TempDir Path tmp;

  @Test
  void childUnlessVerboseWhateverTheLogLevel() {
    String[] run = {"multiplication"};
    assertTrue(QuietNativeLogs.needed(Map.of(), run));
    assertTrue(QuietNativeLogs.needed(Map.of("TF_CPP_MIN_LOG_LEVEL", "0"), run));
    assertTrue(QuietNativeLogs.needed(Map.of("TF_CPP_MIN_LOG_LEVEL", "3"), run));
    assertFalse(QuietNativeLogs.needed(Map.of("TFJ_VERBOSE", "1"), run));
    assertFalse(QuietNativeLogs.needed(Map.of("TFJ_PARENT_PID", "1"), run), "the child itself");
    assertFalse(QuietNativeLogs.needed(Map.of(),
        new String[] {"multiplication", "--log-device-placement"}));
  }

  /** Lines captured from TensorFlow Java 1.1.0 runs: every native level but fatal is dropped. */
  @Test
  void dropsEveryNativeLogLine() {
    for (String dropped : List.of(QuietNativeLogs.ABSL_NOTICE,
        "I0000 00:00:1795484017.741099   30904 mlir_graph_optimization_pass.cc:401] MLIR V1"
            + " optimization pass is not enabled",
        "W0000 00:00:1795484017.741099   30904 lstm_ops.cc:932] BlockLSTMOp is inefficient",
        "2026-11-24 01:19:33.619641: W tensorflow/core/kernels/rnn/lstm_ops.cc:932] inefficient",
        "2026-12-07 15:40:01.002211: W tensorflow/core/framework/op_kernel.cc:1857]"
            + " OP_REQUIRES failed at save_restore_v2_ops.cc:163 : RESOURCE_EXHAUSTED: o/variables"
            + "/variables_temp/part-00000-of-00001.data-00000-of-00001.tempstate1; No space left on"
            + " device",
        "E0000 00:00:1795484017.741099   30904 op_kernel.cc:1] Something else")) {
      assertTrue(QuietNativeLogs.dropped(dropped), dropped);
      assertEquals(null, QuietNativeLogs.shown(dropped, false), dropped);
    }
    for (String kept : List.of(
        "ERROR: dataset fashion-mnist: train-images-idx3-ubyte.gz is truncated",
        "Epoch 1/50", "\tindented output of the command itself")) {
      assertFalse(QuietNativeLogs.dropped(kept), kept);
      assertEquals(kept, QuietNativeLogs.shown(kept, false), kept);
    }
    assertEquals(null, QuietNativeLogs.shown("\t [[{{node save/SaveV2}}]]", true),
        "a native message's second line");
    assertEquals("ERROR: TensorFlow aborted the run: Check failed: d < dims() (3 vs. 2)"
        + " (TFJ_VERBOSE=1 shows its log)", QuietNativeLogs.shown("2026-12-07 15:40:01.002211: F"
        + " tensorflow/core/framework/tensor_shape.cc:357] Check failed: d < dims() (3 vs. 2)",
        false));
  }

  /** A child's standard error, end to end: only the command's own line passes. */
  @Test
  void aChildsNativeLinesDoNotReachTheUser() throws IOException {
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    java.io.PrintStream saved = System.err;
    int code;
    System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      code = QuietNativeLogs.runInChild(NativeLinesMain.class, new String[0]);
    } finally {
      System.setErr(saved);
    }
    assertEquals(1, code);
    assertEquals("ERROR: No space left on /small writing /small/m: free space\n",
        err.toString(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** Prints what TensorFlow prints on a full disk, then the command's line; exits 1. */
  static final class NativeLinesMain {
    public static void main(String[] args) {
      System.err.println(QuietNativeLogs.ABSL_NOTICE);
      System.err.println("2026-12-07 15:40:01.002211: W tensorflow/core/framework/op_kernel.cc"
          + ":1857] OP_REQUIRES failed at save_restore_v2_ops.cc:163 : RESOURCE_EXHAUSTED: No"
          + " space left on device");
      System.err.println("\t [[{{node save/SaveV2}}]]");
      System.err.println("ERROR: No space left on /small writing /small/m: free space");
      System.exit(1);
    }
  }

  /** A child JVM on this class path: output, exit code and the filter, end to end. */
  @Test
  void childRunsOnTheSameClassPath() throws IOException {
    Path out = tmp.resolve("out.txt");
    int code = QuietNativeLogs.runInChild(EchoMain.class, new String[] {out.toString(), "x y"});
    assertEquals(3, code);
    assertEquals("x y|1", Files.readString(out));
  }

  /** Writes its second argument and the child's log level to its first; exits 3. */
  static final class EchoMain {
    public static void main(String[] args) throws IOException {
      Files.writeString(Path.of(args[0]), args[1] + "|" + System.getenv("TF_CPP_MIN_LOG_LEVEL"));
      System.exit(3);
    }
  }

  /**
   * Under the C locale the JVM receives a non-ASCII path as U+FFFD: the launcher says so and
   * exits 2 instead of writing to another folder; under a UTF-8 locale the path works.
   */
  @Test
  void aNonAsciiPathNeedsAUtf8Locale(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    String folder = dir.resolve("r\u00e9ports").toString();
    for (String locale : java.util.List.of("C", "C.UTF-8")) {
      ProcessBuilder pb = new ProcessBuilder(java.nio.file.Path.of(System.getProperty(
          "java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
          Launcher.class.getName(), "multiplication", "--model", "simple", "--epochs", "1",
          "--limit", "32", "--reports-dir", folder, "--models-dir", folder + "-models")
          .redirectErrorStream(true);
      pb.environment().put("LC_ALL", locale);
      pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "1");
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(),
          java.nio.charset.StandardCharsets.UTF_8);
      int code = p.waitFor();
      if (locale.equals("C")) {
        org.junit.jupiter.api.Assertions.assertEquals(2, code, out);
        org.junit.jupiter.api.Assertions.assertTrue(out.contains("set a UTF-8 locale"), out);
      } else {
        org.junit.jupiter.api.Assertions.assertEquals(0, code, out);
        org.junit.jupiter.api.Assertions.assertTrue(java.nio.file.Files.exists(
            java.nio.file.Path.of(folder, "multiplication", "results.json")), out);
      }
    }
  }

  /** The CUDA build on a machine without a GPU: its error lines give way to one line. */
  @Test
  void cudaErrorsWithoutAGpuBecomeOneLine() {
    String cuInit = "E0000 00:00:1795484017.741099   30904 cuda_executor.cc:1228] failed call to"
        + " cuInit: INTERNAL: CUDA error: Failed call to cuInit: UNKNOWN ERROR (303)";
    String cudnn = "E0000 00:00:1795484017.741099   30904 cuda_dnn.cc:8310] Unable to register"
        + " cuDNN factory: Attempting to register factory for plugin cuDNN when one has already"
        + " been registered";
    assertTrue(QuietNativeLogs.cudaInitFailed(cuInit));
    assertTrue(QuietNativeLogs.dropped(cudnn));
    assertTrue(QuietNativeLogs.dropped(cuInit));
    assertFalse(QuietNativeLogs.cudaInitFailed(cudnn));
  }
}
