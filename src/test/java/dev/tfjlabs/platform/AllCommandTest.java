package dev.tfjlabs.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tfjlabs.Fixtures;
import dev.tfjlabs.LabRunner;
import dev.tfjlabs.data.DataFiles;
import dev.tfjlabs.data.FashionMnist;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code all}: labs in registry order, a failing one reported while the others run. */
class AllCommandTest {
  @TempDir Path out;

  @Test
  void runsTheLabsInOrderGoesOnPastAFailureAndWritesTheSummary() throws Exception {
    for (var f : FashionMnist.files()) {
      Fixtures.require(DataFiles.standard(null).find(f) != null, f.name());
    }
    Path reports = out.resolve("reports");
    // --model simple suits multiplication; fashion-bilstm refuses it (a usage error, exit 2)
    LabRunner.Output o = LabRunner.capture("all", "--jobs", "1", "--labs",
        "multiplication,fashion-bilstm", "--model", "simple", "--epochs", "1", "--limit", "64", "--reports-dir",
        reports.toString(), "--models-dir", out.resolve("models").toString());
    assertEquals(1, o.exitCode(), o.err());
    String text = o.out();
    int first = text.indexOf("=== [1/2] fashion-bilstm");
    int second = text.indexOf("=== [2/2] multiplication");
    assertTrue(first >= 0 && second > first, "registry order: " + text);
    assertTrue(text.contains("=== fashion-bilstm failed (exit 2); going on"), text);
    String md = Files.readString(reports.resolve("all.md"));
    assertTrue(md.contains("| fashion-bilstm | `--model simple --epochs 1 --limit 64"), md);
    assertTrue(md.contains("| failed | 2 |"), md);
    assertTrue(md.matches("(?s).*\\| multiplication \\| .*\\| \\d:\\d\\d:\\d\\d \\| SimpleRNN"
        + " correctness [0-9.]+ \\(0\\.1000\\) \\| 0 \\|.*"), md);
    assertTrue(md.matches("(?s).*\\nTotal: \\d:\\d\\d:\\d\\d\\n"), md);
    assertTrue(Files.exists(reports.resolve("multiplication/results.json")));
  }

  /**
   * {@code --jobs 2}: the labs in JVMs of their own, side by side; a failing one is reported
   * while the other runs on, and a run's history is byte for byte the history of the same run
   * alone with the same seed and thread pools. The summary has each run's worker and start,
   * the peak memory and the timeline; each run's log is in its lab's {@code logs/}.
   */
  @Test
  void sideBySideRunsGiveTheNumbersOfRunsAlone() throws Exception {
    for (var f : FashionMnist.files()) {
      Fixtures.require(DataFiles.standard(null).find(f) != null, f.name());
    }
    String[] run = {"--model", "simple", "--epochs", "2", "--limit", "64", "--seed", "5",
        "--intra-op-threads", "1", "--inter-op-threads", "1"};
    Path alone = out.resolve("alone");
    String[] aloneArgs = java.util.stream.Stream.concat(java.util.stream.Stream.of(
        "multiplication"), java.util.stream.Stream.concat(java.util.Arrays.stream(run),
        java.util.stream.Stream.of("--reports-dir", alone.resolve("reports").toString(),
        "--models-dir", alone.resolve("models").toString()))).toArray(String[]::new);
    LabRunner.Output one = LabRunner.captureInJvm(aloneArgs);
    assertEquals(0, one.exitCode(), one.out());

    Path reports = out.resolve("reports");
    String[] allArgs = java.util.stream.Stream.concat(java.util.stream.Stream.of("all",
        "--jobs", "2", "--labs", "multiplication,fashion-bilstm"), java.util.stream.Stream.concat(
        java.util.Arrays.stream(run), java.util.stream.Stream.of("--reports-dir",
        reports.toString(), "--models-dir", out.resolve("models").toString())))
        .toArray(String[]::new);
    LabRunner.Output o = LabRunner.capture(allArgs);
    assertEquals(1, o.exitCode(), o.out() + o.err());
    assertTrue(o.out().contains("[fashion-bilstm] failed (exit 2; its log: "), o.out());
    assertTrue(o.out().contains("[multiplication] finished in "), o.out());
    assertTrue(o.out().matches("(?s).*\\[multiplication \\d:\\d\\d:\\d\\d\\] Epoch 2/2: \\d+/\\d+ - .*"
        + "loss: .*"), "one line per epoch: " + o.out());

    String history = "multiplication/simple-rnn-history.csv";
    assertEquals(Files.readString(alone.resolve("reports").resolve(history)),
        Files.readString(reports.resolve(history)), "the same numbers as the run alone");
    String md = Files.readString(reports.resolve("all.md"));
    assertTrue(md.contains("2 runs side by side"), md);
    assertTrue(md.matches("(?s).*Peak resident memory of all runs together: (?!0\\.00)\\d+\\.\\d\\d GiB.*"),
        md);
    assertTrue(md.matches("(?s).*\\| multiplication \\| `[^`]*` \\| [12] \\| 0:00:0\\d \\|"
        + " \\d:\\d\\d:\\d\\d \\| SimpleRNN correctness .*"), md);
    assertTrue(Files.size(reports.resolve("all-timeline.png")) > 0);
    String log = Files.readString(reports.resolve("multiplication/logs/multiplication.log"));
    assertTrue(log.contains("Epoch 2/2"), log);
    assertTrue(Files.readString(reports.resolve("fashion-bilstm/logs/fashion-bilstm.log"))
        .contains("--model must be basic, bi or both, got 'simple'"));
  }

