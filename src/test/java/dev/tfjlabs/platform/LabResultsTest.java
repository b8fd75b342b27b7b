package dev.tfjlabs.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tfjlabs.keras.callbacks.History;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The typed results.json: the best epoch, merging, and a round trip through the file. */
class LabResultsTest {
  @TempDir Path dir;

  private static History history(double... valLoss) {
    History h = new History();
    for (double v : valLoss) {
      h.add(Map.of("loss", v * 2, "val_loss", v), 1.5);
    }
    return h;
  }

  private static ModelResult model(String slug, long seed, double... valLoss) {
    return ModelResult.of(slug.toUpperCase(), slug, 10, 32, history(valLoss), "val_loss", seed,
        null, "2026-01-01T00:00:00Z", "models/x/" + slug, slug + "-history.csv");
  }

  private static LabResults lab(ModelResult... models) {
    return new LabResults("x", "nb.txt", "data", "CPU:0", "machine", 42, null, "now",
        List.of(models));
  }

  @Test
  void bestIsTheSmallestLossOrTheLargestAccuracyWithItsOneBasedEpoch() {
    ModelResult r = model("a", 1, 0.5, 0.3, 0.4);
    assertEquals(0.3, r.best());
    assertEquals(2, r.bestEpoch());
    assertEquals(0.4, r.finalValues().get("val_loss"));
    assertEquals(3, r.epochsRun());
    History acc = new History();
    acc.add(Map.of("val_accuracy", 0.7), 1);
    acc.add(Map.of("val_accuracy", 0.9), 1);
    acc.add(Map.of("val_accuracy", 0.8), 1);
    ModelResult a = ModelResult.of("A", "a", 1, 1, acc, "val_accuracy", 1, null, "t", null, null);
    assertEquals(0.9, a.best());
    assertEquals(2, a.bestEpoch());
    ModelResult none = ModelResult.of("A", "a", 1, 1, new History(), "val_loss", 1, null, "t",
        null, null);
    assertNull(none.best());
  }

  @Test
  void aRunOfSomeModelsReplacesTheirEntriesAndKeepsTheOthersInOrder() {
    LabResults earlier = lab(model("a", 1, 0.5), model("b", 1, 0.6), model("c", 1, 0.7));
    LabResults merged = lab(model("b", 2, 0.1), model("d", 2, 0.2)).mergedOver(earlier);
    assertEquals(List.of("a", "b", "c", "d"), merged.models().stream().map(ModelResult::slug)
        .toList());
    assertEquals(2, merged.models().get(1).seed());
    assertEquals(1, merged.models().get(2).seed());
  }

  @Test
  void writtenAndReadBackInSnakeCase() throws Exception {
    lab(model("a", 1, 0.5, 0.25).withFigure("test_loss", 0.3).withNotebook("correctness", 0.9)
        .withFirstTestPredictions(new float[] {0.5f})).writeMerged(dir);
    String json = java.nio.file.Files.readString(dir.resolve(LabResults.FILE));
    for (String key : List.of("\"epochs_run\" : 2", "\"best_epoch\" : 2", "\"seconds_per_epoch\"",
        "\"final\" : {", "\"history_file\" : \"a-history.csv\"", "\"first_test_predictions\"")) {
      assertEquals(true, json.contains(key), key + " in " + json);
    }
    assertEquals(false, json.contains("history\" : {"), "the in-memory history is not written");
    ModelResult back = LabResults.read(dir).models().get(0);
    assertEquals(0.3, back.figure("test_loss"));
    assertEquals(0.9, back.notebook().get("correctness"));
    assertEquals(0.25, back.best());
  }
}
