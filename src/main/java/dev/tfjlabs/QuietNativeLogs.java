package dev.tfjlabs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Keeps TensorFlow's native logging out of a run. TensorFlow's C++ core reads its level
 * ({@code TF_CPP_MIN_LOG_LEVEL}) from the environment when it loads, and a JVM cannot change
 * its own environment, so the launcher runs again in a child JVM with the level set to 1, and
 * passes the child's standard error on without any native log line: TensorFlow's own
 * ({@code 2026-12-07 15:33:52.123456: W tensorflow/core/...] text} and the lines of a message
 * that follow it), Abseil's ({@code W0000 00:00:1795484017.741099   30904 file.cc:401] text},
 * which ignores the level) and Abseil's notice {@value #ABSL_NOTICE}. What went wrong reaches the
 * user as the command's own one line; a fatal native line (TensorFlow aborting the process)
 * becomes one line too. Whatever {@code TF_CPP_MIN_LOG_LEVEL} says; not used when
 * {@code TFJ_VERBOSE} asks for everything, or with {@code --log-device-placement} (the
 * placement log is INFO).
 */
final class QuietNativeLogs {
  static final String LEVEL = "TF_CPP_MIN_LOG_LEVEL";
  /** The launcher's PID, given to the child so that it ends with the launcher. */
  static final String PARENT = "TFJ_PARENT_PID";
  /** How often the child looks for its launcher. */
  private static final long WATCH_MILLIS = 500;
  static final String ABSL_NOTICE =
      "WARNING: All log messages before absl::InitializeLog() is called are written to STDERR";
  /** Abseil's line: {@code W0000 00:00:1795484017.741099   30904 file.cc:401] text}. */
  private static final Pattern ABSL_LINE =
      Pattern.compile("([IWEF])\\d{4} \\d\\d:\\d\\d:\\d+\\.\\d+ +\\d+ \\S+:\\d+\\] (.*)");
  /** TensorFlow's line: {@code 2026-11-24 01:19:33.619641: W tensorflow/core/x.cc:932] text}. */
  private static final Pattern TF_LINE = Pattern.compile(
      "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d+: ([IWEF]) \\S+:\\d+\\] (.*)");
  /** TensorFlow's CUDA library factories that cannot register without a GPU. */
  private static final Pattern CUDA_FACTORY =
      Pattern.compile("Unable to register cu(DNN|FFT|BLAS) factory");

  private QuietNativeLogs() {}

  /** Whether this JVM is the child a launcher started. */
  static boolean isChild(Map<String, String> env) {
    return env.get(PARENT) != null;
  }

  /** Whether a run with this environment and these arguments needs the child JVM. */
  static boolean needed(Map<String, String> env, String[] args) {
    return !isChild(env) && env.get(Launcher.VERBOSE) == null
        && !List.of(args).contains("--log-device-placement");
  }

  /** A native log line's level letter (I, W, E or F) and text, or null for any other line. */
  static String[] nativeLine(String line) {
    for (Pattern p : List.of(ABSL_LINE, TF_LINE)) {
      java.util.regex.Matcher m = p.matcher(line);
      if (m.matches()) {
        return new String[] {m.group(1), m.group(2)};
      }
    }
    return null;
  }

  /** Whether a line of the child's standard error is native logging to drop. */
  static boolean dropped(String line) {
    String[] logged = nativeLine(line);
    return line.equals(ABSL_NOTICE) || logged != null && !logged[0].equals("F");
  }

  /**
   * Whether {@code line} continues a native message of several lines (TensorFlow's op errors
   * add {@code \t [[{{node save/SaveV2}}]]}).
   */
  static boolean continuation(String line) {
    return line.startsWith("\t") || line.strip().startsWith("[[{{node ");
  }

  /** The one line for a fatal native line: TensorFlow aborting the process. */
  static String fatal(String text) {
    return "ERROR: TensorFlow aborted the run: " + text + " (TFJ_VERBOSE=1 shows its log)";
  }