  @Test
  void aPreviousRunsTimesAreReadPerLab() {
    String md = "| lab | run | wall time | figures (notebook) | exit |\n|---|---|---|---|---|\n"
        + "| fashion-bilstm | the notebook's settings | 0:04:59 | x | 0 |\n"
        + "| mnist-rnn-basics | the notebook's settings | 0:01:11 | x | 0 |\n"
        + "| mnist-rnn-basics | `--learning-rate 0.001` | 0:01:16 | - | 0 |\n"
        + "| fashion-rnn-gru | `--intra-op-threads 1` | 2 | 0:00:00 | 0:45:02 | x | 0 |\n"
        + "| imdb-sentiment | `--model lstm --intra-op-threads 1` | 1 | 0:00:00 | 0:03:00 | x | 0 |\n";
    var times = ExpectedTimes.parse(md);
    assertEquals(java.time.Duration.ofSeconds(299), times.get("fashion-bilstm"));
    assertEquals(java.time.Duration.ofSeconds(147), times.get("mnist-rnn-basics"));
    assertEquals(java.time.Duration.ofSeconds(2702), times.get("fashion-rnn-gru"));
    assertEquals(java.time.Duration.ofSeconds(180), times.get("imdb-sentiment"));
    // a model's run on its own: under LAB --model KEY as well
    assertEquals(java.util.Map.of("imdb-sentiment --model lstm", java.time.Duration.ofSeconds(180)),
        ExpectedTimes.parse(md, true));
  }

  /** Every lab's own epoch line reaches the console; progress and native lines do not. */
  @Test
  void theConsoleGetsEachLabsEpochLines() {
    for (String shown : java.util.List.of(
        "Epoch [6/20], train loss: 0.4445, validation loss: 0.4626, validation accuracy: 83.63%,"
            + " 36.4 s",
        "Epoch: 0001 Avg. cost = 5.409   validation: cost 7.362, accuracy 0.1456   0.6 s",
        "Epoch 9: val_loss improved from 0.68928 to 0.68875, saving model to models/x",
        "ERROR: No space left on /dev/vda writing x", "Reports written to reports/x")) {
      assertTrue(SideBySide.worthShowing(shown), shown);
    }
    for (String hidden : java.util.List.of("  1/313 [....] - ETA: 20s - loss: 0.69",
        "WARNING: All log messages before absl::InitializeLog() is called are written to STDERR",
        "Model: \"sequential\"", "Epochs: 20")) {
      assertTrue(!SideBySide.worthShowing(hidden), hidden);
    }
  }

