package dev.tfjlabs.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tfjlabs.LabRunner;
import dev.tfjlabs.keras.KerasReference;
import dev.tfjlabs.keras.layers.Activation;
import dev.tfjlabs.keras.layers.Dense;
import dev.tfjlabs.keras.layers.Input;
import dev.tfjlabs.keras.layers.KerasTensor;
import dev.tfjlabs.keras.layers.merging.Concatenate;
import dev.tfjlabs.keras.models.Model;
import dev.tfjlabs.keras.saving.KerasFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A functional Keras file of two inputs and two outputs through the command line: {@code convert}
 * to a SavedModel whose signature and {@code model.json} name each input and output as the model
 * does, {@code predict} on the file and on the SavedModel with one CSV file per input, and the
 * stand-alone consumer (TensorFlow Java alone) on the SavedModel: every answer against a
 * plain-Java double-precision pass of the weights.
 */
class FunctionalServingTest {
  @TempDir static Path out;
  private static Path keras;
  private static Path saved;
  private static List<float[]> weights;
  private static final float[] LEFT = {0.5f, -1.0f, 2.0f};
  private static final float[] RIGHT = {1.5f, 0.25f};

  @BeforeAll
  static void convertATwoInputModel() {
    KerasTensor left = Input.of("left", 3);
    KerasTensor right = Input.of("right", 2);
    KerasTensor sum = Dense.builder(1).name("sum").build()
        .apply(new Concatenate("both").apply(left, right));
    KerasTensor side = Dense.builder(2).activation(Activation.TANH).name("side").build()
        .apply(right);
    keras = out.resolve("two.keras");
    try (Model m = new Model(List.of(left, right), List.of(sum, side), "two")) {
      weights = m.getWeights();
      KerasFile.save(m, keras);
    }
    saved = out.resolve("two-saved");
    LabRunner.Output o = LabRunner.capture("convert", keras.toString(), saved.toString());
    assertEquals(0, o.exitCode(), o.err());
    assertTrue(o.out().contains("inputs left [-1, 3], right [-1, 2]"), o.out());
  }

  /** The two outputs in plain Java: sum = [left, right] W + b, side = tanh(right V + c). */
  private static double[][] expected() {
    double[][] joined = {{LEFT[0], LEFT[1], LEFT[2], RIGHT[0], RIGHT[1]}};
    double[] sum = KerasReference.affine(joined, weights.get(0), weights.get(1), 1)[0];
    double[] side = KerasReference.affine(new double[][] {{RIGHT[0], RIGHT[1]}}, weights.get(2),
        weights.get(3), 2)[0];
    return new double[][] {sum, {Math.tanh(side[0]), Math.tanh(side[1])}};
  }

  private static double[] numbers(String csv) {
    return java.util.Arrays.stream(csv.split(",")).mapToDouble(Double::parseDouble).toArray();
  }

  private static void assertOutputs(String sumValues, String sideValues) {
    double[][] want = expected();
    double[] sum = numbers(sumValues);
    double[] side = numbers(sideValues);
    assertEquals(1, sum.length);
    assertEquals(want[0][0], sum[0], 1e-5);
    assertEquals(2, side.length);
    assertEquals(want[1][0], side[0], 1e-5);
    assertEquals(want[1][1], side[1], 1e-5);
  }

  private static String csv(float[] v) {
    return java.util.stream.IntStream.range(0, v.length)
        .mapToObj(i -> String.format(Locale.ROOT, "%s", v[i])).collect(Collectors.joining(","));
  }

  @Test
  void theSavedModelAndItsDescriptionNameEachInputAndOutput() {
    JsonNode d = LabRunner.json(saved.resolve("model.json"));
    assertEquals("left", d.get("inputs").get(0).get("name").asText());
    assertEquals("[-1,3]", d.get("inputs").get(0).get("shape").toString());
    assertEquals("right", d.get("inputs").get(1).get("name").asText());
    assertEquals("sum", d.get("outputs").get(0).get("name").asText());
    assertEquals("[-1,2]", d.get("outputs").get(1).get("shape").toString());
    assertTrue(!d.has("input") && !d.has("output"), d.toString());
  }

