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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reports command over a fixed set of saved histories and results written here. */
class ReportsCommandTest {
  @TempDir Path reports;

  private static String history(int epochs, boolean accuracy) {
    StringBuilder sb = new StringBuilder(accuracy ? "epoch,accuracy,loss,val_accuracy,val_loss\n"
        : "epoch,loss,val_loss\n");
    for (int e = 0; e < epochs; e++) {
      double loss = 1.0 / (e + 2);
      sb.append(e).append(',');
      sb.append(accuracy ? (0.5 + e * 0.05) + "," + loss + "," + (0.45 + e * 0.05) + ","
          + (loss * 1.1) : loss + "," + (loss * 1.2)).append('\n');
    }
    return sb.toString();
  }

  @BeforeEach
  void savedFiles() throws IOException {
    Path f = Files.createDirectories(reports.resolve("fashion-bilstm"));
    Files.writeString(f.resolve("basic-rnn-history.csv"), history(5, true));
    Files.writeString(f.resolve("bidirectional-rnn-history.csv"), history(3, true));
    Files.writeString(f.resolve("sweep-batch-size.csv"), SweepRow.HEADER + "\n"
        + "batch-size,32,Basic-RNN,val_accuracy,0.85,5,5,0.4,0.45,3.2\n"
        + "batch-size,128,Basic-RNN,val_accuracy,0.83,5,5,0.45,0.5,1.3\n");
    Files.writeString(f.resolve("results.json"), "{\"device\": \"CPU:0\", \"models\": [{\"name\":"
        + " \"Basic-RNN\", \"slug\": \"basic-rnn\", \"params\": 3050, \"epochs_run\": 5,"
        + " \"batch_size\": 32, \"monitor\": \"val_accuracy\", \"best\": 0.65, \"best_epoch\": 5,"
        + " \"seconds_per_epoch\": 3.2, \"notebook\": {\"best_val_accuracy\": 0.88}}]}");
    Path m = Files.createDirectories(reports.resolve("multiplication"));
    for (String slug : List.of("simple-rnn", "lstm", "gru")) {
      Files.writeString(m.resolve(slug + "-history.csv"), history(4, false));
    }
    Files.writeString(m.resolve("results.json"), "{\"device\": \"CPU:0\", \"models\": ["
        + "{\"name\": \"SimpleRNN\", \"params\": 2851, \"epochs_run\": 4,"
        + " \"figures\": {\"test_loss\": 0.04, \"correctness\": 0.1},"
        + " \"notebook\": {\"correctness\": 0.1}, \"seconds_per_epoch\": 0.3},"
        + "{\"name\": \"LSTM\", \"params\": 11311, \"epochs_run\": 4,"
        + " \"figures\": {\"test_loss\": 0.001, \"correctness\": 0.9},"
        + " \"notebook\": {\"correctness\": 0.925}, \"seconds_per_epoch\": 0.9}]}");
  }

