package dev.tfjlabs.keras.saving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tfjlabs.Fixtures;
import dev.tfjlabs.keras.TestData;
import dev.tfjlabs.keras.config.Config;
import dev.tfjlabs.keras.config.KerasVersion;
import dev.tfjlabs.keras.config.Source;
import dev.tfjlabs.keras.data.FloatArray;
import dev.tfjlabs.keras.layers.Activation;
import dev.tfjlabs.keras.layers.CategoryEncoding;
import dev.tfjlabs.keras.layers.Conv2D;
import dev.tfjlabs.keras.layers.Dense;
import dev.tfjlabs.keras.layers.Dropout;
import dev.tfjlabs.keras.layers.Embedding;
import dev.tfjlabs.keras.layers.Flatten;
import dev.tfjlabs.keras.layers.MaxPooling2D;
import dev.tfjlabs.keras.layers.rnn.Bidirectional;
import dev.tfjlabs.keras.layers.rnn.GRU;
import dev.tfjlabs.keras.layers.rnn.LSTM;
import dev.tfjlabs.keras.layers.rnn.SimpleRNN;
import dev.tfjlabs.keras.losses.SparseCategoricalCrossentropy;
import dev.tfjlabs.keras.models.FitOptions;
import dev.tfjlabs.keras.models.Model;
import dev.tfjlabs.keras.models.Sequential;
import dev.tfjlabs.keras.optimizers.Adam;
import dev.tfjlabs.keras.optimizers.Optimizer;
import dev.tfjlabs.keras.optimizers.RMSprop;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code model.save("x.keras")}: Keras 3's layout, and what loads back. */
class KerasSaveTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  /** The course's CNN (notebook 004, 5a), built with this library. */
  private static Sequential courseCnn() {
    return new Sequential("sequential", 28, 28, 1)
        .add(new Conv2D(32, 3, Activation.RELU, "same")).add(new MaxPooling2D(2))
        .add(new Conv2D(64, 3, Activation.RELU, "same")).add(new MaxPooling2D(2))
        .add(new Flatten()).add(new Dense(100, Activation.RELU)).add(new Dropout(0.4))
        .add(new Dense(10, Activation.SOFTMAX));
  }

  private static JsonNode zipJson(Path file, String entry) throws Exception {
    try (ZipFile zip = new ZipFile(file.toFile());
        InputStream in = zip.getInputStream(zip.getEntry(entry))) {
      return JSON.readTree(in);
    }
  }

  /** path -> "shape dtype" of every dataset below {@code group} in a .keras file's weights. */
  private static Map<String, String> datasets(Path file, String group) throws Exception {
    byte[] h5;
    try (ZipFile zip = new ZipFile(file.toFile());
        InputStream in = zip.getInputStream(zip.getEntry("model.weights.h5"))) {
      h5 = in.readAllBytes();
    }
    Map<String, String> out = new TreeMap<>();
    try (HdfFile f = HdfFile.fromBytes(h5)) {
      collect((Group) f.getByPath(group), out);
    }
    return out;
  }

  private static void collect(Group g, Map<String, String> out) {
    for (Node n : g.getChildren().values()) {
      if (n instanceof Dataset d) {
        out.put(d.getPath(), java.util.Arrays.toString(d.getDimensions()) + " "
            + d.getJavaType());
      } else if (n instanceof Group child) {
        collect(child, out);
      }
    }
  }

  private static TreeSet<String> keys(JsonNode n) {
    TreeSet<String> keys = new TreeSet<>();
    Iterator<String> it = n.fieldNames();
    it.forEachRemaining(keys::add);
    return keys;
  }

  @Test
  void theCourseCnnIsWrittenAsKeras3WritesIt() throws Exception {
    Path fixture = Fixtures.keras("hg-mldl/best-cnn-model.keras");
    Path saved = tmp.resolve("cnn.keras");
    try (Sequential m = courseCnn()) {
      m.compile(new Adam(), new SparseCategoricalCrossentropy(), "accuracy");
      KerasFile.save(m, saved);
    }
    JsonNode ours = zipJson(saved, "config.json");
    JsonNode theirs = zipJson(fixture, "config.json");
    assertEquals(keys(theirs), keys(ours));
    assertEquals(keys(theirs.get("config")), keys(ours.get("config")));
    assertEquals(keys(theirs.get("compile_config")), keys(ours.get("compile_config")));
    assertEquals(keys(theirs.at("/compile_config/optimizer/config")),
        keys(ours.at("/compile_config/optimizer/config")));
    JsonNode ourLayers = ours.at("/config/layers");
    JsonNode theirLayers = theirs.at("/config/layers");
    assertEquals(theirLayers.size(), ourLayers.size());
    for (int i = 0; i < theirLayers.size(); i++) {
      JsonNode a = theirLayers.get(i);
      JsonNode b = ourLayers.get(i);
      assertEquals(a.get("class_name"), b.get("class_name"));
      assertEquals(keys(a), keys(b), "entry keys of layer " + i);
      assertEquals(keys(a.get("config")), keys(b.get("config")), "config of layer " + i);
      for (String k : List.of("name", "filters", "kernel_size", "strides", "padding", "units",
          "activation", "pool_size", "rate", "batch_shape")) {
        assertEquals(a.at("/config/" + k), b.at("/config/" + k), k + " of layer " + i);
      }
      assertEquals(a.get("build_config"), b.get("build_config"), "build_config of layer " + i);
    }
    assertEquals(datasets(fixture, "layers"), datasets(saved, "layers"));
    // iterations (int64), learning_rate (float32), then m and v of each weight, as Keras 3's Adam
    assertEquals(datasets(fixture, "optimizer"), datasets(saved, "optimizer"));
    assertEquals(keys(zipJson(fixture, "metadata.json")), keys(zipJson(saved, "metadata.json")));
  }

  @Test
  void whatIsSavedLoadsBackAndPredictsTheSame() throws Exception {
    FloatArray x = TestData.uniform(3, 1.0, 4, 28, 28, 1);
    Path saved = tmp.resolve("cnn.keras");
    float[] before;
    try (Sequential m = courseCnn().seed(7)) {
      m.compile(new Adam(0.002), new SparseCategoricalCrossentropy(), "accuracy");
      before = m.predict(x, 4).values();
      KerasFile.save(m, saved);
    }
    try (Model back = KerasFile.load(saved)) {
      assertArrayEquals(before, back.predict(x, 4).values());
      assertEquals(0.002, back.optimizer().learningRate(), 1e-9);
    }
  }

  /** The lab models' layers, saved and rebuilt from their config alone. */
  @Test
  void recurrentModelsRoundTrip() throws Exception {
    List<Sequential> models = List.of(
        new Sequential("bilstm", 28, 28).add(new Bidirectional(new LSTM(16)))
            .add(new Dense(10, Activation.SOFTMAX)),
        new Sequential("imdb", 100).add(new Embedding(500, 16))
            .add(LSTM.builder(8).dropout(0.3).returnSequences(true).build())
            .add(GRU.builder(8).dropout(0.3).build()).add(new Dense(1, Activation.SIGMOID)),
        new Sequential("onehot", 100).add(new CategoryEncoding(500)).add(new SimpleRNN(8))
            .add(new Dense(1, Activation.SIGMOID)),
        new Sequential("gru-before", 6, 3).add(GRU.builder(4).resetAfter(false).build()));
    for (Sequential m : models) {
      FloatArray x = m.name().equals("imdb") || m.name().equals("onehot")
          ? new FloatArray(new float[] {0, 5, 17, 499, 3, 1, 2, 250}, 1, 8).reshape(1, 8)
          : TestData.uniform(5, 1.0, 2, m.inputShape()[0], m.inputShape()[1]);
      if (m.name().equals("imdb") || m.name().equals("onehot")) {
        float[] ids = new float[200];
        for (int i = 0; i < ids.length; i++) {
          ids[i] = (i * 37) % 500;
        }
        x = new FloatArray(ids, 2, 100);
      }
      Path saved = tmp.resolve(m.name() + ".keras");
      try (m) {
        float[] before = m.predict(x, 2).values();
        KerasFile.save(m, saved);
        try (Model back = KerasFile.load(saved)) {
          assertEquals(m.summary(), back.summary(), m.name());
          assertArrayEquals(before, back.predict(x, 2).values(), m.name());
        }
      }
    }
  }

  /**
   * PyTorch-style layers (fashion-rnn-gru's): saved as the Keras layers they equal, the second
   * bias summed into the first; the Keras file predicts what the model did.
   */
  @Test
  void pytorchStyleLayersSaveAsTheirKerasEquivalents() throws Exception {
    FloatArray x = TestData.uniform(9, 1.0, 2, 7, 5);
    try (Sequential m = new Sequential("torch", 7, 5).seed(3)
        .add(SimpleRNN.builder(6).pytorch().returnSequences(true).build())
        .add(LSTM.builder(4).pytorch().returnSequences(true).build())
        .add(GRU.builder(4).pytorch().build()).add(new Dense(3))) {
      float[] before = m.predict(x, 2).values();
      Path saved = tmp.resolve("torch.keras");
      KerasFile.save(m, saved);
      try (Model back = KerasFile.load(saved)) {
        float[] after = back.predict(x, 2).values();
        for (int i = 0; i < before.length; i++) {
          assertEquals(before[i], after[i], 1e-6, "output " + i);
        }
        // Keras's parameter counts: one bias vector each (6 + 16 fewer than PyTorch's)
        assertEquals(m.countParams() - 6 - 16, back.countParams());
      }
    }
  }

  /** Two blobs of three classes; a model with dropout, so masks and shuffles must match too. */
  private static Sequential small(Optimizer optimizer) {
    Sequential m = new Sequential("resume", 4).seed(11).add(new Dense(8, Activation.RELU))
        .add(new Dropout(0.3)).add(new Dense(3, Activation.SOFTMAX));
    m.compile(optimizer, new SparseCategoricalCrossentropy(), "accuracy");
    return m;
  }

  private static void resumes(java.util.function.Supplier<Optimizer> optimizer, Path tmp)
      throws Exception {
    FloatArray x = TestData.uniform(21, 1.0, 40, 4);
    float[] labels = new float[40];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = i % 3;
    }
    FloatArray y = FloatArray.of(labels);
    FitOptions two = FitOptions.defaults().batchSize(8).epochs(2).seed(5).verbose(false);
    List<float[]> straight;
    try (Sequential m = small(optimizer.get())) {
      m.fit(x, y, two);
      straight = m.getWeights();
    }
    Path saved = tmp.resolve("after-one-epoch.keras");
    try (Sequential m = small(optimizer.get())) {
      m.fit(x, y, FitOptions.defaults().batchSize(8).epochs(1).seed(5).verbose(false));
      KerasFile.save(m, saved);
    }
    try (Model back = KerasFile.load(saved)) {
      assertEquals(5, back.optimizerIterations(), "5 steps of 8 in the first epoch");
      back.fit(x, y, FitOptions.defaults().batchSize(8).epochs(2).initialEpoch(1).seed(5)
          .verbose(false));
      List<float[]> resumed = back.getWeights();
      for (int i = 0; i < straight.size(); i++) {
        for (int j = 0; j < straight.get(i).length; j++) {
          assertEquals(straight.get(i)[j], resumed.get(i)[j], 1e-6, "weight " + i + "[" + j + "]");
        }
      }
    }
  }

  @Test
  void trainingResumedFromAKerasFileRepeatsTheUninterruptedRunWithAdam() throws Exception {
    resumes(() -> new Adam(0.01), tmp);
  }

  @Test
  void trainingResumedFromAKerasFileRepeatsTheUninterruptedRunWithRmsprop() throws Exception {
    resumes(() -> new RMSprop(0.01, 0.9, 0.5, 1e-7, true), tmp);
  }

  @Test
  void theCoursesKerasFileRestoresItsOptimizer() throws Exception {
    Path fixture = Fixtures.keras("hg-mldl/best-cnn-model.keras");
    byte[] h5;
    try (ZipFile zip = new ZipFile(fixture.toFile());
        InputStream in = zip.getInputStream(zip.getEntry("model.weights.h5"))) {
      h5 = in.readAllBytes();
    }
    try (HdfFile f = HdfFile.fromBytes(h5); Model m = KerasFile.load(fixture)) {
      long iterations = ((Number) ((Dataset) f.getByPath("optimizer/vars/0")).getData())
          .longValue();
      assertEquals(iterations, m.optimizerIterations());
      List<float[]> slots = m.getOptimizerSlots();
      assertEquals(16, slots.size());
      for (int i = 0; i < slots.size(); i++) {
        assertArrayEquals((float[]) ((Dataset) f.getByPath("optimizer/vars/" + (i + 2)))
            .getDataFlat(), slots.get(i), "optimizer variable " + (i + 2));
      }
    }
  }

  private static final Source KERAS_3 = new Source(KerasVersion.CURRENT);

  @Test
  void anUnknownArgumentOrClassIsRefusedNamingTheLayer() {
    JsonNode lora = Config.parse("{\"units\": 4, \"lora_rank\": 4, \"name\": \"l\"}");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> KerasLayers.REGISTRY.build("Dense", lora, KERAS_3));
    assertEquals("layer l (Dense): lora_rank=4 is not supported", e.getMessage());
    JsonNode unknown = Config.parse("{\"units\": 4, \"name\": \"d\", \"wobble\": 1}");
    e = assertThrows(IllegalArgumentException.class,
        () -> KerasLayers.REGISTRY.build("Dense", unknown, KERAS_3));
    assertEquals("layer d (Dense): unknown argument wobble", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> KerasLayers.REGISTRY.build("ConvLSTM2D", unknown, KERAS_3));
    assertTrue(e.getMessage().startsWith("layer class ConvLSTM2D is not supported"));
  }

  @Test
  void aTruncatedKerasFileIsRefusedInOneLine() throws Exception {
    Path saved = tmp.resolve("cnn.keras");
    try (Sequential m = courseCnn()) {
      KerasFile.save(m, saved);
    }
    byte[] all = java.nio.file.Files.readAllBytes(saved);
    Path cut = tmp.resolve("cut.keras");
    java.nio.file.Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> KerasFile.load(cut));
    assertTrue(e.getMessage().startsWith(cut + ": not a complete .keras file"), e.getMessage());
  }
}