  /**
   * fashion-rnn-gru's RNN and GRU train apart: with {@code --jobs 2} each is a job of its own,
   * both start at once on the two workers, each history is byte for byte that of the lab's run
   * of both models alone (same seed, one thread per pool), and the two publications, one after
   * the other, leave both models in results.json and the charts, as one run of both does.
   */
  @Test
  void theModelsOfALabThatTrainApartAreJobsOfTheirOwn() throws Exception {
    for (var f : FashionMnist.files()) {
      Fixtures.require(DataFiles.standard(null).find(f) != null, f.name());
    }
    java.util.List<String> run = java.util.List.of("--epochs", "1", "--limit", "256", "--units",
        "8", "--layers", "1", "--seed", "5", "--intra-op-threads", "1", "--inter-op-threads", "1");
    Path alone = out.resolve("alone");
    java.util.List<String> aloneArgs = new java.util.ArrayList<>(java.util.List.of(
        "fashion-rnn-gru"));
    aloneArgs.addAll(run);
    aloneArgs.addAll(java.util.List.of("--reports-dir", alone.resolve("reports").toString(),
        "--models-dir", alone.resolve("models").toString()));
    LabRunner.Output a = LabRunner.captureInJvm(aloneArgs.toArray(String[]::new));
    assertEquals(0, a.exitCode(), a.out());

    Path reports = out.resolve("apart");
    java.util.List<String> allArgs = new java.util.ArrayList<>(java.util.List.of("all", "--jobs",
        "2", "--labs", "fashion-rnn-gru"));
    allArgs.addAll(run);
    allArgs.addAll(java.util.List.of("--reports-dir", reports.toString(), "--models-dir",
        out.resolve("apart-models").toString()));
    LabRunner.Output o = LabRunner.capture(allArgs.toArray(String[]::new));
    assertEquals(0, o.exitCode(), o.out() + o.err());
    assertTrue(o.out().contains("2 jobs on 2 workers"), o.out());
    assertTrue(o.out().contains("[fashion-rnn-gru --model rnn] finished in "), o.out());
    assertTrue(o.out().contains("[fashion-rnn-gru --model gru] finished in "), o.out());
    String md = Files.readString(reports.resolve("all.md"));
    assertTrue(md.matches("(?s).*\\| fashion-rnn-gru \\| `[^`]*--model rnn` \\| [12] \\| 0:00:0\\d \\|"
        + "[^\\n]*RNN test_accuracy (?![^\\n]*GRU)[^\\n]*\\n.*"), md);
    assertTrue(md.matches("(?s).*\\| fashion-rnn-gru \\| `[^`]*--model gru` \\| [12] \\| 0:00:0\\d \\|"
        + "[^\\n]*GRU test_accuracy.*"), md);
    assertTrue(!md.matches("(?s).*--model gru` [^\\n]*RNN test_accuracy.*"), "the GRU's row has"
        + " its own figures only: " + md);
    assertTrue(Files.readString(reports.resolve("fashion-rnn-gru/logs/fashion-rnn-gru-model-gru.log"))
        .contains("Test Accuracy of GRU model"));
    for (String history : java.util.List.of("rnn-history.csv", "gru-history.csv")) {
      assertEquals(Files.readString(alone.resolve("reports/fashion-rnn-gru").resolve(history)),
          Files.readString(reports.resolve("fashion-rnn-gru").resolve(history)), history);
    }
    assertEquals(java.util.List.of("RNN", "GRU"), LabResults.read(reports.resolve(
        "fashion-rnn-gru")).models().stream().map(ModelResult::name).sorted(
        java.util.Comparator.reverseOrder()).toList());
    // the lab itself with --jobs 2: the same two runs side by side, the same histories
    Path labJobs = out.resolve("lab-jobs");
    java.util.List<String> labArgs = new java.util.ArrayList<>(java.util.List.of(
        "fashion-rnn-gru", "--jobs", "2"));
    labArgs.addAll(run);
    labArgs.addAll(java.util.List.of("--reports-dir", labJobs.toString(), "--models-dir",
        out.resolve("lab-jobs-models").toString()));
    LabRunner.Output l = LabRunner.capture(labArgs.toArray(String[]::new));
    assertEquals(0, l.exitCode(), l.out() + l.err());
    // both started before either finished: side by side
    assertTrue(l.out().matches("(?s)(?:(?!finished).)*\\[fashion-rnn-gru --model (rnn|gru)\\] started"
        + " on worker [12](?:(?!finished).)*\\[fashion-rnn-gru --model (?!\\1)(rnn|gru)\\] started on"
        + " worker [12].*"), l.out());
    for (String history : java.util.List.of("rnn-history.csv", "gru-history.csv")) {
      assertEquals(Files.readString(alone.resolve("reports/fashion-rnn-gru").resolve(history)),
          Files.readString(labJobs.resolve("fashion-rnn-gru").resolve(history)), history);
    }
    try (var charts = Files.list(alone.resolve("reports/fashion-rnn-gru"))) {
      for (Path chart : charts.filter(p -> p.toString().endsWith(".png")).toList()) {
        assertTrue(Files.size(reports.resolve("fashion-rnn-gru").resolve(chart.getFileName()))
            > 0, chart.getFileName() + " drawn");
      }
    }
  }

