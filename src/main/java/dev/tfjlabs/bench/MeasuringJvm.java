package dev.tfjlabs.bench;

import dev.tfjlabs.io.Jvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A benchmark's measurement in a JVM of its own: {@code main} with {@code args} on this class
 * path, TensorFlow's log lines and standard error discarded, whose last line of output is the
 * number it measured.
 */
final class MeasuringJvm {
  private MeasuringJvm() {}

  /** Starts {@code main} with {@code args}. */
  static Process start(Class<?> main, List<String> args) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(Jvm.command(main, args));
    pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    return pb.start();
  }

  /** Waits for {@code p} and returns the number on its last line of output. */
  static double read(Process p) throws IOException, InterruptedException {
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (p.waitFor() != 0) {
      throw new IllegalStateException("a measuring JVM failed: " + out);
    }
    String[] lines = out.split("\\R");
    return Double.parseDouble(lines[lines.length - 1]);
  }
}
