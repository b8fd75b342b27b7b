package dev.tfjlabs.keras.saving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tfjlabs.Fixtures;
import dev.tfjlabs.keras.data.FloatArray;
import dev.tfjlabs.keras.models.Model;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * DeepLearning4J's Keras 2.3.1 test cases of the layers beyond the recurrent and dense ones
 * ({@code ../shared/keras-fixtures/dl4j/}): Conv1D in every kernel, stride, dilation, padding
 * and data format, causal Conv1D, the activation layers, and a CNN with BatchNormalization. Each file loads and predicts what
 * Keras computed for its stored inputs ({@code predictions/}), to 1e-5 of the output's scale;
 * every case of a folder is run, and a folder with fewer cases than DeepLearning4J's fails.
 */
class Dl4jLayersTest {

  /** The {@code *_model.h5} files of a fixture folder, which must hold {@code expected}. */
  private static List<Path> cases(String folder, int expected) throws IOException {
    Path dir = Fixtures.KERAS.resolve("dl4j").resolve(folder);
    Fixtures.require(Files.isDirectory(dir), dir.toString());
    List<Path> models;
    try (Stream<Path> s = Files.list(dir)) {
      models = s.filter(p -> p.getFileName().toString().endsWith("_model.h5")).sorted().toList();
    }
    assertEquals(expected, models.size(), dir + " cases");
    return models;
  }

  private static FloatArray only(HdfFile h5, String group) {
    Dataset d = (Dataset) ((Group) h5.getByPath(group)).getChildren().values().iterator().next();
    return new FloatArray((float[]) d.getDataFlat(), d.getDimensions());
  }

  /** Loads {@code model}, predicts its pair file's inputs, compares with Keras's predictions. */
  private static void predictsWhatKerasComputed(Path model) {
    String name = model.getFileName().toString();
    Path pair = model.resolveSibling(name.replace("_model.h5", "_inputs_and_outputs.h5"));
    try (HdfFile io = new HdfFile(pair); Model m = KerasFile.load(model)) {
      FloatArray x = only(io, "inputs");
      FloatArray want = only(io, "predictions");
      FloatArray got = m.predict(x, x.rows());
      assertEquals(java.util.Arrays.toString(want.shape()), java.util.Arrays.toString(got.shape()),
          name);
      double scale = 0;
      for (float v : want.values()) {
        scale = Math.max(scale, Math.abs(v));
      }
      for (int i = 0; i < want.values().length; i++) {
        assertEquals(want.values()[i], got.values()[i], 1e-5 * Math.max(scale, 1e-3),
            name + " output " + i);
      }
    }
  }

  @Test
  void everyConv1dCaseOfKeras231() throws IOException {
    List<Path> all = cases("conv1d", 48);
    all.forEach(Dl4jLayersTest::predictsWhatKerasComputed);
    assertTrue(all.stream().anyMatch(p -> p.toString().contains("_cf_")), "channels_first");
  }

  @Test
  void everyCausalConv1dCase() throws IOException {
    cases("causal_conv1d", 12).forEach(Dl4jLayersTest::predictsWhatKerasComputed);
  }

  @Test
  void everyActivationLayerCase() throws IOException {
    cases("activations", 8).forEach(Dl4jLayersTest::predictsWhatKerasComputed);
  }

  @Test
  void denseWithAnActivationLayer() throws IOException {
    cases("simple_sparse_xent", 1).forEach(Dl4jLayersTest::predictsWhatKerasComputed);
  }

  /** Keras 2.1.3's Conv2D, BatchNormalization (moving statistics), Activation, Conv2D, Dense. */
  @Test
  void cnnWithBatchNormalizationOfKeras213() throws IOException {
    cases("cnn_batch_norm", 1).forEach(Dl4jLayersTest::predictsWhatKerasComputed);
  }
}
