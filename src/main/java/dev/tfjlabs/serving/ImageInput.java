package dev.tfjlabs.serving;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * A PNG or JPEG file as a model input: grey levels 0..255 (a grey image's own values; for a
 * colour image the luminance {@code 0.299 R + 0.587 G + 0.114 B}), resized bilinearly to the
 * model's height and width when they differ, then multiplied by the model's scale. Pixel (r, c)
 * lands at index {@code r * width + c}, the row-major layout of the IDX images. Grey values are
 * read from the raster, not drawn, so no colour-space conversion alters them.
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
      throw new BadInputException(file + (looksLikeText(file) ? " is a text file, not an image;"
          + " this model takes PNG or JPEG images" : " is not a readable PNG or JPEG image"));
    }
    double[] gray = grayLevels(img);
    double[] sized = resize(gray, img.getHeight(), img.getWidth(), height, width);
    float[] out = new float[sized.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) (sized[i] * scale);
    }
    return out;
  }

  /** Whether the file's first bytes are printable text (a CSV or a review given by mistake). */
  private static boolean looksLikeText(Path file) {
    try (java.io.InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(512);
      if (head.length == 0) {
        return false;
      }
      for (byte b : head) {
        if (b < 9 || (b > 13 && b < 32)) {
          return false;
        }
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static double[] grayLevels(BufferedImage img) {
    int h = img.getHeight();
    int w = img.getWidth();
    double[] out = new double[h * w];
    boolean oneBand = img.getRaster().getNumBands() == 1 && img.getColorModel().getPixelSize() == 8;
    for (int r = 0; r < h; r++) {
      for (int c = 0; c < w; c++) {
        if (oneBand) {
          out[r * w + c] = img.getRaster().getSample(c, r, 0);
        } else {
          int rgb = img.getRGB(c, r);
          out[r * w + c] = 0.299 * ((rgb >> 16) & 0xFF) + 0.587 * ((rgb >> 8) & 0xFF)
              + 0.114 * (rgb & 0xFF);
        }
      }
    }
    return out;
  }

  /** Bilinear resampling with pixel centres aligned; the identity when the size is unchanged. */
  static double[] resize(double[] src, int h, int w, int outH, int outW) {
    if (h == outH && w == outW) {
      return src;
    }
    double[] out = new double[outH * outW];
    for (int r = 0; r < outH; r++) {
      double y = Math.min(h - 1, Math.max(0, (r + 0.5) * h / outH - 0.5));
      int y0 = (int) y;
      int y1 = Math.min(h - 1, y0 + 1);
      for (int c = 0; c < outW; c++) {
        double x = Math.min(w - 1, Math.max(0, (c + 0.5) * w / outW - 0.5));
        int x0 = (int) x;
        int x1 = Math.min(w - 1, x0 + 1);
        double fx = x - x0;
        double fy = y - y0;
        double top = src[y0 * w + x0] * (1 - fx) + src[y0 * w + x1] * fx;
        double bottom = src[y1 * w + x0] * (1 - fx) + src[y1 * w + x1] * fx;
        out[r * outW + c] = top * (1 - fy) + bottom * fy;
      }
    }
    return out;
  }
}
