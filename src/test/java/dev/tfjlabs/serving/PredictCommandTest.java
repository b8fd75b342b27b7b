package dev.tfjlabs.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tfjlabs.LabRunner;
import dev.tfjlabs.keras.layers.Activation;
import dev.tfjlabs.keras.layers.Dense;
import dev.tfjlabs.keras.layers.Flatten;
import dev.tfjlabs.keras.models.Sequential;
import dev.tfjlabs.keras.saving.ModelDescription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code predict} on a tiny image classifier saved here (Flatten -> Dense(3, softmax) on 28x28
 * images): its answer against the softmax computed in double precision, and its bad inputs.
 */
class PredictCommandTest {
  @TempDir static Path out;
  private static Path model;
  private static final List<String> CLASSES = List.of("dark", "light", "striped");

  /** Kernel [784, 3]: class 0 sums darkness, class 1 brightness, class 2 the even rows. */
  private static float[] kernel() {
    float[] k = new float[784 * 3];
    for (int i = 0; i < 784; i++) {
      k[3 * i] = -0.01f;
      k[3 * i + 1] = 0.01f;
      k[3 * i + 2] = (i / 28) % 2 == 0 ? 0.02f : -0.02f;
    }
    return k;
  }

  @BeforeAll
  static void saveTinyModel() {
    model = out.resolve("tiny");
    try (Sequential m = new Sequential("tiny", 28, 28).add(new Flatten())
        .add(new Dense(3, Activation.SOFTMAX))) {
      m.setWeights(List.of(kernel(), new float[] {0.1f, 0f, -0.1f}));
      m.save(model, Map.of("model.json", ModelDescription.of("test", m, "none", "probabilities",
          "grayscale 28x28, divided by 255", 1 / 255.0, CLASSES).toJson()));
    }
  }

  @Test
  void aPngGetsTheTopClassesOfTheSoftmaxInDoublePrecision() throws Exception {
    int[] pixels = new int[784];
    for (int i = 0; i < 784; i++) {
      pixels[i] = (i / 28) % 2 == 0 ? 200 : 40;
    }
    Path png = out.resolve("stripes.png");
    LabRunner.writeGrayPng(png, 28, 28, pixels);
    float[] k = kernel();
    double[] z = {0.1, 0, -0.1};
    for (int i = 0; i < 784; i++) {
      for (int c = 0; c < 3; c++) {
        z[c] += pixels[i] / 255.0 * k[3 * i + c];
      }
    }
    double max = Math.max(z[0], Math.max(z[1], z[2]));
    double sum = 0;
    double[] p = new double[3];
    for (int c = 0; c < 3; c++) {
      p[c] = Math.exp(z[c] - max);
      sum += p[c];
    }
    Integer[] order = {0, 1, 2};
    java.util.Arrays.sort(order, (a, b) -> Double.compare(p[b], p[a]));
    StringBuilder expected = new StringBuilder(png + ": ");
    for (int r = 0; r < 3; r++) {
      expected.append(r == 0 ? "" : ", ").append(r + 1).append(". ").append(CLASSES.get(order[r]))
          .append(String.format(Locale.ROOT, " %.4f", p[order[r]] / sum));
    }
    LabRunner.Output o = LabRunner.capture("predict", model.toString(), png.toString());
    assertEquals(0, o.exitCode(), o.err());
    assertEquals(expected.toString(), o.out().strip());
  }

  @Test
  void badInputsGetOneLineAndExit2() throws Exception {
    Path noJson = Files.createDirectories(out.resolve("no-json"));
    Files.copy(model.resolve("saved_model.pb"), noJson.resolve("saved_model.pb"));
    Path notImage = Files.writeString(out.resolve("notes.png"), "not an image");
    Map<String[], String> cases = Map.of(
        new String[] {"predict", out.toString(), notImage.toString()}, "is not a SavedModel folder",
        new String[] {"predict", noJson.toString(), notImage.toString()}, "has no model.json",
        new String[] {"predict", model.toString(), notImage.toString()}, "is a text file, not an",
        new String[] {"predict", model.toString()}, "give at least one INPUT file or --idx-test");
    for (Map.Entry<String[], String> c : cases.entrySet()) {
      LabRunner.Output o = LabRunner.capture(c.getKey());
      assertEquals(2, o.exitCode(), String.join(" ", c.getKey()));
      assertTrue(o.err().startsWith("ERROR: ") && o.err().contains(c.getValue()), o.err());
      assertEquals(1, o.err().strip().lines().count(), o.err());
    }
  }

