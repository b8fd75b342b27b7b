package dev.tfjlabs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Keeps TensorFlow's native INFO logging out of a run. TensorFlow's C++ core reads its level
 * ({@code TF_CPP_MIN_LOG_LEVEL}) from the environment when it loads, and a JVM cannot change
 * its own environment, so the launcher runs again in a child JVM with the level set to 1 (INFO
 * off, warnings and errors on). Abseil logging, which part of TensorFlow uses, ignores that
 * level: the child's standard error is passed on without Abseil's INFO lines and its notice
 * {@value #ABSL_NOTICE}. Not used when the level is already set, when {@code TFJ_VERBOSE} asks
 * for everything, or with {@code --log-device-placement} (the placement log is INFO).
 */
final class QuietNativeLogs {
  static final String LEVEL = "TF_CPP_MIN_LOG_LEVEL";
  /** The launcher's PID, given to the child so that it ends with the launcher. */
  static final String PARENT = "TFJ_PARENT_PID";
  /** How often the child looks for its launcher. */
  private static final long WATCH_MILLIS = 500;
  static final String ABSL_NOTICE =
      "WARNING: All log messages before absl::InitializeLog() is called are written to STDERR";
  /** Abseil's INFO line: {@code I0000 00:00:1795484017.741099   30904 file.cc:401] text}. */
  private static final Pattern ABSL_INFO =
      Pattern.compile("I\\d{4} \\d\\d:\\d\\d:\\d+\\.\\d+ +\\d+ \\S+:\\d+\\] .*");
  /** TensorFlow's CUDA library factories that cannot register without a GPU. */
  private static final Pattern CUDA_FACTORY =
      Pattern.compile("Unable to register cu(DNN|FFT|BLAS) factory");
  /** Abseil's ERROR line, as its INFO line with an E. */
  private static final Pattern ABSL_ERROR =
      Pattern.compile("E\\d{4} \\d\\d:\\d\\d:\\d+\\.\\d+ +\\d+ \\S+:\\d+\\] .*");

  private QuietNativeLogs() {}

  /** Whether this JVM is the child a launcher started. */
  static boolean isChild(Map<String, String> env) {
    return env.get(PARENT) != null;
  }

  /** Whether a run with this environment and these arguments needs the child JVM. */
  static boolean needed(Map<String, String> env, String[] args) {
    return env.get(LEVEL) == null && env.get(Launcher.VERBOSE) == null
        && !List.of(args).contains("--log-device-placement");
  }

  /** Whether a line of the child's standard error is native logging to drop. */
  static boolean dropped(String line) {
    return line.equals(ABSL_NOTICE) || ABSL_INFO.matcher(line).matches() || cudaAbsent(line);
  }

  /** The one line that stands for TensorFlow's CUDA errors on a machine without a GPU. */
  static final String NO_CUDA = "no CUDA device: running on the CPU";

  /**
   * TensorFlow's error-level lines of the CUDA build on a machine without a GPU (the cuDNN,
   * cuFFT and cuBLAS factories it cannot register, {@code cuInit} failing): the run goes on
   * on the CPU, so they are replaced by {@link #NO_CUDA} ({@code TFJ_VERBOSE=1} shows them).
   */
  static boolean cudaAbsent(String line) {
    return ABSL_ERROR.matcher(line).matches() && (line.contains("failed call to cuInit")
        || CUDA_FACTORY.matcher(line).find()
        || line.contains("CUDA_ERROR_NO_DEVICE"));
  }

  /** The line that {@link #NO_CUDA} is printed for, once: {@code cuInit} failing. */
  static boolean cudaInitFailed(String line) {
    return ABSL_ERROR.matcher(line).matches() && line.contains("failed call to cuInit");
  }

  /**
   * Runs {@code mainClass} with {@code args} in a child JVM on this JVM's class path, with
   * standard input and output shared; returns its exit code.
   */
  static int runInChild(Class<?> mainClass, String[] args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(classPath(mainClass.getClassLoader()));
    command.add(mainClass.getName());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command)
        .redirectInput(ProcessBuilder.Redirect.INHERIT)
        .redirectOutput(ProcessBuilder.Redirect.INHERIT);
    pb.environment().put(LEVEL, "1");
    pb.environment().put(PARENT, Long.toString(ProcessHandle.current().pid()));
    Process child = pb.start();
    Thread stopChild = new Thread(child::destroy);
    Runtime.getRuntime().addShutdownHook(stopChild);
    try (BufferedReader err = new BufferedReader(new InputStreamReader(child.getErrorStream(),
        StandardCharsets.UTF_8))) {
      for (String line = err.readLine(); line != null; line = err.readLine()) {
        if (cudaInitFailed(line)) {
          System.err.println(NO_CUDA);
        } else if (!dropped(line)) {
          System.err.println(line);
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

  /**
   * The class path the classes were loaded from: the loader's URLs under Maven's
   * {@code exec:java}, else {@code java.class.path}.
   */
  private static String classPath(ClassLoader loader) {
    if (loader instanceof URLClassLoader urls && urls.getURLs().length > 0) {
      List<String> paths = new ArrayList<>();
      for (URL url : urls.getURLs()) {
        try {
          paths.add(Path.of(url.toURI()).toString());
        } catch (URISyntaxException | IllegalArgumentException e) {
          throw new IllegalStateException("class path entry " + url + " is not a file", e);
        }
      }
      return String.join(java.io.File.pathSeparator, paths);
    }
    return System.getProperty("java.class.path");
  }
}
