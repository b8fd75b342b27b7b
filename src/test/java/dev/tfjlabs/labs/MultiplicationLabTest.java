package dev.tfjlabs.labs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tfjlabs.LabRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lab 3: the correctness criterion, and a short run through the launcher. */
class MultiplicationLabTest {
  @TempDir Path out;

  @Test
  void correctnessCountsPredictionsWithin004() {
    float[] targets = {0.50f, 0.10f, 0.30f, 0.90f};
    // |diff| = 0.03, 0.04 (counts: <= 0.04), 0.05, 0.2
    float[] predictions = {0.53f, 0.14f, 0.25f, 0.70f};
    assertEquals(0.5, Correctness.share(predictions, targets, 0.04), 1e-12);
    assertEquals(1.0, Correctness.share(targets, targets, 0.04), 1e-12);
    assertThrows(IllegalArgumentException.class,
        () -> Correctness.share(new float[1], new float[2], 0.04));
  }

  @Test
  void aQuickRunWithoutFoldersStaysOutOfTheNotebookReports() {
    LabRunner.Output o = LabRunner.capture("multiplication", "--model", "simple", "--epochs",
        "1", "--limit", "64");
    assertEquals(0, o.exitCode(), o.err());
    assertTrue(o.out().contains("Quick run (--limit, or fewer epochs than the notebook): writing"
        + " to target/quick-runs/reports/multiplication"), o.out());
    assertTrue(Files.exists(Path.of("target/quick-runs/reports/multiplication/results.json")));
    assertTrue(Files.exists(Path.of("target/quick-runs/models/multiplication/simple-rnn/model.json")));
  }

  /**
   * --optimizer, --optimizer-config, --loss and --metrics replace the notebook's compile
   * arguments by Keras names; a wrong name is a usage error of one line, before any data.
   */
  @Test
  void theCompileArgumentsTakeKerasNames() throws Exception {
    Path reports = out.resolve("compile");
    LabRunner.Output o = LabRunner.capture("multiplication", "--model", "simple", "--epochs",
        "1", "--limit", "64", "--optimizer", "sgd", "--optimizer-config",
        "{\"momentum\": 0.9, \"nesterov\": true}", "--learning-rate", "0.05", "--loss", "mae",
        "--metrics", "mse,root_mean_squared_error", "--models-dir", out.resolve("m").toString(),
        "--reports-dir", reports.toString());
    assertEquals(0, o.exitCode(), o.err());
    String header = Files.readAllLines(reports.resolve("multiplication/simple-rnn-history.csv"))
        .get(0);
    assertTrue(header.contains("mse") && header.contains("root_mean_squared_error"), header);
    LabRunner.Output bad = LabRunner.capture("multiplication", "--optimizer", "adamm",
        "--epochs", "1", "--limit", "64");
    assertEquals(2, bad.exitCode(), bad.err());
    assertTrue(bad.err().lines().findFirst().orElse("").contains("adamm"), bad.err());
    LabRunner.Output metric = LabRunner.capture("multiplication", "--metrics", "accurracy",
        "--epochs", "1", "--limit", "64");
    assertEquals(2, metric.exitCode(), metric.err());
    assertTrue(metric.err().contains("unknown metric 'accurracy'"), metric.err());
  }

  @Test
  void trainingOneModelKeepsTheOthersResults() throws Exception {
    Path reports = out.resolve("merge");
    String[] common = {"--epochs", "1", "--limit", "64", "--models-dir",
        out.resolve("m").toString(), "--reports-dir", reports.toString()};
    assertEquals(0, LabRunner.run(concat(new String[] {"multiplication", "--model", "gru"}, common)));
    assertEquals(0, LabRunner.run(concat(new String[] {"multiplication", "--model", "simple",
        "--seed", "7"}, common)));
    JsonNode models = LabRunner.json(reports.resolve("multiplication/results.json")).get("models");
    assertEquals(2, models.size());
    assertEquals("GRU", models.get(0).get("name").asText());
    assertEquals(42, models.get(0).get("seed").asInt(), "each entry keeps its own settings");
    assertEquals("SimpleRNN", models.get(1).get("name").asText());
    assertEquals(7, models.get(1).get("seed").asInt());
  }

