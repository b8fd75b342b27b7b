package dev.tfjlabs.labs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tfjlabs.Fixtures;
import dev.tfjlabs.LabRunner;
import dev.tfjlabs.data.DataFiles;
import dev.tfjlabs.data.FashionMnist;
import dev.tfjlabs.data.Mnist;
import dev.tfjlabs.data.RemoteFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lab 5a/5b: a short run writes every picture, both SavedModels and the results. */
class CnnFeatureMapsLabTest {
  @TempDir Path out;

  @Test
  void aShortRunWritesEveryPictureBothModelsAndResults() throws Exception {
    List<RemoteFile> needed = new ArrayList<>(FashionMnist.files());
    needed.addAll(Mnist.files());
    for (RemoteFile f : needed) {
      Fixtures.require(DataFiles.standard(null).find(f) != null, f.name());
    }
    Path models = out.resolve("models");
    Path reports = out.resolve("reports");
    LabRunner.Output o = LabRunner.capture("cnn-feature-maps", "--train", "--epochs", "1",
        "--limit", "300", "--models-dir", models.toString(), "--reports-dir", reports.toString());
    assertEquals(0, o.exitCode(), o.err());
    Path dir = reports.resolve("cnn-feature-maps");
    for (String png : CnnFeatureMapsReport.PICTURES) {
      LabRunner.png(dir.resolve(png));
    }
    LabRunner.png(dir.resolve("fashion-conv1-histogram.png"));
    assertEquals(2 * 288 + 1, 1 + 2 * (Files.readAllLines(dir.resolve(
        "fashion-conv1-weights.csv")).size() - 1), "288 conv1 weights, trained and before");
    JsonNode r = LabRunner.json(dir.resolve("results.json"));
    // Keras's counts: conv k*k*cin*cout + cout; dense in*out + out
    int fashion = (9 * 32 + 32) + (9 * 32 * 64 + 64) + (7 * 7 * 64 * 100 + 100) + (100 * 10 + 10);
    int mnist = (9 * 64 + 64) + (9 * 64 * 128 + 128) + (7 * 7 * 128 * 100 + 100) + (100 * 10 + 10);
    assertEquals(fashion, r.get("models").get(0).get("params").asInt());
    assertEquals(mnist, r.get("models").get(1).get("params").asInt());
    for (String slug : List.of("fashion-cnn", "mnist-cnn")) {
      Path m = models.resolve("cnn-feature-maps").resolve(slug);
      assertEquals("[-1,28,28,1]", LabRunner.json(m.resolve("model.json")).get("input")
          .get("shape").toString());
      assertTrue(Files.exists(models.resolve("cnn-feature-maps/best-" + slug + "/saved_model.pb")));
      // the checkpoint line names where the model ends up, not the staging folder
      assertTrue(o.out().contains("saving model to " + models.resolve("cnn-feature-maps/best-"
          + slug)), o.out());
    }
    assertTrue(!o.out().contains(".staged-"), o.out());
    LabRunner.Output p = LabRunner.capture("predict", models.resolve("cnn-feature-maps/mnist-cnn")
        .toString(), "--idx-test", "0");
    assertEquals(0, p.exitCode(), p.err());
    assertTrue(p.out().startsWith("test image 0 (label: 7): 1. "), p.out());

    // the lab's model.keras: converted out of the SavedModel folder, it predicts the same
    Path saved = models.resolve("cnn-feature-maps/mnist-cnn");
    assertTrue(Files.exists(saved.resolve("model.keras")));
    Path keras = out.resolve("mnist-cnn.keras");
    LabRunner.Output c = LabRunner.capture("convert", saved.toString(), keras.toString());
    assertEquals(0, c.exitCode(), c.err());
    LabRunner.Output k = LabRunner.capture("predict", keras.toString(), "--dataset", "mnist",
        "--idx-test", "0");
    assertEquals(0, k.exitCode(), k.err());
    assertEquals(p.out(), k.out());
  }

  /** 5a as the notebook: the course's best-cnn-model.h5 with the figures it printed. */
  @Test
  void byDefault5aLoadsTheCoursesModel() throws Exception {
    for (RemoteFile f : FashionMnist.files()) {
      Fixtures.require(DataFiles.standard(null).find(f) != null, f.name());
    }
    Path h5 = Fixtures.keras("hg-mldl/best-cnn-model.h5");
    Path reports = out.resolve("reports");
    LabRunner.Output o = LabRunner.capture("cnn-feature-maps", "--part", "fashion",
        "--keras-model", h5.toString(), "--models-dir", out.resolve("models").toString(),
        "--reports-dir", reports.toString());
    assertEquals(0, o.exitCode(), o.err());
    assertTrue(o.out().contains("best-cnn-model.h5: test accuracy 0.9168 on 10,000"), o.out());
    JsonNode m = LabRunner.json(reports.resolve("cnn-feature-maps/results.json")).get("models")
        .get(0);
    assertEquals("course-cnn", m.get("slug").asText());
    assertEquals(0.9168, m.get("figures").get("test_accuracy").asDouble(), 1e-9);
    assertEquals(-0.02494, m.get("figures").get("conv1_mean").asDouble(), 5e-6);
    assertEquals(0.24952, m.get("figures").get("conv1_std").asDouble(), 5e-6);
    LabRunner.png(reports.resolve("cnn-feature-maps/fashion-conv2-maps.png"));

    LabRunner.Output bad = LabRunner.capture("cnn-feature-maps", "--part", "fashion",
        "--keras-model", Fixtures.keras("frugally-deep/lstm.h5").toString(), "--reports-dir",
        reports.toString(), "--models-dir", out.resolve("models").toString());
    assertEquals(2, bad.exitCode(), bad.err());
    assertTrue(bad.err().contains("layer lstm_15 (LSTM) unrolls its steps"), bad.err());
    assertEquals(1, bad.err().strip().lines().count(), bad.err());
  }
}
