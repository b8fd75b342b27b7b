package dev.tfjlabs.keras.saving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tfjlabs.keras.layers.Dense;
import dev.tfjlabs.keras.models.Sequential;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sizes a hostile file declares are checked against what the file can hold before anything is
 * allocated: a weight whose HDF5 dataspace declares billions of values, and a config that
 * inflates to more than a Keras config ever holds (a zip bomb).
 */
class HostileKerasFileTest {
  @TempDir Path tmp;

  /** The entries of a .keras file written by the library: a Dense(13) on 11 inputs. */
  private Map<String, byte[]> denseEntries() throws IOException {
    Path file = tmp.resolve("dense.keras");
    try (Sequential m = new Sequential("dense", 11).add(new Dense(13))) {
      KerasFile.save(m, file);
    }
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipFile zip = new ZipFile(file.toFile())) {
      for (ZipEntry e : java.util.Collections.list(zip.entries())) {
        try (InputStream in = zip.getInputStream(e)) {
          entries.put(e.getName(), in.readAllBytes());
        }
      }
    }
    return entries;
  }

  private Path write(String name, Map<String, byte[]> entries) throws IOException {
    Path file = tmp.resolve(name);
    try (OutputStream out = Files.newOutputStream(file);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
    }
    return file;
  }

  /** The offset of the 16 bytes holding the little-endian longs {@code a, b}; -1 if none. */
  private static int find(byte[] bytes, long a, long b) {
    ByteBuffer want = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(a)
        .putLong(b);
    outer:
    for (int i = 0; i + 16 <= bytes.length; i++) {
      for (int j = 0; j < 16; j++) {
        if (bytes[i + j] != want.get(j)) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /**
   * Recomputes the checksum of the version 2 object header ({@code OHDR}) whose first chunk
   * holds offset {@code at}, as a hostile writer would: HDF5's Jenkins lookup3 over the chunk.
   */
  private static void resealObjectHeader(byte[] h5, int at) {
    int start = at;
    while (start >= 0 && !(h5[start] == 'O' && h5[start + 1] == 'H' && h5[start + 2] == 'D'
        && h5[start + 3] == 'R')) {
      start--;
    }
    assertTrue(start >= 0, "a version 2 object header");
    int flags = h5[start + 5] & 0xff;
    int p = start + 6 + ((flags & 0x20) != 0 ? 16 : 0) + ((flags & 0x10) != 0 ? 4 : 0);
    int width = 1 << (flags & 3);
    long size = 0;
    for (int i = 0; i < width; i++) {
      size |= (long) (h5[p + i] & 0xff) << (8 * i);
    }
    int end = p + width + (int) size;
    int sum = io.jhdf.checksum.ChecksumUtils.checksum(java.util.Arrays.copyOfRange(h5, start,
        end));
    ByteBuffer.wrap(h5).order(ByteOrder.LITTLE_ENDIAN).putInt(end, sum);
  }

  @Test
  void aWeightDeclaringBillionsOfValuesIsRefusedBeforeItIsRead() throws IOException {
    Map<String, byte[]> entries = denseEntries();
    byte[] h5 = entries.get("model.weights.h5").clone();
    // the kernel's dataspace: dimensions [11, 13], then its maximum dimensions [11, 13]
    int at = find(h5, 11, 13);
    assertTrue(at > 0, "the kernel's dimensions are in the HDF5 data");
    long huge = 150_000_000L; // 1.65e9 floats: 6.6 GB, more than the heap
    ByteBuffer.wrap(h5).order(ByteOrder.LITTLE_ENDIAN).putLong(at + 8, huge);
    int max = find(h5, 11, 13);
    if (max > 0) {
      ByteBuffer.wrap(h5).order(ByteOrder.LITTLE_ENDIAN).putLong(max + 8, huge);
    }
    resealObjectHeader(h5, at);
    entries.put("model.weights.h5", h5);
    Path file = write("huge-weight.keras", entries);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> KerasFile.loadUnchecked(file, Map.of()).close());
    assertEquals(file + ": layer dense: weight layers/dense/vars/0 declares " + 11 * huge
        + " values (" + 4 * 11 * huge + " bytes), more than its " + h5.length + " bytes of HDF5"
        + " data can hold (a damaged file)", e.getMessage());
  }

  @Test
  void aConfigInflatingBeyondWhatAConfigHoldsIsRefused() throws IOException {
    Map<String, byte[]> entries = denseEntries();
    ByteArrayOutputStream bomb = new ByteArrayOutputStream();
    bomb.write(entries.get("config.json"));
    byte[] spaces = new byte[1 << 20];
    java.util.Arrays.fill(spaces, (byte) ' ');
    for (int i = 0; i < 65; i++) {
      bomb.write(spaces);
    }
    entries.put("config.json", bomb.toByteArray());
    Path file = write("bomb.keras", entries);
    assertTrue(Files.size(file) < 1 << 20, "a small file: " + Files.size(file));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> KerasFile.loadUnchecked(file, Map.of()).close());
    assertTrue(e.getMessage().startsWith(file + ": its config.json "), e.getMessage());
    assertTrue(e.getMessage().endsWith("(a zip bomb?)")
        || e.getMessage().endsWith("(a damaged file, or a zip bomb)"), e.getMessage());
  }
}
