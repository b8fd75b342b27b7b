package dev.tfjlabs.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tfjlabs.Fixtures;
import dev.tfjlabs.LabRunner;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk, made real: a 16 KiB tmpfs mounted for the test (root, as CI runs), too small
 * for a SavedModel or a chart.
 */
class DiskFullTest {
  @TempDir Path out;
  private Path small;
  private boolean mounted;

  @BeforeEach
  void mountASmallDevice() throws Exception {
    small = Files.createDirectories(out.resolve("small"));
    Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs",
        small.toString()).redirectErrorStream(true).start();
    mounted = p.waitFor() == 0;
    Fixtures.require(mounted, "a tmpfs mount (the test runs as root)");
  }

  @AfterEach
  void unmount() throws Exception {
    if (mounted) {
      new ProcessBuilder("umount", small.toString()).start().waitFor();
    }
  }

  @Test
  void aFileThatDoesNotFitSaysTheDeviceIsFull() {
    Path target = small.resolve("big.bin");
    UncheckedIOException e = assertThrows(UncheckedIOException.class,
        () -> AtomicFiles.write(target, o -> o.write(new byte[1 << 20])));
    assertTrue(e.getMessage().startsWith("No space left on " + small), e.getMessage());
    assertTrue(e.getMessage().contains("writing " + target), e.getMessage());
    assertTrue(!Files.exists(target), "nothing half-written");
  }

  @Test
  void aLabWhoseModelsDoNotFitEndsInOneLine() {
    LabRunner.Output o = LabRunner.capture("multiplication", "--model", "lstm", "--epochs",
        "1", "--limit", "64", "--models-dir", small.toString(), "--reports-dir",
        out.resolve("reports").toString());
    assertEquals(1, o.exitCode(), o.err());
    assertTrue(o.err().startsWith("ERROR: No space left on " + small), o.err());
    assertTrue(o.err().contains("choose another --models-dir/--reports-dir"), o.err());
    assertEquals(1, o.err().strip().lines().count(), o.err());
  }

  /**
   * {@code convert} onto a full device, through the launcher as a user runs it (with and without
   * {@code TF_CPP_MIN_LOG_LEVEL} in the environment): one line, with convert's own advice, and
   * none of TensorFlow's or Abseil's log lines.
   */
  @Test
  void convertOntoAFullDiskIsOneLineWhateverTheLogLevel() throws Exception {
    Path h5 = Fixtures.keras("hg-mldl/best-cnn-model.h5");
    for (String level : new String[] {null, "1", "0"}) {
      ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin",
          "java").toString(), "-cp", System.getProperty("java.class.path"),
          dev.tfjlabs.Launcher.class.getName(), "convert", h5.toString(),
          small.resolve("cnn").toString());
      pb.environment().remove("TFJ_VERBOSE");
      pb.environment().remove("TFJ_PARENT_PID");
      pb.environment().remove("TF_CPP_MIN_LOG_LEVEL");
      if (level != null) {
        pb.environment().put("TF_CPP_MIN_LOG_LEVEL", level);
      }
      pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
      Process p = pb.start();
      String err = new String(p.getErrorStream().readAllBytes(),
          java.nio.charset.StandardCharsets.UTF_8);
      assertEquals(1, p.waitFor(), err);
      assertEquals(1, err.strip().lines().count(), "TF_CPP_MIN_LOG_LEVEL=" + level + ": " + err);
      assertTrue(err.startsWith("ERROR: No space left on " + small), err);
      assertTrue(err.contains("give an OUT on another device"), err);
    }
  }
}
