package dev.tfjlabs.keras.saving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tfjlabs.keras.config.KerasVersion;
import dev.tfjlabs.keras.config.Source;
import dev.tfjlabs.keras.models.Model;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The Keras reader under hostile input: any bytes, given as a model file, end in a loaded model
 * or in one {@link IllegalArgumentException} or {@link UncheckedIOException} whose message is
 * one line. {@code mvn test} runs the committed corpus ({@code KerasReaderFuzzTestInputs/}: small
 * files the library wrote, of several layer families, with stored (uncompressed) zip entries so
 * that mutations reach the JSON and HDF5 inside, their configs, and the inputs fuzzing found,
 * named {@code crash-*}); with {@code JAZZER_FUZZ=1} Jazzer mutates them. Each input has
 * {@link #PER_INPUT} to load or fail: a hang fails the test.
 */
class KerasReaderFuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The most one input may take, loading or failing: no input hangs the reader. */
  private static final Duration PER_INPUT = Duration.ofSeconds(10);

  @FuzzTest(maxDuration = "60s")
  void anyBytesLoadOrFailInOneLine(byte[] data) throws IOException {
    Path file = Files.createTempFile("fuzz", ".keras");
    try {
      Files.write(file, data);
      assertTimeoutPreemptively(PER_INPUT, () -> {
        try (Model m = KerasFile.loadUnchecked(file, Map.of())) {
          assertNotNull(m.outputs());
        } catch (IllegalArgumentException | UncheckedIOException e) {
          assertNotNull(e.getMessage(), e.toString());
          assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        }
      });
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /**
   * The config reader alone, at the JSON level: any JSON given as a model's config builds a
   * model or fails with one one-line {@link IllegalArgumentException}.
   */
  @FuzzTest(maxDuration = "60s")
  void anyConfigBuildsOrFailsInOneLine(byte[] data) {
    JsonNode config;
    try {
      config = JSON.readTree(data);
    } catch (IOException e) {
      return; // not JSON: the file-level test covers unparseable configs
    }
    if (config == null) {
      return;
    }
    JsonNode given = config;
    assertTimeoutPreemptively(PER_INPUT, () -> {
      try (Model m = KerasConfig.modelFromConfig(given, new Source(KerasVersion.CURRENT))) {
        assertNotNull(m.outputs());
      } catch (IllegalArgumentException | UncheckedIOException e) {
        assertNotNull(e.getMessage(), e.toString());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
      }
    });
  }
}