  /** The one line that stands for TensorFlow's CUDA errors on a machine without a GPU. */
  static final String NO_CUDA = "no CUDA device: running on the CPU";

  /**
   * TensorFlow's error-level lines of the CUDA build on a machine without a GPU (the cuDNN,
   * cuFFT and cuBLAS factories it cannot register, {@code cuInit} failing): the run goes on
   * on the CPU, so they are replaced by {@link #NO_CUDA} ({@code TFJ_VERBOSE=1} shows them).
   */
  static boolean cudaAbsent(String line) {
    String[] logged = nativeLine(line);
    return logged != null && logged[0].equals("E") && (line.contains("failed call to cuInit")
        || CUDA_FACTORY.matcher(line).find() || line.contains("CUDA_ERROR_NO_DEVICE"));
  }

  /** The line that {@link #NO_CUDA} is printed for, once: {@code cuInit} failing. */
  static boolean cudaInitFailed(String line) {
    return cudaAbsent(line) && line.contains("failed call to cuInit");
  }

  /**
   * What the user sees of one line of the child's standard error, or null: native log lines
   * and their continuations are dropped, {@code cuInit} failing is {@link #NO_CUDA}, a fatal
   * line {@link #fatal}.
   *
   * @param afterNative whether the line before was native logging
   */
  static String shown(String line, boolean afterNative) {
    if (cudaInitFailed(line)) {
      return NO_CUDA;
    }
    String[] logged = nativeLine(line);
    if (logged != null && logged[0].equals("F")) {
      return fatal(logged[1]);
    }
    if (dropped(line) || afterNative && continuation(line)) {
      return null;
    }
    return line;
  }

  /**
   * Runs {@code mainClass} with {@code args} in a child JVM on this JVM's class path, with
   * standard input and output shared; returns its exit code.
   */
  static int runInChild(Class<?> mainClass, String[] args) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(dev.tfjlabs.io.Jvm.command(mainClass, List.of(args)))
        .redirectInput(ProcessBuilder.Redirect.INHERIT)
        .redirectOutput(ProcessBuilder.Redirect.INHERIT);
    pb.environment().put(LEVEL, "1");
    pb.environment().put(PARENT, Long.toString(ProcessHandle.current().pid()));
    Process child = pb.start();
    Thread stopChild = new Thread(child::destroy);
    Runtime.getRuntime().addShutdownHook(stopChild);
    try (BufferedReader err = new BufferedReader(new InputStreamReader(child.getErrorStream(),
        StandardCharsets.UTF_8))) {
      boolean afterNative = false;
      for (String line = err.readLine(); line != null; line = err.readLine()) {
        String shown = shown(line, afterNative);
        afterNative = nativeLine(line) != null || afterNative && shown == null;
        if (shown != null) {
          System.err.println(shown);
        }
      }
    }
    try {
      int code = child.waitFor();
      Runtime.getRuntime().removeShutdownHook(stopChild);
      return code;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  /**
   * In the child JVM: ends it as soon as the launcher that started it ({@value #PARENT}) is gone,
   * as when the launcher is killed with {@code kill -9}, which skips its shutdown hook. The child
   * halts without its own hooks, so a killed run publishes nothing over the earlier one.
   */
  static void endWithParent(Map<String, String> env) {
    String parent = env.get(PARENT);
    if (parent == null) {
      return;
    }
    long pid;
    try {
      pid = Long.parseLong(parent.strip());
    } catch (NumberFormatException e) {
      return;
    }
    Thread watch = new Thread(() -> {
      while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
        try {
          Thread.sleep(WATCH_MILLIS);
        } catch (InterruptedException e) {
          return;
        }
      }
      Runtime.getRuntime().halt(137);
    }, "launcher-watch");
    watch.setDaemon(true);
    watch.start();
  }
}
