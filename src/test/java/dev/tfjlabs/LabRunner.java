package dev.tfjlabs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tfjlabs.io.Json;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Runs labs through the launcher, as a user does, and reads what they wrote. */
public final class LabRunner {
  private LabRunner() {}

  public static int run(String... args) {
    return Launcher.commandLine().execute(args);
  }

  /** What a launcher run printed and its exit code. */
  public record Output(int exitCode, String out, String err) {}

  /** Runs the launcher with standard output and error captured. */
  public static Output capture(String... args) {
    java.io.PrintStream out = System.out;
    java.io.PrintStream err = System.err;
    java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream e = new java.io.ByteArrayOutputStream();
    try {
      System.setOut(new java.io.PrintStream(o, true));
      System.setErr(new java.io.PrintStream(e, true));
      int code = run(args);
      return new Output(code, o.toString(), e.toString());
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  /**
   * Runs the launcher in a JVM of its own, as a user's command line does: where the options
   * set TensorFlow's thread pools, which the first session of a JVM makes for the whole JVM
   * (this one's exist already). Its error stream is merged into its output.
   */
  public static Output captureInJvm(String... args) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(dev.tfjlabs.io.Jvm.command(Launcher.class,
        java.util.List.of(args))).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    String out = new String(p.getInputStream().readAllBytes());
    return new Output(p.waitFor(), out, out);
  }

  /** Writes 8-bit grey pixels (0..255, row-major) as a PNG. */
  public static void writeGrayPng(Path file, int height, int width, int[] pixels) throws IOException {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    img.getRaster().setPixels(0, 0, width, height, pixels);
    ImageIO.write(img, "png", file.toFile());
  }

  public static JsonNode json(Path file) {
    return Json.read(file, JsonNode.class);
  }

  /** The image, or an assertion failure when the file is not a readable PNG. */
  public static BufferedImage png(Path file) throws IOException {
    BufferedImage img = ImageIO.read(file.toFile());
    if (img == null) {
      throw new AssertionError(file + " is not a readable image");
    }
    return img;
  }
}
