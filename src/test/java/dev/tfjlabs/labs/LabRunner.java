package dev.tfjlabs.labs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tfjlabs.Launcher;
import dev.tfjlabs.reports.Json;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Runs labs through the launcher, as a user does, and reads what they wrote. */
final class LabRunner {
  private LabRunner() {}

  static int run(String... args) {
    return Launcher.commandLine().execute(args);
  }

  static JsonNode json(Path file) {
    return Json.read(file, JsonNode.class);
  }

  /** The image, or an assertion failure when the file is not a readable PNG. */
  static BufferedImage png(Path file) throws IOException {
    BufferedImage img = ImageIO.read(file.toFile());
    if (img == null) {
      throw new AssertionError(file + " is not a readable image");
    }
    return img;
  }
}
