package dev.tfjlabs.labs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tfjlabs.Fixtures;
import dev.tfjlabs.LabRunner;
import dev.tfjlabs.data.DataFiles;
import dev.tfjlabs.data.Imdb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lab 5c: a short run of all five models; their Keras parameter counts; predict on text. */
class ImdbSentimentLabTest {
  @TempDir Path out;

  /** Keras's counts: SimpleRNN u(f + u + 1), LSTM 4u(f + u + 1), GRU 3u(f + u + 2). */
  private static final int V = 500;
  private static final int E = 16;
  private static final int U = 8;
  private static final int DENSE = U + 1;

  @Test
  void aShortRunWritesEveryOutputAndPredictReadsText() throws Exception {
    for (var f : List.of(Imdb.WORD_INDEX, Imdb.ARCHIVE)) {
      Fixtures.require(DataFiles.standard(null).find(f) != null, "IMDB in the data folder");
    }
    Path models = out.resolve("models");
    Path reports = out.resolve("reports");
    LabRunner.Output o = LabRunner.capture("imdb-sentiment", "--epochs", "1", "--limit", "640",
        "--models-dir", models.toString(), "--reports-dir", reports.toString());
    assertEquals(0, o.exitCode(), o.err());
    Path dir = reports.resolve("imdb-sentiment");
    JsonNode r = LabRunner.json(dir.resolve("results.json"));
    List<Integer> keras = List.of(
        U * (V + U + 1) + DENSE,
        V * E + U * (E + U + 1) + DENSE,
        V * E + 4 * U * (E + U + 1) + DENSE,
        V * E + 4 * U * (E + U + 1) + 4 * U * (U + U + 1) + DENSE,
        V * E + 3 * U * (E + U + 2) + 3 * U * (U + U + 2) + DENSE);
    assertEquals(List.of(4081, 8209, 8809, 9353, 9065), keras, "the formulas");
    for (int i = 0; i < 5; i++) {
      JsonNode m = r.get("models").get(i);
      assertEquals(keras.get(i), m.get("params").asInt(), m.get("name").asText());
      String slug = m.get("slug").asText();
      assertEquals(2, Files.readAllLines(dir.resolve(slug + "-history.csv")).size());
      LabRunner.png(dir.resolve(slug + "-loss.png"));
      assertEquals(1, m.get("figures").get("restored_epoch").asInt());
      assertTrue(Files.exists(models.resolve("imdb-sentiment/best-" + slug + "/saved_model.pb")));
    }
    LabRunner.png(dir.resolve("lengths.png"));
    LabRunner.png(dir.resolve("val-loss.png"));
    assertTrue(o.out().contains("(notebook: 218, 189)"), o.out());

    Path lstm = models.resolve("imdb-sentiment/lstm");
    assertEquals(100, LabRunner.json(lstm.resolve("model.json")).get("text").get("maxlen").asInt());
    Path review = Files.writeString(out.resolve("review.txt"), "A wonderful film: great acting,"
        + " a moving story, and I loved every minute of it.");
    LabRunner.Output p = LabRunner.capture("predict", lstm.toString(), review.toString());
    assertEquals(0, p.exitCode(), p.err());
    assertTrue(p.out().matches("(?s)" + java.util.regex.Pattern.quote(review.toString())
        + ": positive probability 0\\.\\d{4} \\((positive|negative)\\)\\s*"), p.out());
    Path empty = Files.writeString(out.resolve("empty.txt"), " \n ");
    Path binary = Files.write(out.resolve("binary.txt"), new byte[] {(byte) 0xff, 0, 1, 2});
    for (Path bad : List.of(empty, binary)) {
      LabRunner.Output b = LabRunner.capture("predict", lstm.toString(), bad.toString());
      assertEquals(2, b.exitCode(), bad.toString());
      assertEquals(1, b.err().strip().lines().count(), b.err());
      assertTrue(b.err().startsWith("ERROR: " + bad), b.err());
    }
  }
}
