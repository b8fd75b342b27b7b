package dev.tfjlabs.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads LeCun's IDX format (MNIST, Fashion-MNIST), raw or gzipped: a big-endian header of magic
 * {@code 0x0000TTNN} (TT the element type, 0x08 for unsigned bytes; NN the number of dimensions),
 * NN dimension sizes, then the elements in row-major order.
 */
public final class IdxReader {
  private static final int UNSIGNED_BYTE = 0x08;

  /** The dimensions and unsigned-byte elements of one IDX file. */
  public record IdxArray(int[] dims, byte[] data) {
    public int count() {
      return dims[0];
    }
  }

  private IdxReader() {}

  /**
   * Reads an unsigned-byte IDX file with {@code expectedDims} dimensions.
   *
   * @throws DatasetException naming the file and what is wrong with it
   */
  public static IdxArray read(Path file, int expectedDims) {
    try (InputStream in = open(file)) {
      DataInputStream data = new DataInputStream(in);
      int magic = data.readInt();
      int type = (magic >>> 8) & 0xFF;
      int ndims = magic & 0xFF;
      if ((magic >>> 16) != 0 || type != UNSIGNED_BYTE || ndims != expectedDims) {
        throw new DatasetException(String.format(
            "%s is not an IDX file of %d-dimensional unsigned bytes: magic number 0x%08X, expected"
                + " 0x%08X. Delete it and let the loader fetch it again.",
            file, expectedDims, magic, (UNSIGNED_BYTE << 8) | expectedDims));
      }
      int[] dims = new int[ndims];
      long size = 1;
      for (int i = 0; i < ndims; i++) {
        dims[i] = data.readInt();
        if (dims[i] < 0) {
          throw new DatasetException(file + " is corrupt: dimension " + i + " is " + dims[i] + ".");
        }
        size *= dims[i];
      }
      if (size > Integer.MAX_VALUE - 16) {
        throw new DatasetException(file + " is corrupt: header dimensions "
            + Arrays.toString(dims) + " are too large.");
      }
      byte[] values = new byte[(int) size];
      int read = data.readNBytes(values, 0, values.length);
      if (read < values.length) {
        throw new DatasetException(String.format(
            "%s is truncated: its header %s promises %d bytes of data, the file holds %d."
                + " Delete it and let the loader fetch it again.",
            file, Arrays.toString(dims), size, read));
      }
      if (data.read() != -1) {
        throw new DatasetException(String.format(
            "%s is corrupt: it holds more data than its header %s promises (%d bytes).",
            file, Arrays.toString(dims), size));
      }
      return new IdxArray(dims, values);
    } catch (EOFException e) {
      throw new DatasetException(file + " is truncated: it ends inside the IDX header."
          + " Delete it and let the loader fetch it again.", e);
    } catch (ZipException e) {
      throw new DatasetException(file + " is a corrupt gzip file (" + e.getMessage()
          + "). Delete it and let the loader fetch it again.", e);
    } catch (IOException e) {
      throw new DatasetException("Could not read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Opens a file, decompressing it when it starts with the gzip magic bytes. */
  static InputStream open(Path file) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    in.mark(2);
    int b1 = in.read();
    int b2 = in.read();
    in.reset();
    if (b1 == 0x1f && b2 == 0x8b) {
      return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
    }
    return in;
  }
}
