package dev.tfjlabs.keras.saving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tfjlabs.Fixtures;
import dev.tfjlabs.keras.data.FloatArray;
import dev.tfjlabs.keras.models.Model;
import dev.tfjlabs.keras.models.Sequential;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files written by Keras 1.2-2.3 ({@code ../shared/keras-fixtures/dl4j/}, DeepLearning4J's
 * Keras-import test cases): bare-list Sequential configs, {@code batch_input_shape},
 * VarianceScaling, Keras 2's {@code hard_sigmoid}, {@code lr}/{@code decay} optimizers. Each
 * predicts what Keras computed for the stored inputs ({@code predictions/}, not the
 * {@code outputs/} labels), to 1e-5 of the output's scale.
 */
class Keras2FilesTest {

  private static Path dl4j(String name) {
    return Fixtures.keras("dl4j/" + name);
  }

  /** The one dataset of group {@code group} with its shape. */
  private static FloatArray only(HdfFile h5, String group) {
    Dataset d = (Dataset) ((Group) h5.getByPath(group)).getChildren().values().iterator().next();
    int[] shape = d.getDimensions();
    return new FloatArray((float[]) d.getDataFlat(), shape);
  }

  private static void predictsWhatKerasComputed(String folder, String name) {
    Path model = dl4j(folder + "/" + name + "_model.h5");
    Path pair = dl4j(folder + "/" + name + "_inputs_and_outputs.h5");
    try (HdfFile io = new HdfFile(pair); Model m = KerasFile.load(model)) {
      FloatArray x = only(io, "inputs");
      float[] want = only(io, "predictions").values();
      float[] got = m.predict(x, x.rows()).values();
      assertEquals(want.length, got.length, name);
      double scale = 0;
      for (float v : want) {
        scale = Math.max(scale, Math.abs(v));
      }
      for (int i = 0; i < want.length; i++) {
        assertEquals(want[i], got[i], 1e-5 * scale, name + " output " + i);
      }
    }
  }

  @Test
  void simpleRnnOfKeras213() {
    predictsWhatKerasComputed("simple_rnn", "simple_rnn_tf_keras_2");
  }

  @Test
  void simpleRnnWithFlattenOfKeras213() {
    predictsWhatKerasComputed("simple_flatten_rnn", "simple_flatten_rnn_tf_keras_2");
  }

  /**
   * Keras 2's hard_sigmoid gates: with Keras 3's definition the outputs (up to 7.1) would be off
   * by up to 0.77.
   */
  @Test
  void lstmWithKeras2HardSigmoidOfKeras213() {
    predictsWhatKerasComputed("simple_flatten_lstm", "simple_flatten_lstm_tf_keras_2");
  }

  /**
   * One time step: the first state is zero, so the recurrent kernel does not reach the loss; its
   * gradient is zero (TensorFlow's AddGradients refuses such a weight), the others train.
   */
  @Test
  void aOneStepRecurrentModelResumesTrainingWithAZeroRecurrentGradient() {
    Path pair = dl4j("simple_rnn/simple_rnn_tf_keras_2_inputs_and_outputs.h5");
    try (HdfFile io = new HdfFile(pair);
        Model m = KerasFile.load(dl4j("simple_rnn/simple_rnn_tf_keras_2_model.h5"))) {
      List<float[]> before = m.getWeights();
      m.trainOnBatch(only(io, "inputs"), only(io, "outputs"));
      List<float[]> after = m.getWeights();
      assertTrue(Arrays.equals(before.get(1), after.get(1)), "recurrent kernel unchanged");
      assertTrue(!Arrays.equals(before.get(0), after.get(0)), "kernel trained");
      assertTrue(!Arrays.equals(before.get(3), after.get(3)), "dense kernel trained");
    }
  }

