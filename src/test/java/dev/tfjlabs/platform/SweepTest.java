package dev.tfjlabs.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tfjlabs.LabRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --sweep OPTION=V1,V2,...} on a lab that knows nothing of sweeps. */
class SweepTest {
  @TempDir Path out;

  private LabRunner.Output sweep(String request, String... more) {
    return LabRunner.capture(sweepArgs(request, more));
  }

  private String[] sweepArgs(String request, String... more) {
    String[] base = {"multiplication", "--model", "simple", "--limit", "64", "--epochs", "2",
        "--reports-dir", out.resolve("reports").toString(), "--models-dir",
        out.resolve("models").toString(), "--sweep", request};
    String[] args = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, args, base.length, more.length);
    return args;
  }

  @Test
  void anyOptionSweepsIntoOneTableAndTwoCharts() throws Exception {
    LabRunner.Output o = sweep("learning-rate=0.01,0.001");
    assertEquals(0, o.exitCode(), o.err());
    Path dir = out.resolve("reports/multiplication");
    List<SweepRow> rows = SweepRow.read(dir.resolve("sweep-learning-rate.csv"));
    assertEquals(List.of("0.01", "0.001"), rows.stream().map(SweepRow::value).toList());
    assertTrue(rows.stream().allMatch(r -> r.model().equals("SimpleRNN") && r.epochs() == 2
        && r.monitor().equals("val_loss") && r.secondsPerEpoch() > 0), rows.toString());
    assertFalse(rows.get(0).best() == rows.get(1).best(), "the learning rate reached the optimizer");
    LabRunner.png(dir.resolve("sweep-learning-rate-best.png"));
    LabRunner.png(dir.resolve("sweep-learning-rate-seconds.png"));
    // the sweep names the table and both charts where they are
    for (String f : List.of("sweep-learning-rate.csv", "sweep-learning-rate-best.png",
        "sweep-learning-rate-seconds.png")) {
      assertTrue(o.out().contains(dir.resolve(f).toString()), f + ": " + o.out());
    }
    assertFalse(Files.exists(dir.resolve("results.json")), "sweeps leave results.json alone");
    assertFalse(Files.exists(out.resolve("models/multiplication/simple-rnn")), "nor save models");
  }

  /**
   * {@code --jobs 2}: the values' runs side by side, each in a JVM of its own, give the rows of
   * the same sweep run one value after another (same seed, one thread per pool), in the values'
   * order, each run's log beside them and no hidden folder left.
   */
  @Test
  void aSweepsRunsSideBySideGiveTheRowsOfTheRunsOneAfterAnother() throws Exception {
    String[] same = {"--seed", "5", "--intra-op-threads", "1", "--inter-op-threads", "1"};
    // one value after another in a JVM of its own, whose pools the thread options make
    LabRunner.Output serial = LabRunner.captureInJvm(sweepArgs("learning-rate=0.01,0.001", same));
    assertEquals(0, serial.exitCode(), serial.err());
    Path dir = out.resolve("reports/multiplication");
    List<String> one = SweepRow.read(dir.resolve("sweep-learning-rate.csv")).stream()
        .map(r -> r.value() + " " + r.model() + " " + r.best() + " " + r.bestEpoch()).toList();
    String[] jobs = java.util.Arrays.copyOf(same, same.length + 2);
    jobs[same.length] = "--jobs";
    jobs[same.length + 1] = "2";
    LabRunner.Output o = sweep("learning-rate=0.01,0.001", jobs);
    assertEquals(0, o.exitCode(), o.out() + o.err());
    assertTrue(o.out().contains("Sweep learning-rate: 2 runs, 2 side by side"), o.out());
    // both started before either finished: side by side
    assertTrue(o.out().matches("(?s)(?:(?!finished).)*learning-rate=0\\.0?01\\] started on worker"
        + " [12](?:(?!finished).)*learning-rate=0\\.0?01\\] started on worker [12].*"), o.out());
    assertEquals(one, SweepRow.read(dir.resolve("sweep-learning-rate.csv")).stream()
        .map(r -> r.value() + " " + r.model() + " " + r.best() + " " + r.bestEpoch()).toList());
    assertTrue(Files.readString(dir.resolve("logs/sweep-learning-rate-0.001.log"))
        .contains("Epoch 2/2"));
    try (var left = Files.list(dir)) {
      assertFalse(left.anyMatch(p -> p.getFileName().toString().startsWith(".sweep")),
          "no hidden folder left");
    }
  }

  @Test
  void anEpochSweepReadsPrefixesOfOneRunThatEqualShorterRuns() throws Exception {
    assertEquals(0, sweep("epochs=1,2").exitCode());
    List<SweepRow> rows = SweepRow.read(out.resolve("reports/multiplication/sweep-epochs.csv"));
    assertEquals(List.of(1, 2), rows.stream().map(SweepRow::epochs).toList());
    // the same lab trained for 1 epoch on its own gives the prefix's figures
    LabRunner.Output one = LabRunner.capture("multiplication", "--model", "simple", "--limit",
        "64", "--epochs", "1", "--reports-dir", out.resolve("one").toString(), "--models-dir",
        out.resolve("one-models").toString());
    assertEquals(0, one.exitCode(), one.err());
    LabResults r = LabResults.read(out.resolve("one/multiplication"));
    assertEquals(r.models().get(0).best(), rows.get(0).best(), 1e-6);
    assertEquals(r.models().get(0).finalValues().get("loss"), rows.get(0).finalLoss(), 1e-6);
  }

  /** {@code --sweep epochs=1,2} trains fewer epochs than the notebook: a quick run. */
  @Test
  void aSweepOfShortRunsWritesToTheQuickRunsFolder() throws Exception {
    Path committed = Path.of("reports/multiplication/sweep-epochs.csv");
    byte[] before = Files.exists(committed) ? Files.readAllBytes(committed) : null;
    Path quick = Path.of(LabOptions.QUICK_RUNS, "reports/multiplication/sweep-epochs.csv");
    Files.deleteIfExists(quick);
    LabRunner.Output o = LabRunner.capture("multiplication", "--model", "simple", "--sweep",
        "epochs=1,2");
    assertEquals(0, o.exitCode(), o.err());
    assertTrue(Files.exists(quick), o.out());
    assertTrue(before == null ? !Files.exists(committed)
        : java.util.Arrays.equals(before, Files.readAllBytes(committed)),
        "the committed reports/ stay as they were");
  }

  /**
   * A lab that draws pictures and checkpoints (5b) knows nothing of sweeps: its side outputs go
   * to a temporary folder that is removed, its checkpoint callback saves nothing.
   */
  @Test
  void aSweptLabPublishesNoSideOutputsAndNoCheckpoints() throws Exception {
    for (var f : dev.tfjlabs.data.Mnist.files()) {
      dev.tfjlabs.Fixtures.require(dev.tfjlabs.data.DataFiles.standard(null).find(f) != null,
          f.name());
    }
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    long before;
    try (var s = Files.list(tmp)) {
      before = s.filter(p -> p.getFileName().toString().startsWith("tfj-sweep-outputs")).count();
    }
    LabRunner.Output o = LabRunner.capture("cnn-feature-maps", "--part", "mnist", "--limit",
        "64", "--epochs", "1", "--reports-dir", out.resolve("reports").toString(),
        "--models-dir", out.resolve("models").toString(), "--sweep", "learning-rate=0.01,0.001");
    assertEquals(0, o.exitCode(), o.err());
    try (var s = Files.list(out.resolve("reports/cnn-feature-maps"))) {
      assertEquals(List.of("sweep-learning-rate-best.png", "sweep-learning-rate-seconds.png",
          "sweep-learning-rate.csv"), s.map(p -> p.getFileName().toString())
          .filter(n -> !n.startsWith(".")).sorted().toList());
    }
    try (var s = Files.list(out.resolve("models/cnn-feature-maps"))) {
      assertEquals(0, s.filter(p -> !p.getFileName().toString().startsWith(".")).count());
    }
    try (var s = Files.list(tmp)) {
      assertEquals(before, s.filter(p -> p.getFileName().toString()
          .startsWith("tfj-sweep-outputs")).count(), "the temporary folders are removed");
    }
  }

  @Test
  void badSweepsAreUsageErrorsBeforeAnythingTrains() {
    String[][] cases = {
      {"no-such-option=1,2", "'no-such-option' is not an option of multiplication"},
      {"reports-dir=a,b", "'reports-dir' is not an option of multiplication that can be swept"},
      {"batch-size=32,zero", "--sweep batch-size:"},
      {"batch-size=32,0", "--batch-size must be a positive number, got 0"},
      {"model=simple,transformer", "--model must be simple, lstm, gru or all"},
      {"learning-rate", "--sweep takes OPTION=V1,V2,..."},
    };
    for (String[] c : cases) {
      LabRunner.Output o = sweep(c[0]);
      assertEquals(2, o.exitCode(), c[0] + ": " + o.err());
      assertTrue(o.err().contains(c[1]), c[0] + ": " + o.err());
      assertFalse(o.out().contains("Epoch 1/"), c[0] + ": nothing trained");
    }
  }

  /**
   * A sweep over the model itself (one model per value) draws one bar per tick, each naming its
   * model, instead of one series per model that leaves every bar beside an empty slot.
   */
  @Test
  void aSweepOverTheModelDrawsEachBarOnItsOwnTick() {
    List<SweepRow> cells = List.of(
        new SweepRow("cell", "rnn", "BasicRNNCell", "val_accuracy", 0.5, 1, 1, 1, 1, 2),
        new SweepRow("cell", "gru", "GRUCell", "val_accuracy", 0.7, 1, 1, 1, 1, 3));
    var bars = SweepReport.series(cells, SweepRow::best);
    assertEquals(1, bars.size());
    assertEquals(java.util.Map.of("rnn (BasicRNNCell)", 0.5, "gru (GRUCell)", 0.7),
        bars.values().iterator().next());
    List<SweepRow> rates = List.of(
        new SweepRow("learning-rate", "0.01", "LSTM", "val_loss", 0.5, 1, 1, 1, 1, 2),
        new SweepRow("learning-rate", "0.01", "GRU", "val_loss", 0.4, 1, 1, 1, 1, 2),
        new SweepRow("learning-rate", "0.001", "LSTM", "val_loss", 0.3, 1, 1, 1, 1, 2),
        new SweepRow("learning-rate", "0.001", "GRU", "val_loss", 0.2, 1, 1, 1, 1, 2));
    assertEquals(java.util.Set.of("LSTM", "GRU"), SweepReport.series(rates, SweepRow::best)
        .keySet());
  }
}
