package dev.tfjlabs.labs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tfjlabs.Fixtures;
import dev.tfjlabs.LabRunner;
import dev.tfjlabs.data.DataFiles;
import dev.tfjlabs.data.FashionMnist;
import dev.tfjlabs.data.RemoteFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lab 4: a short run writes its checkpoints, histories, charts and results. */
class FashionRnnGruLabTest {
  @TempDir Path out;

  @Test
  void aShortRunWritesCheckpointsHistoriesChartsAndResults() throws Exception {
    DataFiles files = DataFiles.standard(null);
    for (RemoteFile f : FashionMnist.files()) {
      Fixtures.require(files.find(f) != null, "Fashion-MNIST");
    }
    Path models = out.resolve("models");
    Path reports = out.resolve("reports");
    LabRunner.Output o = LabRunner.capture("fashion-rnn-gru", "--epochs", "2", "--limit", "640",
        "--units", "16", "--models-dir", models.toString(), "--reports-dir", reports.toString());
    assertEquals(0, o.exitCode(), o.err());
    assertTrue(o.out().contains("Epoch [1/2], train loss: "), o.out());
    Path dir = reports.resolve("fashion-rnn-gru");
    JsonNode r = LabRunner.json(dir.resolve("results.json"));
    assertEquals(2, r.get("models").size());
    for (JsonNode m : r.get("models")) {
      String slug = m.get("slug").asText();
      assertEquals("epoch,accuracy,loss,val_accuracy,val_loss",
          Files.readAllLines(dir.resolve(slug + "-history.csv")).get(0));
      List<String> checkpoints = Files.readAllLines(dir.resolve(slug + "-checkpoints.csv"));
      assertEquals("epoch,test_accuracy", checkpoints.get(0));
      int best = (int) m.get("figures").get("best_checkpoint_epoch").asDouble();
      assertTrue(checkpoints.get(checkpoints.size() - 1).startsWith(best + ","), checkpoints.toString());
      Path bestDir = models.resolve("fashion-rnn-gru").resolve(slug)
          .resolve(String.format("epoch-%02d", best));
      assertEquals(bestDir.toString(), m.get("model_dir").asText());
      assertTrue(Files.exists(bestDir.resolve("saved_model.pb")));
      assertEquals("logits", LabRunner.json(bestDir.resolve("model.json")).get("output_kind")
          .asText());
      assertTrue(m.get("figures").get("rss_end_mb").asDouble() > 0);
      try (Stream<Path> left = Files.list(models.resolve("fashion-rnn-gru"))) {
        assertFalse(left.anyMatch(p -> p.getFileName().toString().startsWith(".")
            && !p.getFileName().toString().matches("\\.run-[a-z]+\\.lock")),
            "no temporary folder left");
      }
    }
    for (String png : List.of("samples.png", "loss.png", "accuracy.png")) {
      LabRunner.png(dir.resolve(png));
    }
    // predict applies softmax to the logits model: probabilities in [0, 1]
    String model = r.get("models").get(1).get("model_dir").asText();
    LabRunner.Output p = LabRunner.capture("predict", model, "--idx-test", "0");
    assertEquals(0, p.exitCode(), p.err());
    double top = Double.parseDouble(p.out().strip().split(",")[0].replaceAll(".* ", ""));
    assertTrue(top > 0 && top <= 1, p.out());
  }
}
