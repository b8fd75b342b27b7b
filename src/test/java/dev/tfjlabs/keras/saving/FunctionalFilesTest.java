package dev.tfjlabs.keras.saving;

import static dev.tfjlabs.keras.KerasReference.affine;
import static dev.tfjlabs.keras.TestData.assertClose;
import static dev.tfjlabs.keras.TestData.flat;
import static dev.tfjlabs.keras.TestData.matrix;
import static dev.tfjlabs.keras.TestData.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tfjlabs.keras.config.KerasVersion;
import dev.tfjlabs.keras.config.Source;
import dev.tfjlabs.keras.data.FloatArray;
import dev.tfjlabs.keras.layers.Activation;
import dev.tfjlabs.keras.layers.Dense;
import dev.tfjlabs.keras.layers.Input;
import dev.tfjlabs.keras.layers.KerasTensor;
import dev.tfjlabs.keras.layers.Layer;
import dev.tfjlabs.keras.layers.merging.Add;
import dev.tfjlabs.keras.layers.merging.Concatenate;
import dev.tfjlabs.keras.losses.MeanSquaredError;
import dev.tfjlabs.keras.losses.SparseCategoricalCrossentropy;
import dev.tfjlabs.keras.models.FitOptions;
import dev.tfjlabs.keras.models.Model;
import dev.tfjlabs.keras.optimizers.Adam;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Functional models in files: the configs tf.keras 2 ({@code Model}, nested-list inbound nodes)
 * and Keras 3 ({@code Functional}, {@code __keras_tensor__} arguments) write, against
 * plain-Java passes of the weights given; and a {@code .keras} save of a two-input two-output
 * model with a shared layer, in Keras's layout, that reloads with the same predictions, losses
 * and optimizer state.
 */
class FunctionalFilesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Source KERAS_2 = new Source(KerasVersion.of("2.2.5", "tensorflow"));
  private static final Source KERAS_3 = new Source(KerasVersion.CURRENT);

  private static String dense(String name, int units, String activation) {
    return "{\"name\": \"" + name + "\", \"trainable\": true, \"units\": " + units
        + ", \"activation\": \"" + activation + "\", \"use_bias\": true, \"kernel_initializer\":"
        + " {\"class_name\": \"VarianceScaling\", \"config\": {\"scale\": 1.0, \"mode\":"
        + " \"fan_avg\", \"distribution\": \"uniform\", \"seed\": null}}, \"bias_initializer\":"
        + " {\"class_name\": \"Zeros\", \"config\": {}}, \"kernel_regularizer\": null,"
        + " \"bias_regularizer\": null, \"activity_regularizer\": null, \"kernel_constraint\":"
        + " null, \"bias_constraint\": null}";
  }

  /** tf.keras 2.2.5's layout: class Model, a layer whose input comes later in the list. */
  private static final String KERAS_2_MODEL = "{\"class_name\": \"Model\", \"config\": {\"name\":"
      + " \"model_1\", \"layers\": ["
      + "{\"name\": \"input_1\", \"class_name\": \"InputLayer\", \"config\": {\"batch_input_shape\":"
      + " [null, 3], \"dtype\": \"float32\", \"sparse\": false, \"name\": \"input_1\"},"
      + " \"inbound_nodes\": []},"
      + "{\"name\": \"dense_1\", \"class_name\": \"Dense\", \"config\": " + dense("dense_1", 2, "tanh")
      + ", \"inbound_nodes\": [[[\"input_1\", 0, 0, {}]]]},"
      + "{\"name\": \"concatenate_1\", \"class_name\": \"Concatenate\", \"config\": {\"name\":"
      + " \"concatenate_1\", \"trainable\": true, \"axis\": -1}, \"inbound_nodes\":"
      + " [[[\"dense_1\", 0, 0, {}], [\"input_2\", 0, 0, {}]]]},"
      + "{\"name\": \"input_2\", \"class_name\": \"InputLayer\", \"config\": {\"batch_input_shape\":"
      + " [null, 2], \"dtype\": \"float32\", \"sparse\": false, \"name\": \"input_2\"},"
      + " \"inbound_nodes\": []},"
      + "{\"name\": \"dense_2\", \"class_name\": \"Dense\", \"config\": " + dense("dense_2", 1, "linear")
      + ", \"inbound_nodes\": [[[\"concatenate_1\", 0, 0, {}]]]}],"
      + " \"input_layers\": [[\"input_1\", 0, 0], [\"input_2\", 0, 0]],"
      + " \"output_layers\": [[\"dense_2\", 0, 0]]}}";

  private static String kerasTensor(String layer, int node) {
    return "{\"class_name\": \"__keras_tensor__\", \"config\": {\"shape\": [null, 2], \"dtype\":"
        + " \"float32\", \"keras_history\": [\"" + layer + "\", " + node + ", 0]}}";
  }

  /** Keras 3's layout: a Dense called twice (its second call is node 1), summed with Add. */
  private static final String KERAS_3_MODEL = "{\"module\": \"keras.src.models.functional\","
      + " \"class_name\": \"Functional\", \"config\": {\"name\": \"twice\", \"trainable\": true,"
      + " \"layers\": ["
      + "{\"module\": \"keras.layers\", \"class_name\": \"InputLayer\", \"config\":"
      + " {\"batch_shape\": [null, 2], \"dtype\": \"float32\", \"sparse\": false, \"name\":"
      + " \"input_layer\"}, \"registered_name\": null, \"name\": \"input_layer\","
      + " \"inbound_nodes\": []},"
      + "{\"module\": \"keras.layers\", \"class_name\": \"Dense\", \"config\": {\"name\": \"dense\","
      + " \"trainable\": true, \"dtype\": {\"module\": \"keras\", \"class_name\": \"DTypePolicy\","
      + " \"config\": {\"name\": \"float32\"}, \"registered_name\": null}, \"units\": 2,"
      + " \"activation\": \"linear\", \"use_bias\": true, \"kernel_initializer\": {\"module\":"
      + " \"keras.initializers\", \"class_name\": \"GlorotUniform\", \"config\": {\"seed\": null},"
      + " \"registered_name\": null}, \"bias_initializer\": {\"module\": \"keras.initializers\","
      + " \"class_name\": \"Zeros\", \"config\": {}, \"registered_name\": null},"
      + " \"kernel_regularizer\": null, \"bias_regularizer\": null, \"kernel_constraint\": null,"
      + " \"bias_constraint\": null}, \"registered_name\": null, \"build_config\":"
      + " {\"input_shape\": [null, 2]}, \"name\": \"dense\", \"inbound_nodes\": ["
      + "{\"args\": [" + kerasTensor("input_layer", 0) + "], \"kwargs\": {}},"
      + "{\"args\": [" + kerasTensor("dense", 0) + "], \"kwargs\": {}}]},"
      + "{\"module\": \"keras.layers\", \"class_name\": \"Add\", \"config\": {\"name\": \"add\","
      + " \"trainable\": true, \"dtype\": \"float32\"}, \"registered_name\": null,"
      + " \"build_config\": {\"input_shape\": [[null, 2], [null, 2]]}, \"name\": \"add\","
      + " \"inbound_nodes\": [{\"args\": [[" + kerasTensor("dense", 0) + ", "
      + kerasTensor("dense", 1) + "]], \"kwargs\": {}}]}],"
      + " \"input_layers\": [[\"input_layer\", 0, 0]], \"output_layers\": [[\"add\", 0, 0]]},"
      + " \"registered_name\": \"Functional\", \"build_config\": {\"input_shape\": null}}";

  private static double[][] map(double[][] z, java.util.function.DoubleUnaryOperator f) {
    double[][] out = new double[z.length][];
    for (int n = 0; n < z.length; n++) {
      out[n] = java.util.Arrays.stream(z[n]).map(f).toArray();
    }
    return out;
  }

  @Test
  void tfKeras2sFunctionalConfigConnectsItsLayersAsWritten() throws Exception {
    try (Model m = KerasConfig.modelFromConfig(JSON.readTree(KERAS_2_MODEL), KERAS_2)) {
      assertEquals("model_1", m.name());
      assertEquals(List.of("input_1", "input_2"), m.inputs().stream()
          .map(t -> t.layer().name()).toList());
      assertEquals(List.of("dense_2"), m.outputNames());
      List<float[]> w = List.of(uniform(1, 0.8, 3, 2).values(), uniform(2, 0.3, 2).values(),
          uniform(3, 0.8, 4, 1).values(), uniform(4, 0.3, 1).values());
      m.setWeights(w);
      FloatArray a = uniform(5, 1.0, 4, 3);
      FloatArray b = uniform(6, 1.0, 4, 2);
      double[][] h = map(affine(matrix(a), w.get(0), w.get(1), 2), Math::tanh);
      double[][] joined = new double[4][4];
      for (int n = 0; n < 4; n++) {
        joined[n] = new double[] {h[n][0], h[n][1], b.values()[2 * n], b.values()[2 * n + 1]};
      }
      assertClose(flat(affine(joined, w.get(2), w.get(3), 1)),
          m.predict(List.of(a, b), 4).get(0).values(), 1e-5);
    }
  }

  @Test
  void keras3sFunctionalConfigSharesALayerCalledTwice() throws Exception {
    try (Model m = KerasConfig.modelFromConfig(JSON.readTree(KERAS_3_MODEL), KERAS_3)) {
      Layer dense = m.getLayer("dense");
      assertEquals(2, dense.inboundNodes().size());
      assertEquals(6, m.countParams());
      float[] k = uniform(7, 0.8, 2, 2).values();
      float[] bias = uniform(8, 0.3, 2).values();
      m.setWeights(List.of(k, bias));
      FloatArray x = uniform(9, 1.0, 3, 2);
      double[][] once = affine(matrix(x), k, bias, 2);
      double[][] twice = affine(once, k, bias, 2);
      double[] expected = new double[6];
      for (int i = 0; i < 6; i++) {
        expected[i] = once[i / 2][i % 2] + twice[i / 2][i % 2];
      }
      assertClose(expected, m.predict(x, 3).values(), 1e-5);
    }
  }

  @Test
  void configsThatCannotBeConnectedAreRefusedInOneLine() throws Exception {
    String unknown = KERAS_3_MODEL.replace("\"keras_history\": [\"input_layer\", 0, 0]",
            "\"keras_history\": [\"nowhere\", 0, 0]");
    var e = assertThrows(IllegalArgumentException.class,
        () -> KerasConfig.modelFromConfig(JSON.readTree(unknown), KERAS_3));
    assertEquals("dense reads layer nowhere, which the model config does not hold",
        e.getMessage());
    String kwargs = KERAS_3_MODEL.replaceFirst("\"kwargs\": \\{\\}",
        "\"kwargs\": {\"initial_state\": [1]}");
    e = assertThrows(IllegalArgumentException.class,
        () -> KerasConfig.modelFromConfig(JSON.readTree(kwargs), KERAS_3));
    assertEquals("layer dense (Dense): calling it with initial_state is not supported",
        e.getMessage());
    String subclassed = "{\"class_name\": \"MyModel\", \"config\": {}}";
    e = assertThrows(IllegalArgumentException.class,
        () -> KerasConfig.modelFromConfig(JSON.readTree(subclassed), KERAS_3));
    assertTrue(e.getMessage().startsWith("model class MyModel is not a Keras model class"),
        e.getMessage());
  }

  /**
   * Two inputs, a Dense used by both branches, two heads: saved compiled and trained, the file
   * has Keras 3's layout and loads back with the same predictions, losses, weights and Adam
   * state.
   */
  @Test
  void aFunctionalModelSavesAsKerasLaysItOutAndReloads(@TempDir Path tmp) throws Exception {
    KerasTensor left = Input.of("left", 3);
    KerasTensor right = Input.of("right", 3);
    Dense shared = Dense.builder(4).activation(Activation.RELU).name("shared").build();
    KerasTensor sum = new Add("sum").apply(shared.apply(left), shared.apply(right));
    KerasTensor value = Dense.builder(1).name("value").build().apply(sum);
    KerasTensor label = Dense.builder(3).activation(Activation.SOFTMAX).name("label").build()
        .apply(new Concatenate("both").apply(sum, right));
    FloatArray a = uniform(11, 1.0, 8, 3);
    FloatArray b = uniform(12, 1.0, 8, 3);
    FloatArray target = uniform(13, 1.0, 8, 1);
    FloatArray classes = new FloatArray(new float[] {0, 1, 2, 0, 1, 2, 0, 1}, 8);
    Path file = tmp.resolve("heads.keras");
    List<FloatArray> before;
    List<float[]> weights;
    try (Model m = new Model(List.of(left, right), List.of(value, label), "heads")) {
      m.compile(new Adam(0.01), List.of(new MeanSquaredError(),
          new SparseCategoricalCrossentropy()), List.of(1.0, 0.5),
          List.of(List.of(), List.of("accuracy")));
      m.fit(List.of(a, b), List.of(target, classes), FitOptions.defaults().batchSize(4)
          .epochs(2).verbose(false));
      before = m.predict(List.of(a, b), 8);
      weights = m.getWeights();
      KerasFile.save(m, file);
    }
    try (ZipFile zip = new ZipFile(file.toFile())) {
      JsonNode config = JSON.readTree(zip.getInputStream(zip.getEntry("config.json")));
      assertEquals("Functional", config.path("class_name").asText());
      JsonNode c = config.path("config");
      assertEquals("[[\"left\",0,0],[\"right\",0,0]]", c.path("input_layers").toString());
      assertEquals("[[\"value\",0,0],[\"label\",0,0]]", c.path("output_layers").toString());
      JsonNode sharedEntry = null;
      for (JsonNode l : c.path("layers")) {
        if (l.path("name").asText().equals("shared")) {
          sharedEntry = l;
        }
      }
      assertEquals(2, sharedEntry.path("inbound_nodes").size());
      JsonNode arg = sharedEntry.path("inbound_nodes").get(1).path("args").get(0);
      assertEquals("__keras_tensor__", arg.path("class_name").asText());
      assertEquals("[\"right\",0,0]", arg.path("config").path("keras_history").toString());
      assertEquals("[null,3]", arg.path("config").path("shape").toString());
      JsonNode compile = config.path("compile_config");
      assertEquals("[1.0,0.5]", compile.path("loss_weights").toString());
      assertEquals(2, compile.path("loss").size());
      // weights under layers/<snake class name>[_n] in model.layers order, Keras's shapes
      byte[] h5 = zip.getInputStream(zip.getEntry("model.weights.h5")).readAllBytes();
      try (HdfFile f = HdfFile.fromBytes(h5)) {
        assertArrayEquals(new int[] {3, 4},
            ((Dataset) f.getByPath("layers/dense/vars/0")).getDimensions());
        assertArrayEquals(new int[] {4, 1},
            ((Dataset) f.getByPath("layers/dense_1/vars/0")).getDimensions());
        assertArrayEquals(new int[] {7, 3},
            ((Dataset) f.getByPath("layers/dense_2/vars/0")).getDimensions());
      }
    }
    try (Model back = KerasFile.load(file)) {
      assertEquals(List.of("value", "label"), back.outputNames());
      assertEquals(2, back.getLayer("shared").inboundNodes().size());
      List<float[]> loaded = back.getWeights();
      for (int i = 0; i < weights.size(); i++) {
        assertArrayEquals(weights.get(i), loaded.get(i));
      }
      List<FloatArray> after = back.predict(List.of(a, b), 8);
      assertArrayEquals(before.get(0).values(), after.get(0).values());
      assertArrayEquals(before.get(1).values(), after.get(1).values());
      assertEquals(4, back.optimizerIterations());
      assertEquals(List.of(1.0, 0.5), back.lossWeights());
      var logs = back.evaluate(List.of(a, b), List.of(target, classes), 8);
      assertTrue(logs.containsKey("label_accuracy") && logs.containsKey("value_loss"),
          logs.toString());
    }
    assertTrue(Files.size(file) > 0);
  }

  /**
   * An LSTM called with initial states and returning its own: saved as Keras 3 writes such a
   * call ({@code initial_state} among the keyword arguments) and reloaded with the same outputs.
   */
  @Test
  void aRecurrentLayersInitialStatesGoThroughTheFileAsKerasWritesThem(@TempDir Path tmp)
      throws Exception {
    KerasTensor x = Input.of("x", 4, 2);
    KerasTensor h = Input.of("h", 3);
    KerasTensor c = Input.of("c", 3);
    List<KerasTensor> out = dev.tfjlabs.keras.layers.rnn.LSTM.builder(3).returnState(true)
        .name("lstm").build().applyAll(List.of(x, h, c));
    List<FloatArray> data = List.of(uniform(21, 1, 2, 4, 2), uniform(22, 1, 2, 3),
        uniform(23, 1, 2, 3));
    Path file = tmp.resolve("states.keras");
    List<FloatArray> before;
    try (Model m = new Model(List.of(x, h, c), out, "states")) {
      before = m.predict(data, 2);
      KerasFile.save(m, file);
    }
    try (ZipFile zip = new ZipFile(file.toFile())) {
      JsonNode config = JSON.readTree(zip.getInputStream(zip.getEntry("config.json")));
      JsonNode lstm = config.path("config").path("layers").get(3);
      assertEquals("lstm", lstm.path("name").asText());
      JsonNode node = lstm.path("inbound_nodes").get(0);
      assertEquals("[\"x\",0,0]", node.path("args").get(0).path("config")
          .path("keras_history").toString());
      assertEquals(2, node.path("kwargs").path("initial_state").size());
    }
    try (Model back = KerasFile.load(file)) {
      List<FloatArray> after = back.predict(data, 2);
      for (int i = 0; i < 3; i++) {
        assertArrayEquals(before.get(i).values(), after.get(i).values());
      }
    }
  }

  /** A Bidirectional GRU called with both directions' initial states goes through the file. */
  @Test
  void aBidirectionalsInitialStatesGoThroughTheFile(@TempDir Path tmp) throws Exception {
    KerasTensor x = Input.of("x", 4, 2);
    KerasTensor hf = Input.of("hf", 3);
    KerasTensor hb = Input.of("hb", 3);
    KerasTensor out = new dev.tfjlabs.keras.layers.rnn.Bidirectional(
        dev.tfjlabs.keras.layers.rnn.GRU.builder(3).build(), "bi").applyAll(List.of(x, hf, hb))
        .get(0);
    List<FloatArray> data = List.of(uniform(24, 1, 2, 4, 2), uniform(25, 1, 2, 3),
        uniform(26, 1, 2, 3));
    Path file = tmp.resolve("bi-states.keras");
    float[] before;
    float[] zeroStates;
    try (Model m = new Model(List.of(x, hf, hb), List.of(out), "bi_states")) {
      before = m.predict(data, 2).get(0).values();
      zeroStates = m.predict(List.of(data.get(0), uniform(27, 0, 2, 3), uniform(28, 0, 2, 3)), 2)
          .get(0).values();
      KerasFile.save(m, file);
    }
    assertFalse(java.util.Arrays.equals(before, zeroStates), "the states count");
    try (Model back = KerasFile.load(file)) {
      assertArrayEquals(before, back.predict(data, 2).get(0).values());
    }
  }

  /**
   * Keras's dict outputs: the keys name the outputs (History, compile by name, the file's
   * output_layers dict), and the names come back from the file.
   */
  @Test
  void outputsNamedByADictKeepTheirNamesThroughTheFile(@TempDir Path tmp) throws Exception {
    KerasTensor x = Input.of("x", 2);
    KerasTensor a = Dense.builder(1).name("dense_a").build().apply(x);
    KerasTensor b = Dense.builder(2).name("dense_b").build().apply(x);
    Map<String, KerasTensor> outs = new java.util.LinkedHashMap<>();
    outs.put("price", a);
    outs.put("kind", b);
    Path file = tmp.resolve("dict.keras");
    try (Model m = new Model(Map.of("x", x), outs, "dict")) {
      assertEquals(List.of("price", "kind"), m.outputNames());
      m.compile(new Adam(0.01), Map.of("price", new MeanSquaredError(), "kind",
          new MeanSquaredError()), Map.of(), Map.of());
      var h = m.fit(List.of(uniform(31, 1, 4, 2)), List.of(uniform(32, 1, 4, 1),
          uniform(33, 1, 4, 2)), FitOptions.defaults().batchSize(4).verbose(false));
      assertTrue(h.history().containsKey("price_loss") && h.history().containsKey("kind_loss"),
          h.history().keySet().toString());
      KerasFile.save(m, file);
      var e = assertThrows(IllegalArgumentException.class,
          () -> new Model(Map.of("y", x), outs, "bad"));
      assertTrue(e.getMessage().contains("input layer x"), e.getMessage());
    }
    try (ZipFile zip = new ZipFile(file.toFile())) {
      JsonNode config = JSON.readTree(zip.getInputStream(zip.getEntry("config.json")));
      assertEquals("{\"price\":[\"dense_a\",0,0],\"kind\":[\"dense_b\",0,0]}",
          config.path("config").path("output_layers").toString());
    }
    try (Model back = KerasFile.load(file)) {
      assertEquals(List.of("price", "kind"), back.outputNames());
    }
  }
}
