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
import dev.tfjlabs.keras.callbacks.History;
import dev.tfjlabs.keras.data.FloatArray;
import dev.tfjlabs.platform.SweepRow;
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
      Fixtures.require(files.find(f) != null, "Fashion-MNIST");
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
    assertEquals("fashion-bilstm", r.get("lab").asText());
    assertEquals("fashion-mnist", r.get("dataset").asText());
    assertEquals("basic-rnn-history.csv", r.get("models").get(0).get("history_file").asText());
    // the notebook's figure as ../shared/LABS.md restates it
    Fixtures.require(Files.exists(Path.of("../shared/LABS.md")), "../shared/LABS.md");
    String labs = Files.readString(Path.of("../shared/LABS.md"));
    java.util.regex.Matcher reported = java.util.regex.Pattern.compile(
        "Basic-RNN max val_accuracy \\*\\*([0-9.]+)\\*\\*").matcher(labs);
    assertTrue(reported.find(), "LABS.md reports Basic-RNN's accuracy");
    assertEquals(Double.parseDouble(reported.group(1)),
        r.get("models").get(0).get("notebook").get("best_val_accuracy").asDouble());
    assertEquals(3050, r.get("models").get(0).get("params").asInt());
    assertEquals(6090, r.get("models").get(1).get("params").asInt());
    assertEquals(1, r.get("models").get(0).get("epochs_run").asInt());
    assertTrue(r.get("models").get(0).get("seconds_per_epoch").asDouble() > 0);
    assertTrue(r.get("device").asText().endsWith(":0"));
  }

  @Test
  void theExerciseSweepsAreAliasesOfTheGenericSweepOnBasicRnn() throws Exception {
    Path sweeps = out.resolve("sweeps");
    assertEquals(0, LabRunner.run("fashion-bilstm", "--limit", "256", "--epochs", "2",
        "--sweep-batch", "64,128", "--sweep-epochs", "1,2", "--reports-dir", sweeps.toString()));
    Path dir = sweeps.resolve("fashion-bilstm");
    List<SweepRow> batch = SweepRow.read(dir.resolve("sweep-batch-size.csv"));
    assertEquals(List.of("64", "128"), batch.stream().map(SweepRow::value).toList());
    assertTrue(batch.stream().allMatch(r -> r.model().equals("Basic-RNN") && r.epochs() == 2
        && r.monitor().equals("val_accuracy")), batch.toString());
    List<SweepRow> epochs = SweepRow.read(dir.resolve("sweep-epochs.csv"));
    assertEquals(List.of(1, 2), epochs.stream().map(SweepRow::epochs).toList());
    // the alias is the generic sweep: the same rows from --model basic --sweep epochs=1,2
    Path generic = out.resolve("generic");
    assertEquals(0, LabRunner.run("fashion-bilstm", "--limit", "256", "--epochs", "2",
        "--model", "basic", "--sweep", "epochs=1,2", "--reports-dir", generic.toString()));
    List<SweepRow> same = SweepRow.read(generic.resolve("fashion-bilstm/sweep-epochs.csv"));
    assertEquals(epochs.size(), same.size());
    for (int i = 0; i < epochs.size(); i++) {
      assertEquals(same.get(i).best(), epochs.get(i).best(), 1e-9);
      assertEquals(same.get(i).finalLoss(), epochs.get(i).finalLoss(), 1e-9);
    }
    for (String png : List.of("sweep-batch-size-best.png", "sweep-batch-size-seconds.png",
        "sweep-epochs-best.png", "sweep-epochs-seconds.png")) {
      LabRunner.png(dir.resolve(png));
    }
    assertFalse(Files.exists(dir.resolve("results.json")), "a sweep leaves the results alone");
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
        List.copyOf(FashionBiLstmReport.curves(histories, "loss").keySet()));
    assertEquals(List.of("accuracy_Bi", "val_accuracy_Bi", "accuracy_R", "val_accuracy_R"),
        List.copyOf(FashionBiLstmReport.curves(histories, "accuracy").keySet()));
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

  private static int argmax(JsonNode values, int from, int count) {
    int best = from;
    for (int i = from; i < from + count; i++) {
      if (values.get(i).asDouble() > values.get(best).asDouble()) {
        best = i;
      }
    }
    return best - from;
  }

  /** Test image 0 of Fashion-MNIST as a PNG. */
  private static Path firstTestImagePng() throws Exception {
    dev.tfjlabs.data.ImageDataset test = FashionMnist.load(DataFiles.standard(null)).test();
    int[] pixels = new int[28 * 28];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = test.pixel(0, i / 28, i % 28);
    }
    Path png = out.resolve("test-0.png");
    LabRunner.writeGrayPng(png, 28, 28, pixels);
    return png;
  }

  @Test
  void predictGivesTheModelsOwnClassForAPng() throws Exception {
    JsonNode basic = LabRunner.json(reports.resolve("fashion-bilstm/results.json")).get("models").get(0);
    int expected = argmax(basic.get("first_test_predictions"), 0, 10);
    Path model = models.resolve("fashion-bilstm/basic-rnn");
    LabRunner.Output o = LabRunner.capture("predict", model.toString(), firstTestImagePng().toString(),
        "--idx-test", "0");
    assertEquals(0, o.exitCode(), o.err());
    String top = "1. " + FashionMnist.CLASS_NAMES.get(expected) + " " + String.format(
        java.util.Locale.ROOT, "%.4f", basic.get("first_test_predictions").get(expected).asDouble());
    assertTrue(o.out().contains("test-0.png: " + top), o.out());
    assertTrue(o.out().contains("test image 0 (label: Ankle boot): " + top), o.out());
  }

  @Test
  void theStandaloneConsumerAgreesWithTheLab() throws Exception {
    // compile and run examples/consumer with TensorFlow Java alone on its class path
    String tfOnly = java.util.Arrays.stream(System.getProperty("java.class.path")
            .split(java.io.File.pathSeparator))
        .filter(e -> e.contains("/org/tensorflow/")
            || e.contains("/org/bytedeco/") || e.contains("/com/google/protobuf/"))
        .collect(Collectors.joining(java.io.File.pathSeparator));
    Path classes = Files.createDirectories(out.resolve("consumer-classes"));
    int compiled = javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null,
        "-cp", tfOnly, "-d", classes.toString(),
        "examples/consumer/src/main/java/example/ClassifyImage.java");
    assertEquals(0, compiled, "the consumer compiles against TensorFlow Java alone");
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(javaBin, "-cp", classes + java.io.File.pathSeparator + tfOnly,
        "example.ClassifyImage", models.resolve("fashion-bilstm/basic-rnn").toString(),
        firstTestImagePng().toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String printed = new String(p.getInputStream().readAllBytes()).strip();
    assertEquals(0, p.waitFor(), printed);
    JsonNode basic = LabRunner.json(reports.resolve("fashion-bilstm/results.json")).get("models").get(0);
    int expected = argmax(basic.get("first_test_predictions"), 0, 10);
    String[] words = printed.lines().reduce((a, b) -> b).orElseThrow().split(" ");
    assertEquals("class", words[0], printed);
    assertEquals(expected, Integer.parseInt(words[1]), printed);
    assertEquals(basic.get("first_test_predictions").get(expected).asDouble(),
        Double.parseDouble(words[3]), 1e-5);
  }

  /**
   * {@code --batch-norm}: the notebook's commented-out BatchNormalization after the LSTM, 32
   * more weights to train (gamma, beta) and 32 moving statistics, in the SavedModel's Keras file.
   */
  @Test
  void batchNormAddsTheNotebooksBatchNormalization() throws Exception {
    Path bnReports = out.resolve("bn-reports");
    Path bnModels = out.resolve("bn-models");
    assertEquals(0, LabRunner.run("fashion-bilstm", "--batch-norm", "--model", "basic",
        "--limit", "500", "--epochs", "1", "--models-dir", bnModels.toString(),
        "--reports-dir", bnReports.toString()));
    JsonNode basic = LabRunner.json(bnReports.resolve("fashion-bilstm/results.json"))
        .get("models").get(0);
    assertEquals(3050 + 2 * 16 + 2 * 16, basic.get("params").asInt());
    try (dev.tfjlabs.keras.models.Model m = dev.tfjlabs.keras.saving.KerasFile.load(
        bnModels.resolve("fashion-bilstm/basic-rnn/model.keras"))) {
      assertEquals("BatchNormalization", m.layers().get(1).kerasType());
      assertEquals(3050 + 32, m.countTrainableParams());
    }
  }
}
