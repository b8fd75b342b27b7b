package dev.tfjlabs.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tfjlabs.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The one JSON writer and reader: indented output, keys in declaration order, atomic writes. */
public final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT);

  private Json() {}

  /** Writes {@code value} (records, maps, lists) to {@code file} atomically. */
  public static void write(Path file, Object value) {
    AtomicFiles.writeString(file, toString(value) + "\n");
  }

  public static String toString(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads {@code file} as {@code type}.
   *
   * @throws UncheckedIOException with one line: the file and, for bad JSON, where and what
   */
  public static <T> T read(Path file, Class<T> type) {
    try {
      return MAPPER.readValue(file.toFile(), type);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      var at = e.getLocation();
      throw new UncheckedIOException(file + " is not valid JSON" + (at == null ? ""
          : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ": "
          + e.getOriginalMessage().lines().findFirst().orElse("") + ")")
          + "; it is truncated or damaged", e);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + file + ": " + e.getMessage(), e);
    }
  }
}