  /** A tiny sequence model (4 steps of 2 features to one value), saved as a lab saves one. */
  private static Path sequenceModel(String name) {
    Path dir = out.resolve(name);
    try (Sequential m = new Sequential("seq", 4, 2).add(new Flatten()).add(new Dense(1))) {
      m.save(dir, Map.of("model.json", ModelDescription.of("test", m, "none", "regression",
          "4 steps of 2 values", 1.0, List.of()).toJson()));
    }
    return dir;
  }

  private static void assertBadInput(String expected, String... args) {
    LabRunner.Output o = LabRunner.capture(args);
    assertEquals(2, o.exitCode(), String.join(" ", args) + ": " + o.err());
    assertTrue(o.err().startsWith("ERROR: ") && o.err().contains(expected), o.err());
    assertEquals(1, o.err().strip().lines().count(), o.err());
  }

  @Test
  void aDamagedSavedModelSaysWhichFileIsMissingOrBroken() throws Exception {
    Path noInput = sequenceModel("no-input");
    String json = Files.readString(noInput.resolve("model.json"));
    Files.writeString(noInput.resolve("model.json"), json.replaceAll("(?s)\"input\" : \\{.*?\\},",
        ""));
    Path csv = Files.writeString(out.resolve("four.csv"), "0,1\n1,0\n0.5,0.5\n0,0\n");
    assertBadInput("model.json has no 'input'", "predict", noInput.toString(), csv.toString());

    Path noVariables = sequenceModel("no-variables");
    dev.tfjlabs.io.AtomicFiles.deleteRecursively(noVariables.resolve("variables"));
    assertBadInput("variables.index is missing", "predict", noVariables.toString(),
        csv.toString());

    Path truncated = sequenceModel("truncated");
    byte[] pb = Files.readAllBytes(truncated.resolve("saved_model.pb"));
    Files.write(truncated.resolve("saved_model.pb"), java.util.Arrays.copyOf(pb, pb.length / 3));
    assertBadInput("cannot be loaded as a SavedModel", "predict", truncated.toString(),
        csv.toString());
  }

  /** A model.json whose input shape is not the SavedModel's: one line, before TensorFlow runs. */
  @Test
  void aModelJsonThatDoesNotFitTheSignatureIsRefused() throws Exception {
    Path png = out.resolve("gray.png");
    LabRunner.writeGrayPng(png, 28, 28, new int[784]);
    for (String shape : List.of("[ -1, 28, 28, 1 ]", "[ -1, 32, 32 ]", "[ -1, 0, 0 ]",
        "[ -1, 100000, 100000 ]")) {
      Path copy = out.resolve("shape-" + Math.abs(shape.hashCode()));
      copyFolder(model, copy);
      String json = Files.readString(copy.resolve("model.json"));
      Files.writeString(copy.resolve("model.json"), json.replaceFirst(
          "\"shape\" : \\[ -1, 28, 28 \\]", "\"shape\" : " + shape.replace("[", "\\[")
              .replace("]", "\\]")));
      assertBadInput("but the SavedModel's signature takes [-1, 28, 28]", "predict",
          copy.toString(), png.toString());
    }
  }

  private static void copyFolder(Path from, Path to) throws Exception {
    try (var walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Files.copy(p, to.resolve(from.relativize(p).toString()));
      }
    }
  }

  @Test
  void aSequenceModelRefusesAnImageAndNonFiniteValues() throws Exception {
    Path model = sequenceModel("sequence");
    Path png = out.resolve("an-image.png");
    LabRunner.writeGrayPng(png, 2, 2, new int[] {0, 255, 128, 64});
    assertBadInput("is not a CSV text file", "predict", model.toString(), png.toString());
    Path nan = Files.writeString(out.resolve("nan.csv"), "0,1\nNaN,0\n0.5,0.5\n0,0\n");
    assertBadInput("line 2: 'NaN' is not a finite number", "predict", model.toString(),
        nan.toString());
    Path ok = Files.writeString(out.resolve("ok.csv"), "0,1\n1,0\n0.5,0.5\n0,0\n");
    assertEquals(0, LabRunner.capture("predict", model.toString(), ok.toString()).exitCode());
  }

  /** A missing INPUT is said to be missing; a text file given to an image model is named so. */
  @Test
  void aMissingOrTextInputIsNamedAsSuch() throws Exception {
    Path missing = out.resolve("boot.png");
    LabRunner.Output o = LabRunner.capture("predict", model.toString(), missing.toString());
    assertEquals(2, o.exitCode(), o.err());
    assertTrue(o.err().contains(missing + ": no such file"), o.err());
    Path csv = out.resolve("numbers.csv");
    Files.writeString(csv, "1,2,3\n4,5,6\n");
    o = LabRunner.capture("predict", model.toString(), csv.toString());
    assertEquals(2, o.exitCode(), o.err());
    assertTrue(o.err().contains(csv + " is a text file, not an image"), o.err());
  }
}
