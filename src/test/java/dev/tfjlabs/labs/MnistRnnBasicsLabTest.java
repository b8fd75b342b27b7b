package dev.tfjlabs.labs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tfjlabs.Fixtures;
import dev.tfjlabs.LabRunner;
import dev.tfjlabs.data.DataFiles;
import dev.tfjlabs.data.Mnist;
import dev.tfjlabs.data.RemoteFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lab 2: a short run writes its SavedModel, history, charts and results; its cells count. */
class MnistRnnBasicsLabTest {
  @TempDir Path out;

  @Test
  void aShortRunWritesEveryArtifactAndPredictReadsTheModel() throws Exception {
    DataFiles files = DataFiles.standard(null);
    for (RemoteFile f : Mnist.files()) {
      Fixtures.require(files.find(f) != null, "MNIST in the data folder");
    }
    Path models = out.resolve("models");
    Path reports = out.resolve("reports");
    LabRunner.Output o = LabRunner.capture("mnist-rnn-basics", "--cell", "gru", "--units", "32",
        "--epochs", "2", "--limit", "1024", "--learning-rate", "0.005", "--models-dir",
        models.toString(), "--reports-dir", reports.toString());
    assertEquals(0, o.exitCode(), o.err());
    assertTrue(o.out().contains("Epoch: 0001 Avg. cost = "), o.out());
    assertTrue(o.out().contains("GRUCell (lr 0.005): 32 units, 6,186 parameters; 4 steps of 256"
        + " per epoch"), o.out());
    Path dir = reports.resolve("mnist-rnn-basics");
    String slug = "gru-cell-lr0.005-units32";
    assertEquals(List.of("epoch,loss,val_accuracy,val_loss"),
        Files.readAllLines(dir.resolve(slug + "-history.csv")).subList(0, 1));
    assertEquals(3, Files.readAllLines(dir.resolve(slug + "-history.csv")).size());
    LabRunner.png(dir.resolve("cost.png"));
    LabRunner.png(dir.resolve("accuracy.png"));
    JsonNode m = LabRunner.json(dir.resolve("results.json")).get("models").get(0);
    assertEquals("GRUCell (lr 0.005)", m.get("name").asText());
    // GRUCell(32) on 28 features: 3 (28 + 32 + 1) 32 = 5,856; W 32x10 + b 10 = 330
    assertEquals(5856 + 330, m.get("params").asInt());
    double accuracy = m.get("figures").get("test_accuracy").asDouble();

    Path model = models.resolve("mnist-rnn-basics").resolve(slug);
    assertEquals("[-1,28,28]", LabRunner.json(model.resolve("model.json")).get("input")
        .get("shape").toString());
    // the recorded test accuracy, counted again from the saved model's outputs
    var test = dev.tfjlabs.data.Mnist.load(files).test();
    try (var saved = dev.tfjlabs.serving.LoadedModel.open(model)) {
      int[] predicted = saved.predict(test.images(), 1000).argmax();
      int correct = 0;
      for (int i = 0; i < predicted.length; i++) {
        correct += predicted[i] == test.labels()[i] ? 1 : 0;
      }
      assertEquals(correct / (double) predicted.length, accuracy, 1e-9);
    }
    LabRunner.Output p = LabRunner.capture("predict", model.toString(), "--idx-test", "0");
    assertEquals(0, p.exitCode(), p.err());
    assertTrue(p.out().startsWith("test image 0 (label: 7): 1. "), p.out());
  }

  @Test
  void theNotebooksExercisesRunAsSweeps() throws Exception {
    DataFiles files = DataFiles.standard(null);
    for (RemoteFile f : Mnist.files()) {
      Fixtures.require(files.find(f) != null, "MNIST in the data folder");
    }
    Path reports = out.resolve("sweeps");
    LabRunner.Output o = LabRunner.capture("mnist-rnn-basics", "--sweep", "cell=rnn,gru",
        "--epochs", "1", "--limit", "512", "--units", "8", "--reports-dir", reports.toString(),
        "--models-dir", out.resolve("sweep-models").toString());
    assertEquals(0, o.exitCode(), o.err());
    Path dir = reports.resolve("mnist-rnn-basics");
    List<dev.tfjlabs.platform.SweepRow> rows =
        dev.tfjlabs.platform.SweepRow.read(dir.resolve("sweep-cell.csv"));
    assertEquals(List.of("BasicRNNCell (lr 0.01)", "GRUCell (lr 0.01)"),
        rows.stream().map(dev.tfjlabs.platform.SweepRow::model).toList());
    LabRunner.png(dir.resolve("sweep-cell-best.png"));
    assertTrue(!Files.exists(dir.resolve("results.json")), "a sweep leaves results.json alone");
    try (var saved = Files.list(out.resolve("sweep-models").resolve("mnist-rnn-basics"))) {
      assertEquals(0, saved.filter(f -> !f.getFileName().toString().startsWith(".")).count(),
          "and saves no model");
    }
  }

  /**
   * A short run at chance is not the notebook's collapse: the notebook's figure belongs to its
   * settings (learning rate 0.01, its epochs), so the line names this run's instead.
   */
  @Test
  void aShortRunAtChanceIsNotCalledTheNotebooksCollapse() {
    LabRunner.Output o = LabRunner.capture("mnist-rnn-basics", "--epochs", "1", "--limit", "256",
        "--learning-rate", "0.001", "--models-dir", out.resolve("short-models").toString(),
        "--reports-dir", out.resolve("short-reports").toString());
    assertEquals(0, o.exitCode(), o.err());
    assertTrue(o.out().contains("Accuracy: 0.1927"), o.out());
    assertTrue(o.out().contains("The test accuracy 0.1927 is about chance (0.1) after 1 epoch(s)"
        + " at learning rate 0.001."), o.out());
    assertTrue(!o.out().contains("as in the notebook"), o.out());
  }
}
