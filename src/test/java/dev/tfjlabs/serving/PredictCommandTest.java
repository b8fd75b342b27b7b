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
        new String[] {"predict", model.toString(), notImage.toString()}, "is not a readable PNG",
        new String[] {"predict", model.toString()}, "give at least one INPUT file or --idx-test");
    for (Map.Entry<String[], String> c : cases.entrySet()) {
      LabRunner.Output o = LabRunner.capture(c.getKey());
      assertEquals(2, o.exitCode(), String.join(" ", c.getKey()));
      assertTrue(o.err().startsWith("ERROR: ") && o.err().contains(c.getValue()), o.err());
      assertEquals(1, o.err().strip().lines().count(), o.err());
    }
  }
}
