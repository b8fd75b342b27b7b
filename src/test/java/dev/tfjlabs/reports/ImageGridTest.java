package dev.tfjlabs.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The image grid draws known values to known gray levels, in known places. */
class ImageGridTest {
  private static int gray(BufferedImage img, int x, int y) {
    return img.getRGB(x, y) & 0xff;
  }

  @Test
  void valuesMapLinearlyOntoGrayClippedAndReversible() {
    // one 2x2 image: vmin, vmax / midpoint, beyond vmax; cells of 20 px, gap 6, no titles
    float[] image = {-0.5f, 0.5f, 0f, 3f};
    ImageGrid gray = new ImageGrid(1, 1, 20, -0.5, 0.5, false, false);
    BufferedImage img = gray.draw(List.of(image), 2, 2, null, null);
    // the image starts at (6, 6); each value covers a 10x10 square
    assertEquals(0, gray(img, 6 + 5, 6 + 5), "vmin is black");
    assertEquals(255, gray(img, 6 + 15, 6 + 5), "vmax is white");
    assertEquals(128, gray(img, 6 + 5, 6 + 15), "the midpoint is mid-gray (127.5 rounded)");
    assertEquals(255, gray(img, 6 + 15, 6 + 15), "beyond vmax clips to white");
    assertEquals(255, gray(img, 2, 2), "the gap is white");
    ImageGrid reversed = new ImageGrid(1, 1, 20, -0.5, 0.5, true, false);
    BufferedImage r = reversed.draw(List.of(image), 2, 2, null, null);
    assertEquals(255, gray(r, 6 + 5, 6 + 5), "gray_r: vmin is white");
    assertEquals(0, gray(r, 6 + 15, 6 + 5), "gray_r: vmax is black");
  }

  @Test
  void imagesFillTheGridRowByRow() {
    ImageGrid grid = new ImageGrid(2, 2, 4, 0, 1, false, false);
    List<float[]> images = List.of(new float[] {0}, new float[] {1}, new float[] {1},
        new float[] {0});
    BufferedImage img = grid.draw(images, 1, 1, null, null);
    // cell (row, col) starts at (6 + col * 10, 6 + row * 10)
    assertEquals(0, gray(img, 7, 7));
    assertEquals(255, gray(img, 17, 7));
    assertEquals(255, gray(img, 7, 17));
    assertEquals(0, gray(img, 17, 17));
  }
}
