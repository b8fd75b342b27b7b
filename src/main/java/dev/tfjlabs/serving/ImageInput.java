package dev.tfjlabs.serving;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * A PNG or JPEG file as a model input: converted to 8-bit grayscale, resized to the model's
 * height and width when it differs (bilinear), then each pixel multiplied by the model's scale.
 * Pixel (r, c) lands at index {@code r * width + c}, the row-major layout of the IDX images.
 */
public final class ImageInput {
  private ImageInput() {}

  public static float[] read(Path file, int height, int width, double scale) {
    BufferedImage img;
    try {
      img = Files.isRegularFile(file) ? ImageIO.read(file.toFile()) : null;
    } catch (IOException e) {
      img = null;
    }
    if (img == null) {
      throw new BadInputException(file + " is not a readable PNG or JPEG image");
    }
    BufferedImage gray = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = gray.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(img, 0, 0, width, height, null);
    g.dispose();
    float[] out = new float[height * width];
    for (int r = 0; r < height; r++) {
      for (int c = 0; c < width; c++) {
        out[r * width + c] = (float) ((gray.getRaster().getSample(c, r, 0)) * scale);
      }
    }
    return out;
  }
}
