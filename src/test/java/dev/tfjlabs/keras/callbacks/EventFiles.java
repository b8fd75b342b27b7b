package dev.tfjlabs.keras.callbacks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.tensorflow.proto.Event;

/**
 * Reads TensorBoard event files back, written out from the TFRecord format rather than through
 * TensorFlow: each record is {@code uint64 length, uint32 masked_crc32c(length), data,
 * uint32 masked_crc32c(data)}, little-endian, with {@code masked = ((crc >>> 15) | (crc << 17))
 * + 0xa282ead8}; each data block is one {@code Event} proto.
 */
public final class EventFiles {
  private EventFiles() {}

  /** Every event of every {@code events.out.tfevents.*} file in {@code dir}, in file order. */
  public static List<Event> read(Path dir) throws IOException {
    List<Event> events = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().startsWith("events.out.tfevents."))
          .sorted().toList();
    }
    if (files.isEmpty()) {
      throw new IOException("no event file in " + dir);
    }
    for (Path f : files) {
      ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
      while (b.hasRemaining()) {
        byte[] header = new byte[8];
        b.get(header);
        long length = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getLong();
        check(header, b.getInt(), f, "length");
        byte[] data = new byte[Math.toIntExact(length)];
        b.get(data);
        check(data, b.getInt(), f, "data");
        events.add(Event.parseFrom(data));
      }
    }
    return events;
  }

  private static void check(byte[] bytes, int stored, Path file, String what) throws IOException {
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    int c = (int) crc.getValue();
    int masked = ((c >>> 15) | (c << 17)) + 0xa282ead8;
    if (masked != stored) {
      throw new IOException("bad CRC of a record's " + what + " in " + file);
    }
  }
}
