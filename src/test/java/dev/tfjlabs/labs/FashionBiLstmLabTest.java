package dev.tfjlabs.labs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tfjlabs.data.DataFiles;
import dev.tfjlabs.data.FashionMnist;
import dev.tfjlabs.data.FloatArray;
import dev.tfjlabs.data.RemoteFile;
import dev.tfjlabs.keras.callbacks.History;
import dev.tfjlabs.reports.Charts;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A short run of lab 1 through the launcher, and what it leaves behind. */
class FashionBiLstmLabTest {
  @TempDir static Path out;
  private static Path models;
  private static Path reports;

  @BeforeAll
  static void shortRun() {
    DataFiles files = DataFiles.standard(null);
    for (RemoteFile f : FashionMnist.files()) {
      assumeTrue(files.find(f) != null, "Fashion-MNIST is not installed");
    }
    models = out.resolve("models");
    reports = out.resolve("reports");
    assertEquals(0, LabRunner.run("fashion-bilstm", "--limit", "2000", "--epochs", "1",
        "--models-dir", models.toString(), "--reports-dir", reports.toString()));
  }

  @Test
  void writesBothSavedModelsWithTheirDescription() {
    for (String slug : List.of("basic-rnn", "bidirectional-rnn")) {
      Path dir = models.resolve("fashion-bilstm").resolve(slug);
      assertTrue(Files.exists(dir.resolve("saved_model.pb")), dir.toString());
      JsonNode d = LabRunner.json(dir.resolve("model.json"));
      assertEquals("input", d.get("input").get("name").asText());
      assertEquals("[-1,28,28]", d.get("input").get("shape").toString());
      assertEquals("[-1,10]", d.get("output").get("shape").toString());
      assertEquals("serving_default", d.get("signature").asText());
      assertEquals("Ankle boot", d.get("classes").get(9).asText());
      assertEquals(1 / 255.0, d.get("scale").asDouble(), 1e-12);
    }
  }

  @Test
  void writesHistoriesAndResults() throws Exception {
    Path dir = reports.resolve("fashion-bilstm");
    for (String slug : List.of("basic-rnn", "bidirectional-rnn")) {
      List<String> csv = Files.readAllLines(dir.resolve(slug + "-history.csv"));
      assertEquals("epoch,accuracy,loss,val_accuracy,val_loss", csv.get(0));
      assertEquals(2, csv.size());
    }
    JsonNode r = LabRunner.json(dir.resolve("results.json"));
    assertEquals(3050, r.get("models").get(0).get("params").asInt());
    assertEquals(6090, r.get("models").get(1).get("params").asInt());
    assertEquals(1, r.get("models").get(0).get("epochs_run").asInt());
    assertTrue(r.get("models").get(0).get("seconds_per_epoch").asDouble() > 0);
    assertTrue(r.get("device").asText().endsWith(":0"));
  }

  @Test
  void chartsAreValidPngsOfTheExpectedSize() throws Exception {
    for (String chart : List.of("loss.png", "accuracy.png")) {
      BufferedImage img = LabRunner.png(reports.resolve("fashion-bilstm").resolve(chart));
      assertEquals(Charts.WIDTH, img.getWidth());
      assertEquals(Charts.HEIGHT, img.getHeight());
    }
  }

  @Test
  void chartSeriesCarryTheNotebooksNamesAndOrder() {
    History h = new History();
    h.add(Map.of("loss", 1.0, "val_loss", 1.0, "accuracy", 0.5, "val_accuracy", 0.5), 1);
    Map<String, History> histories = new java.util.LinkedHashMap<>();
    histories.put("basic-rnn", h);
    histories.put("bidirectional-rnn", h);
    assertEquals(List.of("loss_Bi", "val_loss_Bi", "loss_R", "val_loss_R"),
        List.copyOf(FashionBiLstmLab.curves(histories, "loss").keySet()));
    assertEquals(List.of("accuracy_Bi", "val_accuracy_Bi", "accuracy_R", "val_accuracy_R"),
        List.copyOf(FashionBiLstmLab.curves(histories, "accuracy").keySet()));
  }

  @Test
  void aFreshJvmReproducesTheTrainedModelsPredictions() throws Exception {
    JsonNode r = LabRunner.json(reports.resolve("fashion-bilstm/results.json"));
    FloatArray test = FashionMnist.load(DataFiles.standard(null)).test().images().slice(0, 3);
    String values = IntStream.range(0, test.values().length)
        .mapToObj(i -> Float.toString(test.values()[i])).collect(Collectors.joining(","));
    for (JsonNode m : r.get("models")) {
      List<String> got = dev.tfjlabs.keras.SavedModelPredictMain.runInNewJvm(
          Path.of(m.get("model_dir").asText()), "3,28,28", values);
      JsonNode expected = m.get("first_test_predictions");
      assertEquals(expected.size(), got.size());
      for (int i = 0; i < got.size(); i++) {
        assertEquals(expected.get(i).asDouble(), Double.parseDouble(got.get(i)), 1e-6);
      }
    }
  }
}
