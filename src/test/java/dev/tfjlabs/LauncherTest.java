package dev.tfjlabs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tfjlabs.labs.Labs;
import dev.tfjlabs.platform.Lab;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and messages the launcher promises, and that it lists the registry. */
class LauncherTest {
  @TempDir Path tmp;

  @Test
  void usageErrorsExit2WithTheUsage() {
    LabRunner.Output unknown = LabRunner.capture("no-such-lab");
    assertEquals(2, unknown.exitCode());
    assertTrue(unknown.err().startsWith("Unmatched argument at index 0: 'no-such-lab'"),
        unknown.err());
    String[][] cases = {
      {"multiplication", "--no-such-option"},
      {"multiplication", "--epochs", "zero"},
      {"multiplication", "--epochs", "0"},
      {"multiplication", "--learning-rate", "-1"},
      {"multiplication", "--model", "transformer"},
      {"fashion-bilstm", "--dataset", "cifar"},
      {"multiplication", "--inter-op-threads", "-2"},
      {"multiplication", "--intra-op-threads", "-1"},
      {"multiplication", "--validation-batch-size", "0"},
    };
    for (String[] args : cases) {
      LabRunner.Output o = LabRunner.capture(args);
      assertEquals(2, o.exitCode(), String.join(" ", args));
      assertTrue(o.err().contains("Usage:"), String.join(" ", args) + ": " + o.err());
    }
    // the message, at most a suggestion, and one usage line: nothing pushes it off the screen
    LabRunner.Output typo = LabRunner.capture("fashion-bilstm", "--model", "lsmt");
    assertTrue(typo.err().strip().lines().count() <= 3, typo.err());
    LabRunner.Output lab = LabRunner.capture("fashoin-bilstm");
    assertEquals(2, lab.exitCode());
    assertTrue(lab.err().contains("Did you mean: fashion-bilstm"), lab.err());
    assertTrue(!lab.err().contains("tfj-labs "), lab.err());
    assertTrue(lab.err().strip().lines().count() <= 3, lab.err());
    LabRunner.Output epochs = LabRunner.capture("multiplication", "--epochs", "abc");
    assertTrue(epochs.err().contains("-Dexec.args=\"multiplication --help\""), epochs.err());
    assertTrue(epochs.err().strip().lines().count() <= 3, epochs.err());
    LabRunner.Output model = LabRunner.capture("multiplication", "--model", "transformer");
    assertTrue(model.err().startsWith("--model must be simple, lstm, gru or all, got"
        + " 'transformer'"), model.err());
    LabRunner.Output threads = LabRunner.capture("multiplication", "--inter-op-threads", "-2");
    assertTrue(threads.err().startsWith("--inter-op-threads must be -1 (the calling thread), 0"
        + " (TensorFlow's choice) or more, got -2"), threads.err());
  }

  /**
   * In a JVM whose TensorFlow pools exist already (an application's, as this test's), thread
   * options that ask for others are a usage error, before any data is read, not a silent run
   * with the old pools.
   */
  @Test
  void threadOptionsTheJvmsPoolsCannotHaveAreAUsageError() {
    try (org.tensorflow.Graph g = new org.tensorflow.Graph();
        org.tensorflow.Session s = dev.tfjlabs.keras.backend.Backend.newSession(g)) {
      int pool = dev.tfjlabs.keras.backend.Backend.sessionConfig().getIntraOpParallelismThreads();
      LabRunner.Output o = LabRunner.capture("multiplication", "--intra-op-threads",
          Integer.toString(pool + 5), "--reports-dir", tmp.resolve("r").toString(),
          "--models-dir", tmp.resolve("m").toString());
      assertEquals(2, o.exitCode(), o.err());
      assertTrue(o.err().startsWith("Intra op parallelism cannot be modified after"
          + " initialization"), o.err());
      assertFalse(Files.exists(tmp.resolve("r/multiplication/results.json")), "nothing run");
    }
  }

  @Test
  void aFailureWhileRunningIsOneLineAndExit1() {
    Path missing = tmp.resolve("no-reports-here");
    LabRunner.Output o = LabRunner.capture("reports", "--reports-dir", missing.toString());
    assertEquals(1, o.exitCode());
    assertEquals("ERROR: " + missing + " is not a folder of reports; run a lab first, or give"
        + " the folder with --reports-dir", o.err().strip());
    assertFalse(Files.exists(missing), "nothing created");
  }

  @Test
  void anUnwritableOutputFolderFailsBeforeTraining() throws Exception {
    // a folder below a regular file cannot be created, even as root
    Path file = Files.writeString(tmp.resolve("a-file"), "x");
    LabRunner.Output o = LabRunner.capture("multiplication", "--epochs", "1", "--limit", "32",
        "--reports-dir", file.resolve("reports").toString(), "--models-dir",
        tmp.resolve("models").toString());
    assertEquals(1, o.exitCode(), o.err());
    assertTrue(o.err().startsWith("ERROR: Cannot write to " + file.resolve("reports")
        .resolve("multiplication")), o.err());
    assertTrue(o.err().strip().endsWith("choose a writable folder with --reports-dir"), o.err());
    assertEquals(1, o.err().strip().lines().count(), o.err());
    assertFalse(o.out().contains("Epoch 1/1"), "no training started");
  }

  @Test
  void versionIsTheProjects() {
    LabRunner.Output o = LabRunner.capture("--version");
    assertEquals(0, o.exitCode());
    assertTrue(o.out().startsWith("tfj-labs 0.1.0-SNAPSHOT, TensorFlow Java 1.1.0, Java "), o.out());
  }

  @Test
  void helpListsEveryLabOfTheRegistryAndExits0() {
    LabRunner.Output o = LabRunner.capture("--help");
    assertEquals(0, o.exitCode());
    for (Lab lab : Labs.ALL) {
      assertTrue(o.out().contains(lab.id()), lab.id() + " in " + o.out());
    }
    assertTrue(o.out().contains("predict") && o.out().contains("reports"), o.out());
    assertEquals(0, LabRunner.run("fashion-bilstm", "--help"));
  }

  /**
   * A run stopped from outside (Ctrl-C, kill) says so in one line, and that earlier results are
   * untouched; nothing is published.
   */
  @Test
  void anInterruptedRunSaysSoInOneLine() throws Exception {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path reports = tmp.resolve("interrupted-reports");
    Process p = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
        Launcher.class.getName(), "multiplication", "--model", "lstm", "--epochs", "200",
        "--limit", "256", "--reports-dir", reports.toString(), "--models-dir",
        tmp.resolve("interrupted-models").toString())
        .redirectError(tmp.resolve("interrupted.err").toFile()).start();
    try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream()))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith("Epoch 2/")) {
          break;
        }
      }
      p.toHandle().destroy(); // SIGTERM, which runs the shutdown hooks as Ctrl-C's SIGINT does
      p.waitFor();
      String err = Files.readString(tmp.resolve("interrupted.err"));
      assertTrue(err.contains("Interrupted: the run stopped before it finished; the models and"
          + " reports of earlier runs are untouched"), err);
      assertFalse(Files.exists(reports.resolve("multiplication/results.json")), "nothing published");
    } finally {
      p.destroyForcibly();
    }
  }
}