  /**
   * Ctrl-C (SIGTERM here, which runs the same shutdown hooks) while two labs train side by side:
   * every JVM of the run ends within seconds, and nothing is published.
   */
  @Test
  void stoppingASideBySideRunEndsEveryJobAndPublishesNothing() throws Exception {
    Path reports = out.resolve("stopped-reports");
    Path log = out.resolve("stopped.log");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-cp", System.getProperty("java.class.path"), "dev.tfjlabs.Launcher", "all",
        "--jobs", "2", "--labs", "multiplication,mnist-rnn-basics", "--epochs", "50", "--limit",
        "2000", "--reports-dir", reports.toString(), "--models-dir",
        out.resolve("stopped-models").toString()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    try {
      long deadline = System.nanoTime() + 120_000_000_000L;
      while (Files.readString(log).split("started on worker", -1).length < 3) {
        assertTrue(System.nanoTime() < deadline && p.isAlive(), Files.readString(log));
        Thread.sleep(200);
      }
      Thread.sleep(3000); // the jobs' JVMs load TensorFlow and start training
      p.toHandle().destroy();
      p.waitFor();
      deadline = System.nanoTime() + 15_000_000_000L;
      while (running(reports) > 0) {
        assertTrue(System.nanoTime() < deadline, running(reports) + " JVMs of the run left");
        Thread.sleep(200);
      }
      String text = Files.readString(log);
      assertTrue(text.contains("Interrupted: the run stopped before it finished"), text);
      assertTrue(!Files.exists(reports.resolve("multiplication/results.json"))
          && !Files.exists(reports.resolve("mnist-rnn-basics/results.json")), "nothing published");
    } finally {
      p.destroyForcibly();
    }
  }

  /** The processes whose command line names {@code folder}: the run's JVMs still alive. */
  private static long running(Path folder) {
    return ProcessHandle.allProcesses().filter(h -> h.info().arguments().map(a -> String.join(
        " ", a).contains(folder.toString())).orElse(false)).count();
  }

  @Test
  void anUnknownLabIsAUsageError() {
    LabRunner.Output o = LabRunner.capture("all", "--labs", "nope");
    assertEquals(2, o.exitCode());
    assertTrue(o.err().contains("--labs: unknown lab 'nope'"), o.err());
  }
}
