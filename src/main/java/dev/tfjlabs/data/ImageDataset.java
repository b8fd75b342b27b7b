package dev.tfjlabs.data;

import dev.tfjlabs.keras.data.FloatArray;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Grey-scale images with integer labels, as {@code keras.datasets.mnist.load_data()} returns
 * them: pixels are unsigned bytes 0..255 in row-major order, one label 0..9 per image.
 *
 * @param pixels {@code count * rows * cols} unsigned bytes
 * @param labels one class per image
 * @param rows image height (28)
 * @param cols image width (28)
 */
public record ImageDataset(byte[] pixels, int[] labels, int rows, int cols) {

  public ImageDataset {
    if (pixels.length != (long) labels.length * rows * cols) {
      throw new IllegalArgumentException(labels.length + " labels do not match "
          + pixels.length + " pixels of " + rows + "x" + cols + " images");
    }
  }

  /**
   * Reads an IDX image file and its IDX label file, checking that they agree and that every
   * label is a class, 0 to {@code classes - 1}.
   */
  public static ImageDataset readIdx(Path images, Path labels, int classes) {
    IdxReader.IdxArray img = IdxReader.read(images, 3);
    IdxReader.IdxArray lab = IdxReader.read(labels, 1);
    if (img.count() != lab.count()) {
      throw new DatasetException(images + " holds " + img.count() + " images but " + labels
          + " holds " + lab.count() + " labels; one of them is from another dataset.");
    }
    int[] y = new int[lab.count()];
    for (int i = 0; i < y.length; i++) {
      y[i] = lab.data()[i] & 0xFF;
      if (y[i] >= classes) {
        throw new DatasetException(labels + ": label " + y[i] + " of example " + i + " is not one"
            + " of the " + classes + " classes (0.." + (classes - 1) + "); the file is corrupt or"
            + " from another dataset. Delete it and let the loader fetch it again.");
      }
    }
    return new ImageDataset(img.data(), y, img.dims()[1], img.dims()[2]);
  }

  /**
   * The training and test sets from four IDX files, in the order train images, train labels,
   * test images, test labels (Keras's {@code load_data} for MNIST-format datasets), with labels
   * 0 to {@code classes - 1}.
   */
  public static TrainTest<ImageDataset> load(DataFiles files, java.util.List<RemoteFile> four,
      int classes) {
    return new TrainTest<>(readIdx(files.get(four.get(0)), files.get(four.get(1)), classes),
        readIdx(files.get(four.get(2)), files.get(four.get(3)), classes));
  }

  public int count() {
    return labels.length;
  }

  /** Pixel {@code (r, c)} of image {@code i} as 0..255. */
  public int pixel(int i, int r, int c) {
    return pixels[(i * rows + r) * cols + c] & 0xFF;
  }

  /** The images as floats scaled to [0, 1] ({@code x / 255.0}), shape [count, rows, cols]. */
  public FloatArray images() {
    float[] out = new float[pixels.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (pixels[i] & 0xFF) / 255.0f;
    }
    return new FloatArray(out, count(), rows, cols);
  }

  /** The labels as a float array of shape [count], the form sparse losses take. */
  public FloatArray labelArray() {
    float[] out = new float[labels.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = labels[i];
    }
    return FloatArray.of(out);
  }

  /** Images {@code from} (inclusive) to {@code to} (exclusive). */
  public ImageDataset slice(int from, int to) {
    int size = rows * cols;
    return new ImageDataset(Arrays.copyOfRange(pixels, from * size, to * size),
        Arrays.copyOfRange(labels, from, to), rows, cols);
  }

  /** The first {@code n} images, or all of them when there are fewer. */
  public ImageDataset limit(int n) {
    return n >= count() ? this : slice(0, n);
  }

  /** How many images carry each label {@code 0..classes-1}. */
  public int[] classCounts(int classes) {
    int[] counts = new int[classes];
    for (int y : labels) {
      counts[y]++;
    }
    return counts;
  }
}