  /**
   * Saved as a {@code .keras} file (a checkpoint, a convert), a Keras 2 model keeps Keras 2's
   * hard_sigmoid: the file says so in its metadata and reloads predicting what Keras computed.
   */
  @Test
  void aKeras2ModelSavedAsKerasFileKeepsKeras2HardSigmoid(@TempDir Path tmp) throws Exception {
    Path saved = tmp.resolve("lstm.keras");
    try (Model m = KerasFile.load(dl4j(
        "simple_flatten_lstm/simple_flatten_lstm_tf_keras_2_model.h5"))) {
      KerasFile.save(m, saved);
    }
    try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(saved.toFile())) {
      String metadata = new String(zip.getInputStream(zip.getEntry("metadata.json"))
          .readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(metadata.contains("\"hard_sigmoid\":\"keras_2\""), metadata);
    }
    Path pair = dl4j("simple_flatten_lstm/simple_flatten_lstm_tf_keras_2_inputs_and_outputs.h5");
    try (HdfFile io = new HdfFile(pair); Model m = KerasFile.load(saved)) {
      float[] want = only(io, "predictions").values();
      float[] got = m.predict(only(io, "inputs"), 25).values();
      for (int i = 0; i < want.length; i++) {
        assertEquals(want[i], got[i], 1e-5, "output " + i);
      }
    }
  }

  @Test
  void lstmOfKeras206LoadsCompiledFromItsTrainingConfig() {
    try (Model m = KerasFile.load(dl4j("simple_lstm/simple_lstm_tf_keras_2_model.h5"))) {
      assertEquals(List.of("lstm_1", "dense_1"), m.layers().stream().map(l -> l.name())
          .toList());
      assertEquals("RMSprop", m.optimizer().name());
      assertEquals(0.001, m.optimizer().learningRate(), 1e-9);
      assertEquals("mean_squared_error", m.loss().name());
    }
  }

  @Test
  void keras1FilesAreRefusedInOneLineSayingWhichKeras() {
    for (String f : List.of("simple_lstm_tf_keras_1_model.h5", "simple_lstm_th_keras_1_model.h5")) {
      Path p = dl4j("simple_lstm/" + f);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> KerasFile.load(p));
      assertTrue(e.getMessage().startsWith(p + ": written by Keras 1.2.2; "), e.getMessage());
      assertTrue(e.getMessage().contains("Keras 2 (TensorFlow backend)"), e.getMessage());
      assertEquals(1, e.getMessage().lines().count());
    }
  }

  /**
   * Keras 2.0.9 files compiled with each of Keras 2's optimizers ({@code lr}, {@code decay}):
   * each comes back compiled with the file's learning rate, Nadam with one warning line about
   * Keras 2's momentum schedule, which Keras 3 does not have.
   */
  @Test
  void filesCompiledWithKeras2OptimizersLoadAndPredict() {
    for (String opt : List.of("adam", "rmsprop", "sgd", "adadelta", "adagrad", "adamax",
        "nadam")) {
      Path p = dl4j("optimizers/" + opt + ".h5");
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      PrintStream before = System.err;
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      try (Model m = KerasFile.load(p)) {
        String warnings = err.toString(StandardCharsets.UTF_8);
        assertEquals(opt, m.optimizer().name().toLowerCase());
        // Keras 2's defaults: SGD 0.01, Adagrad 0.01, Adamax and Nadam 0.002, Adadelta 1.0
        double lr = switch (opt) {
          case "sgd", "adagrad" -> 0.01;
          case "adamax", "nadam" -> 0.002;
          case "adadelta" -> 1.0;
          default -> 0.001;
        };
        assertEquals(lr, m.optimizer().learningRate(), 1e-9);
        assertEquals(opt.equals("nadam") ? "Warning: " + p + ": the optimizer's"
            + " schedule_decay=0.004 (Keras 2's Nadam momentum schedule, 0.96^(t"
            + " schedule_decay)) is ignored: Keras 3's Nadam uses 0.96^t" : "",
            warnings.strip());
        float[] x = new float[2 * 100];
        Random r = new Random(1);
        for (int i = 0; i < x.length; i++) {
          x[i] = (float) r.nextGaussian();
        }
        float[] y = m.predict(new FloatArray(x, 2, 100), 2).values();
        assertEquals(1.0, y[0] + y[1] + y[2] + y[3] + y[4] + y[5] + y[6] + y[7] + y[8] + y[9],
            1e-5, opt + " " + Arrays.toString(y));
      } finally {
        System.setErr(before);
      }
    }
  }
}
