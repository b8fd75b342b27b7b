package dev.tfjlabs.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tfjlabs.LabRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs that meet: a second run of a lab into the same folders, the launcher killed while its
 * child JVM trains, leftovers of killed saves, sweeps of short runs, and 64-bit seeds.
 */
class ConcurrentRunsTest {
  @TempDir Path out;

  /** A long multiplication run in a JVM of its own; the launcher respawns it unless quiet. */
  private Process launch(boolean childJvm) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), "dev.tfjlabs.Launcher", "multiplication",
        "--model", "simple", "--epochs", "500", "--limit", "2000", "--reports-dir",
        out.resolve("reports").toString(), "--models-dir", out.resolve("models").toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(out.resolve("launcher.log").toFile());
    pb.environment().remove("TFJ_VERBOSE");
    pb.environment().remove("TFJ_PARENT_PID");
    if (!childJvm) {
      // the launcher takes itself for a child of this JVM (alive): it runs the lab itself
      pb.environment().put("TFJ_PARENT_PID", Long.toString(ProcessHandle.current().pid()));
    }
    return pb.start();
  }

  /** The PID in the reports folder's lock once the run has taken it. */
  private long lockedBy() throws Exception {
    Path lock = out.resolve("reports/multiplication").resolve(RunLock.file("simple-rnn"));
    for (int i = 0; i < 600; i++) {
      if (Files.exists(lock)) {
        String pid = Files.readString(lock).strip();
        if (!pid.isEmpty()) {
          return Long.parseLong(pid);
        }
      }
      Thread.sleep(100);
    }
    fail("the run never locked its folder: " + Files.readString(out.resolve("launcher.log")));
    return -1;
  }

  @Test
  void aSecondRunIntoTheSameFoldersRefusesNamingTheFirst() throws Exception {
    Process first = launch(false);
    try {
      long pid = lockedBy();
      assertEquals(first.pid(), pid);
      LabRunner.Output second = LabRunner.capture("multiplication", "--model", "simple",
          "--epochs", "1", "--limit", "64", "--reports-dir", out.resolve("reports").toString(),
          "--models-dir", out.resolve("models").toString());
      assertEquals(1, second.exitCode(), second.err());
      assertTrue(second.err().contains("Another run of multiplication (PID " + pid + ")"),
          second.err());
      assertEquals(1, second.err().strip().lines().count(), second.err());
      assertFalse(second.out().contains("Epoch 1/"), "the second run trained nothing");
    } finally {
      first.destroyForcibly().waitFor();
    }
  }

  /**
   * Runs of a lab's models publish one at a time: while another process holds the lab's
   * publication, a run that has trained waits, publishing nothing, and publishes once it is
   * released.
   */
  @Test
  void aRunWaitsForAnotherRunsPublicationToEnd() throws Exception {
    Path reports = out.resolve("reports/multiplication");
    Process run;
    try (RunLock held = RunLock.publishing(reports)) {
      List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java")
          .toString(), "-cp", System.getProperty("java.class.path"), "dev.tfjlabs.Launcher",
          "multiplication", "--model", "simple", "--epochs", "1", "--limit", "64",
          "--reports-dir", out.resolve("reports").toString(), "--models-dir",
          out.resolve("models").toString());
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectOutput(out.resolve("waiting.log").toFile());
      pb.environment().put("TFJ_PARENT_PID", Long.toString(ProcessHandle.current().pid()));
      run = pb.start();
      for (int i = 0; i < 1200 && !Files.readString(out.resolve("waiting.log")).contains(
          "Saved "); i++) {
        Thread.sleep(100);
      }
      Thread.sleep(3000);
      assertTrue(run.isAlive(), Files.readString(out.resolve("waiting.log")));
      assertFalse(Files.exists(reports.resolve("results.json")), "nothing published yet");
    }
    assertEquals(0, run.waitFor(), Files.readString(out.resolve("waiting.log")));
    assertTrue(Files.exists(reports.resolve("results.json")));
  }

  @Test
  void killingTheLauncherEndsItsChildJvm() throws Exception {
    Process launcher = launch(true);
    long child;
    try {
      child = lockedBy();
      assertNotEquals(launcher.pid(), child, "the lab runs in the child JVM");
    } finally {
      launcher.destroyForcibly().waitFor();
    }
    for (int i = 0; i < 100 && ProcessHandle.of(child).map(ProcessHandle::isAlive)
        .orElse(false); i++) {
      Thread.sleep(100);
    }
    assertFalse(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false),
        "the child JVM still trains 10 s after its launcher was killed");
    assertFalse(Files.exists(out.resolve("reports/multiplication/results.json")),
        "the killed run published nothing");
  }

  @Test
  void theNextRunRemovesTheTemporaryFolderOfAKilledSave() throws Exception {
    Path models = out.resolve("models/multiplication");
    Path aside = models.resolve("..simple-rnn.staged-999999999.tmp-999999999");
    Files.createDirectories(aside.resolve("variables"));
    LabRunner.Output o = LabRunner.capture("multiplication", "--model", "simple", "--epochs",
        "1", "--limit", "64", "--reports-dir", out.resolve("reports").toString(),
        "--models-dir", out.resolve("models").toString());
    assertEquals(0, o.exitCode(), o.err());
    assertFalse(Files.exists(aside));
  }

  @Test
  void everyBitOfTheSeedCounts() throws Exception {
    List<String> histories = new ArrayList<>();
    for (String seed : List.of("42", Long.toString(42L + (1L << 48)))) {
      Path reports = out.resolve("seed-" + seed);
      LabRunner.Output o = LabRunner.capture("multiplication", "--model", "simple", "--epochs",
          "1", "--limit", "64", "--seed", seed, "--reports-dir", reports.toString(),
          "--models-dir", out.resolve("models-" + seed).toString());
      assertEquals(0, o.exitCode(), o.err());
      histories.add(Files.readString(reports.resolve("multiplication/simple-rnn-history.csv")));
    }
    assertNotEquals(histories.get(0), histories.get(1));
  }
}