  @Test
  void predictTakesOneCsvFilePerInput() throws Exception {
    Path a = out.resolve("left.csv");
    Path b = out.resolve("right.csv");
    Files.writeString(a, csv(LEFT) + "\n");
    Files.writeString(b, "# the right input\n" + csv(RIGHT) + "\n");
    for (Path model : List.of(keras, saved)) {
      LabRunner.Output o = LabRunner.capture("predict", model.toString(), a.toString(),
          b.toString());
      assertEquals(0, o.exitCode(), o.err());
      String line = o.out().strip().lines().reduce((x, y) -> y).orElseThrow();
      String[] parts = line.substring(line.indexOf(": ") + 2).split("; ");
      assertTrue(parts[0].startsWith("sum ") && parts[1].startsWith("side "), line);
      assertOutputs(parts[0].substring(4), parts[1].substring(5));
    }
    LabRunner.Output odd = LabRunner.capture("predict", saved.toString(), a.toString());
    assertEquals(2, odd.exitCode(), odd.err());
    assertTrue(odd.err().contains("one CSV file per input"), odd.err());
  }

  @Test
  void theStandaloneConsumerRunsTheTwoInputModel() throws Exception {
    String tfOnly = java.util.Arrays.stream(System.getProperty("java.class.path")
            .split(java.io.File.pathSeparator))
        .filter(e -> e.contains("/org/tensorflow/")
            || e.contains("/org/bytedeco/") || e.contains("/com/google/protobuf/"))
        .collect(Collectors.joining(java.io.File.pathSeparator));
    Path classes = Files.createDirectories(out.resolve("consumer-classes"));
    int compiled = javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null,
        "-cp", tfOnly, "-d", classes.toString(),
        "examples/consumer/src/main/java/example/RunSignature.java");
    assertEquals(0, compiled, "the consumer compiles against TensorFlow Java alone");
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(javaBin, "-cp", classes + java.io.File.pathSeparator + tfOnly,
        "example.RunSignature", saved.toString(), "left=" + csv(LEFT), "right=" + csv(RIGHT))
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    List<String> lines = new String(p.getInputStream().readAllBytes()).strip().lines().toList();
    assertEquals(0, p.waitFor(), lines.toString());
    String sum = lines.stream().filter(l -> l.startsWith("sum ")).findFirst().orElseThrow();
    String side = lines.stream().filter(l -> l.startsWith("side ")).findFirst().orElseThrow();
    assertOutputs(sum.substring(4), side.substring(5));
  }

  /**
   * predict on a Keras 2.3.1 Conv1D file (DeepLearning4J's fixture) with one sequence as CSV:
   * every value of the [16, 4] output, as Keras computed them.
   */
  @Test
  void predictPrintsEveryValueOfASequenceOutputAsKerasComputedIt() throws Exception {
    Path model = dev.tfjlabs.Fixtures.keras("dl4j/conv1d/conv1d_k2_s1_d1_cl_same_model.h5");
    Path pair = dev.tfjlabs.Fixtures.keras(
        "dl4j/conv1d/conv1d_k2_s1_d1_cl_same_inputs_and_outputs.h5");
    float[] in;
    float[] want;
    try (io.jhdf.HdfFile h5 = new io.jhdf.HdfFile(pair)) {
      in = (float[]) ((io.jhdf.api.Dataset) h5.getByPath("inputs/conv0_input")).getDataFlat();
      want = (float[]) ((io.jhdf.api.Dataset) h5.getByPath("predictions/conv0")).getDataFlat();
    }
    StringBuilder csv = new StringBuilder();
    for (int t = 0; t < 16; t++) {
      csv.append(in[t * 3]).append(',').append(in[t * 3 + 1]).append(',').append(in[t * 3 + 2])
          .append('\n');
    }
    Path seq = out.resolve("sequence.csv");
    Files.writeString(seq, csv);
    LabRunner.Output o = LabRunner.capture("predict", model.toString(), seq.toString());
    assertEquals(0, o.exitCode(), o.err());
    String line = o.out().strip().lines().reduce((x, y) -> y).orElseThrow();
    double[] got = numbers(line.substring(line.indexOf(": ") + 2));
    assertEquals(64, got.length);
    for (int i = 0; i < 64; i++) {
      assertEquals(want[i], got[i], 1e-5, "value " + i);
    }
  }

  /**
   * convert never deletes a folder of the user's files: it refuses one that is not a SavedModel
   * with model.json (one line, exit 2, the folder untouched), and replaces one it wrote, saying so.
   */
  @Test
  void convertLeavesAFolderOfOtherFilesAlone() throws Exception {
    Path other = out.resolve("other");
    Files.createDirectories(other);
    Files.writeString(other.resolve("keep"), "keep");
    LabRunner.Output o = LabRunner.capture("convert", keras.toString(), other.toString());
    assertEquals(2, o.exitCode(), o.err());
    assertEquals(1, o.err().strip().lines().count(), o.err());
    assertTrue(o.err().contains("nothing was changed"), o.err());
    try (var files = Files.list(other)) {
      assertEquals(List.of(other.resolve("keep")), files.toList());
    }
    assertEquals("keep", Files.readString(other.resolve("keep")));
    LabRunner.Output again = LabRunner.capture("convert", keras.toString(), saved.toString());
    assertEquals(0, again.exitCode(), again.err());
    assertTrue(again.out().startsWith("Replaced the SavedModel in " + saved), again.out());
  }

  /**
   * A Keras file with a NaN and an infinite weight: convert refuses in one line naming each
   * weight and how many values (exit 1) and writes nothing; --allow-non-finite converts it;
   * KerasFile.load warns in one line.
   */
  @Test
  void nonFiniteWeightsAreRefusedByConvert() {
    Path bad = out.resolve("nan.keras");
    try (dev.tfjlabs.keras.models.Sequential m = new dev.tfjlabs.keras.models.Sequential("nan",
        2).add(Dense.builder(2).name("d").build())) {
      m.setWeights(List.of(new float[] {1, Float.NaN, 2, 3},
          new float[] {Float.POSITIVE_INFINITY, 0}));
      KerasFile.save(m, bad);
    }
    Path target = out.resolve("nan-saved");
    LabRunner.Output o = LabRunner.capture("convert", bad.toString(), target.toString());
    assertEquals(1, o.exitCode(), o.err());
    assertEquals(List.of("ERROR: " + bad + ": d/kernel holds 1 non-finite value, d/bias holds 1"
        + " non-finite value (NaN or infinite); nothing was written (convert --allow-non-finite"
        + " converts it anyway)"), o.err().strip().lines().toList());
    assertTrue(!Files.exists(target));
    LabRunner.Output forced = LabRunner.capture("convert", "--allow-non-finite", bad.toString(),
        target.toString());
    assertEquals(0, forced.exitCode(), forced.err());
    assertTrue(Files.isRegularFile(target.resolve("saved_model.pb")));
    java.io.PrintStream err = System.err;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(captured, true));
    try (Model back = KerasFile.load(bad)) {
      assertEquals(java.util.Map.of("d/kernel", 1, "d/bias", 1), back.nonFiniteWeights());
    } finally {
      System.setErr(err);
    }
    assertEquals(List.of("Warning: " + bad + ": d/kernel holds 1 non-finite value, d/bias holds"
        + " 1 non-finite value (NaN or infinite); its predictions will not be finite"),
        captured.toString().strip().lines().toList());
  }

  /**
   * convert into a folder that cannot be written (sysfs refuses new files even to root; /proc
   * has no such folder) says which folder and why in one line, exit 1, before TensorFlow tries
   * (whose own log line would otherwise come first), and does not call it a full disk.
   */
  @Test
  void convertIntoAFolderThatCannotBeWrittenSaysSoInOneLine() {
    LabRunner.Output sys = LabRunner.capture("convert", keras.toString(), "/sys/tfj-out");
    assertEquals(1, sys.exitCode(), sys.err());
    assertEquals(1, sys.err().strip().lines().count(), sys.err());
    assertTrue(sys.err().startsWith("ERROR: Cannot write /sys/tfj-out (permission denied at"
        + " /sys/"), sys.err());
    assertTrue(sys.err().strip().endsWith("; choose another folder"), sys.err());
    LabRunner.Output proc = LabRunner.capture("convert", keras.toString(), "/proc/tfj/out");
    assertEquals(1, proc.exitCode(), proc.err());
    assertEquals(List.of("ERROR: Cannot write /proc/tfj/out (no such file or folder: /proc/tfj);"
        + " choose another folder"), proc.err().strip().lines().toList());
  }
}
