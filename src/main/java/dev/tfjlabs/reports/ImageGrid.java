package dev.tfjlabs.reports;

import dev.tfjlabs.io.AtomicFiles;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A grid of grayscale images, as matplotlib's {@code plt.subplot(rows, cols, i)} +
 * {@code imshow(image, cmap, vmin, vmax)} + {@code title}: each image scaled to cells of
 * {@code cell} pixels (nearest neighbour, so every value stays a flat square), values mapped
 * linearly from [vmin, vmax] to black..white ({@code gray}) or white..black ({@code gray_r}),
 * clipped outside; with a colour bar of that scale when asked. The one place that draws image
 * grids, next to {@link Charts}.
 *
 * @param rows grid rows
 * @param cols grid columns
 * @param cell the side of one image in pixels
 * @param vmin the value drawn black ({@code gray}) or white ({@code gray_r})
 * @param vmax the value drawn white ({@code gray}) or black ({@code gray_r})
 * @param reversed {@code gray_r}: larger values darker
 * @param colorBar draw the scale to the right
 */
public record ImageGrid(int rows, int cols, int cell, double vmin, double vmax, boolean reversed,
    boolean colorBar) {
  private static final int GAP = 6;
  private static final int TITLE_HEIGHT = 18;
  private static final int BAR_WIDTH = 60;
  private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  private static final Font HEADING = new Font(Font.SANS_SERIF, Font.BOLD, 15);

  public ImageGrid {
    if (rows <= 0 || cols <= 0 || cell <= 0 || !(vmax > vmin)) {
      throw new IllegalArgumentException("an image grid needs rows, cols and cell > 0 and"
          + " vmax > vmin");
    }
  }

  /** The 8-bit gray level of {@code value} on this scale (0 black, 255 white). */
  public int gray(double value) {
    double t = Math.max(0, Math.min(1, (value - vmin) / (vmax - vmin)));
    int g = (int) Math.round(255 * t);
    return reversed ? 255 - g : g;
  }

  /**
   * Draws {@code images} (each {@code height * width} values, row-major) into the grid, row by
   * row, with an optional title above each and a heading above all.
   *
   * @param titles one per image, or null for none
   * @param heading the figure's title, or null
   */
  public BufferedImage draw(List<float[]> images, int height, int width, List<String> titles,
      String heading) {
    if (images.size() > rows * cols) {
      throw new IllegalArgumentException(images.size() + " images for a " + rows + "x" + cols
          + " grid");
    }
    int cellW = cell;
    int cellH = Math.max(1, Math.round((float) cell * height / width));
    int top = heading == null ? GAP : GAP + 24;
    int titleH = titles == null ? 0 : TITLE_HEIGHT;
    int w = GAP + cols * (cellW + GAP) + (colorBar ? BAR_WIDTH : 0);
    int h = top + rows * (cellH + titleH + GAP);
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    g.setColor(Color.BLACK);
    if (heading != null) {
      g.setFont(HEADING);
      g.drawString(heading, (w - g.getFontMetrics().stringWidth(heading)) / 2, GAP + 16);
    }
    g.setFont(FONT);
    FontMetrics fm = g.getFontMetrics();
    for (int i = 0; i < images.size(); i++) {
      int x0 = GAP + (i % cols) * (cellW + GAP);
      int y0 = top + (i / cols) * (cellH + titleH + GAP);
      if (titles != null) {
        String t = titles.get(i);
        g.setColor(Color.BLACK);
        g.drawString(t, x0 + (cellW - fm.stringWidth(t)) / 2, y0 + titleH - 5);
      }
      float[] img = images.get(i);
      for (int y = 0; y < cellH; y++) {
        for (int x = 0; x < cellW; x++) {
          int v = gray(img[(y * height / cellH) * width + x * width / cellW]);
          out.setRGB(x0 + x, y0 + titleH + y, (v << 16) | (v << 8) | v);
        }
      }
    }
    if (colorBar) {
      drawBar(g, out, w - BAR_WIDTH + 10, top, h - top - GAP);
    }
    g.dispose();
    return out;
  }

  private void drawBar(Graphics2D g, BufferedImage out, int x0, int y0, int height) {
    for (int y = 0; y < height; y++) {
      int v = gray(vmax - (vmax - vmin) * y / Math.max(1, height - 1));
      for (int x = 0; x < 14; x++) {
        out.setRGB(x0 + x, y0 + y, (v << 16) | (v << 8) | v);
      }
    }
    g.setColor(Color.BLACK);
    g.drawRect(x0, y0, 14, height - 1);
    g.drawString(format(vmax), x0 + 18, y0 + 10);
    g.drawString(format(vmin), x0 + 18, y0 + height - 2);
  }

  private static String format(double v) {
    return String.format(java.util.Locale.ROOT, "%.2g", v);
  }

  /** Draws and writes the grid as a PNG, atomically. */
  public void savePng(Path file, List<float[]> images, int height, int width, List<String> titles,
      String heading) {
    BufferedImage img = draw(images, height, width, titles, heading);
    AtomicFiles.write(file, o -> ImageIO.write(img, "png", o));
  }
}