  private Map<String, byte[]> snapshot() throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(reports)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        files.put(reports.relativize(p).toString(), Files.readAllBytes(p));
      }
    }
    return files;
  }

  @Test
  void runTwiceGivesIdenticalFiles() throws IOException {
    assertEquals(0, LabRunner.run("reports", "--reports-dir", reports.toString()));
    Map<String, byte[]> first = snapshot();
    assertEquals(0, LabRunner.run("reports", "--reports-dir", reports.toString()));
    Map<String, byte[]> second = snapshot();
    assertEquals(first.keySet(), second.keySet());
    first.forEach((k, v) -> assertArrayEquals(v, second.get(k), k));
    assertTrue(first.keySet().containsAll(List.of("fashion-bilstm/loss.png",
        "fashion-bilstm/accuracy.png", "fashion-bilstm/sweep-batch-size-best.png",
        "fashion-bilstm/sweep-batch-size-seconds.png", "multiplication/lstm-loss.png",
        "multiplication/val-loss.png", "multiplication/correctness.png", "README.md")));
    String readme = new String(first.get("README.md"));
    assertTrue(readme.contains("| Basic-RNN | 3,050 | 5 | 32 | 0.6500 (5) | 0.88 | 3.2 | CPU:0 |"),
        readme);
    assertTrue(readme.contains("| LSTM | 11,311 | 4 | 0.0010 | 90.0% | 92.5% | 0.9 | CPU:0 |"), readme);
    assertTrue(readme.contains("![loss.png](fashion-bilstm/loss.png)"), readme);
  }

  /**
   * A malformed history is named; a lab with a history missing is named and keeps its previous
   * charts byte for byte (though another of its histories changed); the other labs rebuild.
   */
  @Test
  void aMalformedHistoryIsNamedAndTheOtherLabsStillRebuild() throws IOException {
    Path results = reports.resolve("multiplication/results.json");
    Files.writeString(results, Files.readString(results).replace("\"name\": \"LSTM\",",
        "\"name\": \"LSTM\", \"history_file\": \"lstm-history.csv\","));
    assertEquals(0, LabRunner.run("reports", "--reports-dir", reports.toString()));
    Map<String, byte[]> before = snapshot();
    Files.writeString(reports.resolve("fashion-bilstm/basic-rnn-history.csv"),
        "epoch,accuracy,loss\n0,0.5,oops\n");
    Files.delete(reports.resolve("multiplication/lstm-history.csv"));
    Files.writeString(reports.resolve("multiplication/gru-history.csv"), history(6, false));
    LabRunner.Output o = LabRunner.capture("reports", "--reports-dir", reports.toString());
    assertEquals(1, o.exitCode());
    assertTrue(o.err().contains("basic-rnn-history.csv") && o.err().contains("'oops'"), o.err());
    assertTrue(o.err().contains("lstm-history.csv, the history of LSTM that results.json lists,"
        + " is missing (the lab's charts were left as they were)"), o.err());
    List<String> charts = before.keySet().stream()
        .filter(k -> k.startsWith("multiplication/") && k.endsWith(".png")).toList();
    assertTrue(charts.contains("multiplication/gru-loss.png"), charts.toString());
    for (String k : charts) {
      assertArrayEquals(before.get(k), Files.readAllBytes(reports.resolve(k)), k);
    }
    assertTrue(Files.exists(reports.resolve("README.md")));
  }

  @Test
  void aFolderWithoutLabReportsIsRefusedAndNothingIsWritten(@TempDir Path other)
      throws IOException {
    LabRunner.Output empty = LabRunner.capture("reports", "--reports-dir", other.toString());
    assertEquals(1, empty.exitCode());
    assertTrue(empty.err().contains("holds no lab's reports"), empty.err());
    assertEquals(1, empty.err().strip().lines().count(), empty.err());
    // a models folder: lab folders, but SavedModels rather than reports
    Files.createDirectories(other.resolve("multiplication/simple-rnn"));
    Files.writeString(other.resolve("README.md"), "the models\n");
    LabRunner.Output models = LabRunner.capture("reports", "--reports-dir", other.toString());
    assertEquals(1, models.exitCode());
    assertEquals("the models\n", Files.readString(other.resolve("README.md")));
    try (Stream<Path> files = Files.list(other)) {
      assertEquals(2, files.count(), "nothing written beside the models");
    }
  }

  @Test
  void aTruncatedOrMissingResultsFileIsNamedInOneLine() throws IOException {
    Path results = reports.resolve("multiplication/results.json");
    String json = Files.readString(results);
    Files.writeString(results, json.substring(0, json.length() / 2));
    LabRunner.Output cut = LabRunner.capture("reports", "--reports-dir", reports.toString());
    assertEquals(1, cut.exitCode());
    assertTrue(cut.err().startsWith("ERROR: multiplication: " + results + " is not valid JSON"),
        cut.err());
    assertEquals(1, cut.err().strip().lines().count(), cut.err());
    String readme = Files.readString(reports.resolve("README.md"));
    assertFalse(readme.contains("JSON") || readme.contains("## multiplication"), readme);

    Files.delete(results);
    LabRunner.Output gone = LabRunner.capture("reports", "--reports-dir", reports.toString());
    assertEquals(1, gone.exitCode());
    assertTrue(gone.err().contains(results + " is missing"), gone.err());
  }

  @Test
  void aHistoryThatResultsListsOrAFileEveryRunWritesIsNamedWhenMissing() throws IOException {
    Path f = reports.resolve("fashion-bilstm/results.json");
    Files.writeString(f, Files.readString(f).replace("\"seconds_per_epoch\": 3.2",
        "\"seconds_per_epoch\": 3.2, \"history_file\": \"gone-history.csv\""));
    Path imdb = Files.createDirectories(reports.resolve("imdb-sentiment"));
    Files.writeString(imdb.resolve("lstm-history.csv"), history(3, true));
    Files.writeString(imdb.resolve("results.json"), "{\"device\": \"CPU:0\", \"models\": []}");
    LabRunner.Output o = LabRunner.capture("reports", "--reports-dir", reports.toString());
    assertEquals(1, o.exitCode());
    assertTrue(o.err().contains("gone-history.csv, the history of Basic-RNN that results.json"
        + " lists, is missing"), o.err());
    assertTrue(o.err().contains(imdb.resolve("lengths.csv") + " is missing"), o.err());
  }

  @Test
  void aMalformedSweepTableIsNamed() throws IOException {
    Files.writeString(reports.resolve("fashion-bilstm/sweep-batch-size.csv"),
        SweepRow.HEADER + "\nbatch-size,32,Basic-RNN,val_accuracy,high,5,5,0.4,0.45,3.2\n");
    LabRunner.Output o = LabRunner.capture("reports", "--reports-dir", reports.toString());
    assertEquals(1, o.exitCode());
    assertTrue(o.err().contains("sweep-batch-size.csv line 2 is malformed"), o.err());
  }

  @Test
  void aHistoryWithoutAColumnTheChartsNeedIsNamed() throws IOException {
    Files.writeString(reports.resolve("multiplication/gru-history.csv"), "epoch,loss\n0,0.5\n");
    LabRunner.Output o = LabRunner.capture("reports", "multiplication", "--reports-dir",
        reports.toString());
    assertEquals(1, o.exitCode());
    assertTrue(o.err().contains("gru-history.csv has no column 'val_loss'"), o.err());
  }

  @Test
  void oneLabOnlyAndAnUnknownLab() {
    assertEquals(0, LabRunner.run("reports", "multiplication", "--reports-dir", reports.toString()));
    assertTrue(Files.exists(reports.resolve("multiplication/correctness.png")));
    assertFalse(Files.exists(reports.resolve("fashion-bilstm/loss.png")));
    assertEquals(2, LabRunner.run("reports", "no-such-lab", "--reports-dir", reports.toString()));
  }
}
