package dev.tfjlabs.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
  @TempDir Path dir;

  /** An IDX file: magic 0x00000800 | dims.length, the dims, then {@code data}. */
  static byte[] idx(int magic, int[] dims, byte[] data) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(magic);
    for (int d : dims) {
      out.writeInt(d);
    }
    out.write(data);
    return bytes.toByteArray();
  }

  static Path write(Path file, byte[] content, boolean gzip) throws IOException {
    try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file))
        : Files.newOutputStream(file)) {
      out.write(content);
    }
    return file;
  }

  private static byte[] pixels(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (i * 7);
    }
    return b;
  }

  @Test
  void readsRawAndGzippedFiles() throws IOException {
    byte[] content = idx(0x803, new int[] {2, 3, 4}, pixels(24));
    for (boolean gzip : new boolean[] {false, true}) {
      IdxReader.IdxArray a = IdxReader.read(write(dir.resolve("f" + gzip), content, gzip), 3);
      assertArrayEquals(new int[] {2, 3, 4}, a.dims());
      assertArrayEquals(pixels(24), a.data());
    }
  }

  @Test
  void imagesAndLabelsBecomeKerasArrays() throws IOException {
    Path img = write(dir.resolve("img.gz"), idx(0x803, new int[] {2, 2, 2},
        new byte[] {0, (byte) 255, 51, 102, 0, 0, 0, (byte) 128}), true);
    Path lab = write(dir.resolve("lab.gz"), idx(0x801, new int[] {2}, new byte[] {7, 3}), true);
    ImageDataset d = ImageDataset.readIdx(img, lab, 10);
    assertEquals(2, d.count());
    assertArrayEquals(new int[] {7, 3}, d.labels());
    assertArrayEquals(new float[] {0f, 1f, 0.2f, 0.4f, 0, 0, 0, 128 / 255f}, d.images().values());
    assertArrayEquals(new int[] {2, 2, 2}, d.images().shape());
  }

  @Test
  void labelsOutsideTheClassesAreNamed() throws IOException {
    Path img = write(dir.resolve("img2.gz"), idx(0x803, new int[] {3, 1, 1},
        new byte[] {0, 1, 2}), true);
    Path lab = write(dir.resolve("lab2.gz"), idx(0x801, new int[] {3},
        new byte[] {9, (byte) 200, (byte) 255}), true);
    DatasetException e = assertThrows(DatasetException.class,
        () -> ImageDataset.readIdx(img, lab, 10));
    assertTrue(e.getMessage().startsWith(lab + ": label 200 of example 1 is not one of the 10"
        + " classes (0..9)"), e.getMessage());
  }

  @Test
  void truncatedFileIsNamed() throws IOException {
    byte[] content = idx(0x803, new int[] {2, 3, 4}, pixels(20));
    Path f = write(dir.resolve("short.gz"), content, true);
    DatasetException e = assertThrows(DatasetException.class, () -> IdxReader.read(f, 3));
    assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("truncated")
        && e.getMessage().contains("24 bytes") && e.getMessage().contains("holds 20"), e.getMessage());
  }

  @Test
  void truncatedGzipStreamIsReported() throws IOException {
    byte[] gz = Files.readAllBytes(write(dir.resolve("full.gz"),
        idx(0x803, new int[] {10, 28, 28}, pixels(7840)), true));
    Path cut = Files.write(dir.resolve("cut.gz"), Arrays.copyOf(gz, gz.length / 2));
    DatasetException e = assertThrows(DatasetException.class, () -> IdxReader.read(cut, 3));
    assertTrue(e.getMessage().contains(cut.toString()), e.getMessage());
  }

  @Test
  void wrongMagicIsReported() throws IOException {
    Path f = write(dir.resolve("labels-as-images"), idx(0x801, new int[] {3}, pixels(3)), false);
    DatasetException e = assertThrows(DatasetException.class, () -> IdxReader.read(f, 3));
    assertTrue(e.getMessage().contains("magic number 0x00000801, expected 0x00000803"),
        e.getMessage());
  }

  @Test
  void trailingBytesAreReported() throws IOException {
    Path f = write(dir.resolve("long"), idx(0x801, new int[] {3}, pixels(5)), false);
    DatasetException e = assertThrows(DatasetException.class, () -> IdxReader.read(f, 1));
    assertTrue(e.getMessage().contains("more data than its header"), e.getMessage());
  }

  @Test
  void mismatchedImagesAndLabelsAreReported() throws IOException {
    Path img = write(dir.resolve("i"), idx(0x803, new int[] {2, 1, 1}, pixels(2)), false);
    Path lab = write(dir.resolve("l"), idx(0x801, new int[] {3}, pixels(3)), false);
    DatasetException e = assertThrows(DatasetException.class, () -> ImageDataset.readIdx(img, lab, 10));
    assertTrue(e.getMessage().contains("2 images") && e.getMessage().contains("3 labels"));
  }
}