  @Test
  void theSpeedOptionsChangeNoNumbers() throws Exception {
    // ops in the calling thread and one validation batch: the same history to float rounding
    List<double[]> histories = new java.util.ArrayList<>();
    for (String[] speed : List.of(new String[0], new String[] {"--inter-op-threads", "-1",
        "--validation-batch-size", "1000"})) {
      Path reports = out.resolve("speed" + histories.size());
      assertEquals(0, LabRunner.run(concat(new String[] {"multiplication", "--model", "lstm",
          "--epochs", "2", "--limit", "320", "--models-dir", out.resolve("m").toString(),
          "--reports-dir", reports.toString()}, speed)));
      histories.add(Files.readAllLines(reports.resolve("multiplication/lstm-history.csv"))
          .stream().skip(1).flatMap(line -> java.util.Arrays.stream(line.split(",")).skip(1))
          .mapToDouble(Double::parseDouble).toArray());
    }
    assertEquals(4, histories.get(0).length, "loss and val_loss of two epochs");
    for (int i = 0; i < 4; i++) {
      assertEquals(histories.get(0)[i], histories.get(1)[i], 1e-6 * histories.get(0)[i]);
    }
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  @Test
  void shortRunWritesEveryArtifact() throws Exception {
    Path models = out.resolve("models");
    Path reports = out.resolve("reports");
    assertEquals(0, LabRunner.run("multiplication", "--epochs", "2", "--limit", "320",
        "--models-dir", models.toString(), "--reports-dir", reports.toString()));
    Path dir = reports.resolve("multiplication");
    for (String slug : List.of("simple-rnn", "lstm", "gru")) {
      assertTrue(Files.exists(models.resolve("multiplication").resolve(slug)
          .resolve("saved_model.pb")), slug);
      assertTrue(Files.exists(models.resolve("multiplication").resolve(slug).resolve("model.json")));
      assertEquals(3, Files.readAllLines(dir.resolve(slug + "-history.csv")).size());
      LabRunner.png(dir.resolve(slug + "-loss.png"));
    }
    LabRunner.png(dir.resolve("val-loss.png"));
    LabRunner.png(dir.resolve("correctness.png"));
    JsonNode r = LabRunner.json(dir.resolve("results.json"));
    assertEquals(List.of(2851, 11311, 8671), List.of(r.get("models").get(0).get("params").asInt(),
        r.get("models").get(1).get("params").asInt(), r.get("models").get(2).get("params").asInt()));
    // Pinned: seed 42, 2 epochs, 320 samples, recorded before the lab moved onto the platform.
    // A change here means training itself changed (data, initial weights, shuffling, the
    // optimizer's rule or the loss), not just its plumbing.
    double[] finalLoss = {0.07159193838015199, 0.04611072549596429, 0.04813499329611659};
    double[] testLoss = {0.06110065118833022, 0.04636366976933046, 0.047115486860275266};
    double[] bestValLoss = {0.06302398256957531, 0.04853310436010361, 0.047084150835871696};
    for (int i = 0; i < 3; i++) {
      JsonNode m = r.get("models").get(i);
      assertEquals(finalLoss[i], m.get("final").get("loss").asDouble(), 1e-6,
          m.get("name") + ": final training loss after 2 epochs changed");
      assertEquals(testLoss[i], m.get("figures").get("test_loss").asDouble(), 1e-6,
          m.get("name") + ": test loss changed");
      assertEquals("val_loss", m.get("monitor").asText());
      assertEquals(bestValLoss[i], m.get("best").asDouble(), 1e-6,
          m.get("name") + ": best val_loss changed");
    }

    // predict reads a CSV of time steps, and rejects one of the wrong shape
    Path lstm = models.resolve("multiplication/lstm");
    StringBuilder csv = new StringBuilder();
    for (int t = 0; t < 100; t++) {
      csv.append(t == 3 || t == 70 ? "1," : "0,").append(t == 3 ? "0.5" : "0.25").append('\n');
    }
    Path good = Files.writeString(out.resolve("seq.csv"), csv.toString());
    LabRunner.Output ok = LabRunner.capture("predict", lstm.toString(), good.toString());
    assertEquals(0, ok.exitCode(), ok.err());
    assertTrue(ok.out().startsWith(good + ": "), ok.out());
    Path shortCsv = Files.writeString(out.resolve("short.csv"), "0,0.5\n1,0.25\n");
    LabRunner.Output bad = LabRunner.capture("predict", lstm.toString(), shortCsv.toString());
    assertEquals(2, bad.exitCode());
    assertTrue(bad.err().contains("has 2 time steps; the model takes 100 lines of 2"), bad.err());
  }
}
