package dev.tfjlabs.platform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tfjlabs.LabRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that fails after training, before its outputs are published (a kill between training
 * and saving, injected), leaves the earlier run's history, SavedModel and results as they were;
 * the next run removes its leftovers.
 */
class RunSafetyTest {
  @TempDir Path out;

  private LabRunner.Output run(String seed) {
    return LabRunner.capture("multiplication", "--model", "simple", "--epochs", "1", "--limit",
        "64", "--seed", seed, "--models-dir", out.resolve("models").toString(), "--reports-dir",
        out.resolve("reports").toString());
  }

  /** Every visible file (names not starting with a dot) by relative path, with its bytes. */
  private Map<String, byte[]> visible() throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(out)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        String rel = out.relativize(p).toString();
        if (!rel.contains("/.") && !rel.endsWith(".partial") && !rel.endsWith(".png")) {
          files.put(rel, Files.readAllBytes(p));
        }
      }
    }
    return files;
  }

  private long leftovers() throws IOException {
    try (Stream<Path> walk = Files.walk(out)) {
      return walk.filter(p -> !p.getFileName().toString().matches("\\.(run-.+|publish)\\.lock"))
          .filter(p -> p.getFileName().toString().startsWith(".")
          || p.getFileName().toString().endsWith(".partial")).count();
    }
  }

  /** Every visible file with its bytes, pictures included. */
  private Map<String, byte[]> everything() throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(out)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        String rel = out.relativize(p).toString();
        if (!rel.contains("/.") && !rel.endsWith(".partial")) {
          files.put(rel, Files.readAllBytes(p));
        }
      }
    }
    return files;
  }

  /**
   * A lab with side outputs (5a's pictures and weight table, ModelCheckpoint's best-* folders)
   * failing before it publishes: every earlier output stays byte for byte.
   */
  @Test
  void sideOutputsAndCheckpointsArePublishedWithTheModelsOrNotAtAll() throws Exception {
    for (var f : dev.tfjlabs.data.FashionMnist.files()) {
      dev.tfjlabs.Fixtures.require(dev.tfjlabs.data.DataFiles.standard(null).find(f) != null,
          f.name());
    }
    String[] args = {"cnn-feature-maps", "--part", "fashion", "--train", "--epochs", "1",
        "--limit", "200", "--models-dir", out.resolve("models").toString(), "--reports-dir",
        out.resolve("reports").toString()};
    assertEquals(0, LabRunner.capture(args).exitCode());
    Map<String, byte[]> before = everything();
    assertTrue(before.keySet().containsAll(List.of(
        "reports/cnn-feature-maps/fashion-conv1-kernels.png",
        "reports/cnn-feature-maps/fashion-conv1-weights.csv",
        "models/cnn-feature-maps/best-fashion-cnn/saved_model.pb")), before.keySet().toString());

    Trainer.beforePublish = () -> {
      throw new IllegalStateException("injected failure after training");
    };
    LabRunner.Output failed;
    try {
      // another seed: every picture and weight would differ
      String[] seeded = java.util.Arrays.copyOf(args, args.length + 2);
      seeded[args.length] = "--seed";
      seeded[args.length + 1] = "7";
      failed = LabRunner.capture(seeded);
    } finally {
      Trainer.beforePublish = () -> { };
    }
    assertEquals(1, failed.exitCode(), failed.err());
    Map<String, byte[]> after = everything();
    assertEquals(before.keySet(), after.keySet());
    before.forEach((k, v) -> assertArrayEquals(v, after.get(k), k + " changed"));
    assertTrue(leftovers() > 0, "the failed run's staged outputs remain until the next run");
    assertEquals(0, LabRunner.capture(args).exitCode());
    assertEquals(0, leftovers(), "the next run removed them");
  }

  @Test
  void aFailureBeforePublishingLeavesTheEarlierRunAndTheNextRunCleansUp() throws IOException {
    assertEquals(0, run("1").exitCode());
    Map<String, byte[]> before = visible();
    assertTrue(before.keySet().containsAll(List.of("reports/multiplication/results.json",
        "reports/multiplication/simple-rnn-history.csv",
        "models/multiplication/simple-rnn/model.json",
        "models/multiplication/simple-rnn/saved_model.pb")), before.keySet().toString());

    Trainer.beforePublish = () -> {
      throw new IllegalStateException("injected failure after training");
    };
    LabRunner.Output failed;
    try {
      failed = run("2");
    } finally {
      Trainer.beforePublish = () -> { };
    }
    assertEquals(1, failed.exitCode());
    assertEquals("ERROR: injected failure after training", failed.err().strip());
    Map<String, byte[]> after = visible();
    assertEquals(before.keySet(), after.keySet());
    before.forEach((k, v) -> assertArrayEquals(v, after.get(k), k + " changed"));
    assertTrue(leftovers() > 0, "the failed run's staged model and partial history remain");

    assertEquals(0, run("3").exitCode());
    assertEquals(0, leftovers(), "the next run removed them");
    assertFalse(java.util.Arrays.equals(before.get("reports/multiplication/results.json"),
        visible().get("reports/multiplication/results.json")), "and published its own");
  }

  /**
   * A published file that cannot be replaced (as with {@code chattr +i}: the rename is refused)
   * fails the run in one line and leaves every published file, pictures included, as it was,
   * whichever file it is: the model folder (replaced first), results.json, or the last chart.
   */
  @Test
  void aFileThatCannotBeReplacedLeavesTheWholePublishedSetAsItWas() throws IOException {
    assertEquals(0, run("1").exitCode());
    Map<String, byte[]> before = everything();
    for (String refused : List.of("simple-rnn", "results.json", "correctness.png")) {
      dev.tfjlabs.io.Swap.beforeReplacing = target -> {
        if (target.getFileName().toString().equals(refused)) {
          throw new java.nio.file.AccessDeniedException(target.toString(), null,
              "Operation not permitted");
        }
      };
      LabRunner.Output failed;
      try {
        failed = run("2");
      } finally {
        dev.tfjlabs.io.Swap.beforeReplacing = target -> { };
      }
      assertEquals(1, failed.exitCode(), failed.err());
      assertTrue(failed.err().strip().matches("ERROR: Could not replace \\S+/" + refused
          .replace(".", "\\.") + " \\(permission denied at \\S+\\); nothing was replaced, the"
          + " earlier files are as they were"), failed.err());
      Map<String, byte[]> after = everything();
      assertEquals(before.keySet(), after.keySet(), refused);
      before.forEach((k, v) -> assertArrayEquals(v, after.get(k), k + " changed (" + refused
          + " refused)"));
    }
    assertEquals(0, run("3").exitCode());
    assertEquals(0, leftovers(), "the next run removed the staged copies");
  }

  /**
   * A publication killed between moving a published copy aside and moving the new one in
   * leaves {@code .NAME.old-PID} with nothing at {@code NAME}: the next run puts it back.
   */
  @Test
  void aCopyLeftAsideByAKilledPublicationIsPutBack() throws Exception {
    assertEquals(0, run("1").exitCode());
    Map<String, byte[]> before = visible();
    Process ended = new ProcessBuilder("true").start();
    ended.waitFor();
    Path reports = out.resolve("reports/multiplication");
    Path models = out.resolve("models/multiplication");
    Files.move(reports.resolve("results.json"),
        reports.resolve(".results.json.old-" + ended.pid()));
    Files.move(models.resolve("simple-rnn"), models.resolve(".simple-rnn.old-" + ended.pid()));

    Trainer.beforePublish = () -> {
      throw new IllegalStateException("injected failure after training");
    };
    try {
      assertEquals(1, run("2").exitCode());
    } finally {
      Trainer.beforePublish = () -> { };
    }
    Map<String, byte[]> after = visible();
    assertEquals(before.keySet(), after.keySet());
    before.forEach((k, v) -> assertArrayEquals(v, after.get(k), k + " changed"));
  }
}
