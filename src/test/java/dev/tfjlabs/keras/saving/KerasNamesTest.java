package dev.tfjlabs.keras.saving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tfjlabs.keras.config.Config;
import dev.tfjlabs.keras.config.KerasVersion;
import dev.tfjlabs.keras.config.Source;
import dev.tfjlabs.keras.layers.Activation;
import dev.tfjlabs.keras.layers.Dense;
import dev.tfjlabs.keras.layers.Layer;
import dev.tfjlabs.keras.losses.Loss;
import dev.tfjlabs.keras.losses.Losses;
import dev.tfjlabs.keras.losses.SparseCategoricalCrossentropy;
import dev.tfjlabs.keras.models.Model;
import dev.tfjlabs.keras.models.Sequential;
import dev.tfjlabs.keras.optimizers.Optimizer;
import dev.tfjlabs.keras.optimizers.Optimizers;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What later Keras versions add to every config (neutral arguments, dtype policies) and what
 * older ones wrote (bare-list Sequential configs, {@code batch_input_shape}, Keras 2's
 * {@code hard_sigmoid}), each read as Keras reads it.
 */
class KerasNamesTest {
  private static final Source KERAS_3 = new Source(KerasVersion.CURRENT);

  private static final String DENSE = "{\"name\": \"d\", \"units\": 3, \"activation\": \"relu\"";

  private static Layer dense(String extra, Source source) {
    return KerasLayers.REGISTRY.build("Dense", Config.parse(DENSE + extra + "}"), source);
  }

  @Test
  void laterKerasArgumentsLoadAtTheirNeutralValue() {
    for (String neutral : new String[] {", \"quantization_config\": null",
        ", \"lora_rank\": null", ", \"lora_rank\": null, \"lora_alpha\": 16",
        ", \"synchronized\": false"}) {
      assertEquals(3, ((Dense) dense(neutral, KERAS_3)).units(), neutral);
    }
  }

  @Test
  void laterKerasArgumentsAreRefusedOtherwiseNamingLayerArgumentAndValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> dense(", \"quantization_config\": {\"mode\": \"int8\"}", KERAS_3));
    assertEquals("layer d (Dense): quantization_config={\"mode\":\"int8\"} is not supported",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> dense(", \"lora_rank\": 4",
        KERAS_3));
    assertEquals("layer d (Dense): lora_rank=4 is not supported", e.getMessage());
  }

  @Test
  void dtypesAsStringsAndPoliciesMixedOnesComputingInFloat32WithAWarning() {
    assertEquals(3, ((Dense) dense(", \"dtype\": \"float32\"", KERAS_3)).units());
    assertEquals(3, ((Dense) dense(", \"dtype\": {\"module\": \"keras\", \"class_name\":"
        + " \"DTypePolicy\", \"config\": {\"name\": \"float32\"}, \"registered_name\": null}",
        KERAS_3)).units());
    Source mixed = new Source(KerasVersion.CURRENT);
    dense(", \"dtype\": {\"module\": \"keras\", \"class_name\": \"DTypePolicy\", \"config\":"
        + " {\"name\": \"mixed_float16\"}, \"registered_name\": null}", mixed);
    assertEquals(Set.of("the model's dtype policy mixed_float16 computes in float32 here (this"
        + " library has no half-precision kernels)"), mixed.warnings());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> dense(", \"dtype\": \"float64\"", KERAS_3));
    assertEquals("layer d (Dense): dtype=\"float64\" is not supported", e.getMessage());
  }

  /** Keras 2.2.2 and older: {@code "config": [layers...]}, the shape on the first layer. */
  @Test
  void aBareListSequentialConfigOfKeras2Loads() {
    JsonNode model = Config.parse("{\"class_name\": \"Sequential\", \"config\": [{\"class_name\":"
        + " \"Dense\", \"config\": {\"name\": \"dense_1\", \"units\": 4, \"activation\":"
        + " \"hard_sigmoid\", \"batch_input_shape\": [null, 5], \"dtype\": \"float32\","
        + " \"kernel_initializer\": {\"class_name\": \"VarianceScaling\", \"config\": {\"scale\":"
        + " 1.0, \"mode\": \"fan_avg\", \"distribution\": \"uniform\", \"seed\": null}}}}]}");
    try (Model m = KerasConfig.modelFromConfig(model,
        new Source(KerasVersion.of("2.1.3", "tensorflow")))) {
      assertEquals(5, m.inputShape()[0]);
      assertEquals(Activation.HARD_SIGMOID_KERAS_2, ((Dense) m.layers().get(0)).activation());
    }
    try (Model m = KerasConfig.modelFromConfig(model, KERAS_3)) {
      assertEquals(Activation.HARD_SIGMOID, ((Dense) m.layers().get(0)).activation());
    }
  }

  /** Keras 3's plain strings, Keras 2's {@code lr} and {@code decay}, tf.keras's prefix. */
  @Test
  void optimizersByEveryNameAndKeras2sArguments() {
    Optimizer adam = Optimizers.REGISTRY.get(Config.parse("\"adam\""), KERAS_3);
    assertEquals("Adam", adam.name());
    assertEquals(0.001, adam.learningRate(), 1e-9);
    assertEquals(0.01, Optimizers.get("SGD").learningRate(), 1e-9);
    Source keras2 = new Source(KerasVersion.of("2.3.1", "tensorflow"));
    Optimizer rms = Optimizers.REGISTRY.get(Config.parse("{\"class_name\": \"Custom>RMSprop\","
        + " \"config\": {\"lr\": 0.0005, \"rho\": 0.8, \"decay\": 1e-6, \"epsilon\": 1e-7}}"),
        keras2);
    assertEquals("RMSprop", rms.name());
    assertEquals(0.0005, rms.learningRate(), 1e-9);
    assertEquals(Set.of("the optimizer's decay=1.0E-6 (Keras 2's learning-rate decay) is"
        + " ignored, as Keras 3 ignores it"), keras2.warnings());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Optimizers.REGISTRY.get(Config.parse("{\"class_name\": \"Adam\", \"config\":"
            + " {\"learning_rate\": 0.1, \"wobble\": true}}"), KERAS_3));
    assertEquals("Adam: unknown argument wobble", e.getMessage());
  }

  @Test
  void lossesByEveryNameTheirConfigsAndWhatIsRefused() {
    for (String name : new String[] {"\"mse\"", "\"MSE\"", "\"mean_squared_error\"",
        "{\"module\": \"keras.losses\", \"class_name\": \"MeanSquaredError\", \"config\":"
            + " {\"name\": \"mean_squared_error\", \"reduction\": \"sum_over_batch_size\"},"
            + " \"registered_name\": null}"}) {
      assertEquals("mean_squared_error", Losses.REGISTRY.get(Config.parse(name), KERAS_3).name());
    }
    Loss keras2 = Losses.REGISTRY.get(Config.parse("{\"class_name\": \"BinaryCrossentropy\","
        + " \"config\": {\"reduction\": \"auto\", \"from_logits\": true, \"label_smoothing\":"
        + " 0, \"name\": \"binary_crossentropy\"}}"), KERAS_3);
    assertEquals(true, keras2.fromLogits());
    Loss back = Losses.REGISTRY.get(new ObjectMapper().valueToTree(Losses.serialize(
        new SparseCategoricalCrossentropy(true))), KERAS_3);
    assertEquals("sparse_categorical_crossentropy", back.name());
    assertEquals(true, back.fromLogits());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Losses.REGISTRY.get(Config.parse("{\"class_name\":"
            + " \"SparseCategoricalCrossentropy\", \"config\": {\"axis\": 1}}"), KERAS_3));
    // as Keras's TensorFlow backend: "Only axis=-1 is currently supported"
    assertEquals("SparseCategoricalCrossentropy: axis=1 is not supported", e.getMessage());
  }

  /**
   * Accuracy by every Keras spelling, a metric object under its own name (logged as Keras logs
   * it); another metric is named in a warning and left out.
   */
  @Test
  void metricsTheLibraryComputesAndAWarningForTheOthers() {
    Source s = new Source(KerasVersion.of("2.3.1", "tensorflow"));
    var read = KerasConfig.metrics(Config.parse("[\"acc\", {\"class_name\":"
            + " \"MeanMetricWrapper\", \"config\": {\"name\": \"acc\", \"fn\":"
            + " \"categorical_accuracy\"}}, \"mae\", {\"class_name\":"
            + " \"SparseCategoricalAccuracy\", \"config\": {\"name\": \"sca\"}},"
            + " {\"class_name\": \"MeanIoU\", \"config\": {\"name\": \"mean_io_u\"}}]"), s);
    assertEquals(java.util.List.of("accuracy", "mae"), read.subList(0, 2));
    var sca = (dev.tfjlabs.keras.metrics.Accuracy) read.get(2);
    assertEquals("sca", sca.name());
    assertEquals(dev.tfjlabs.keras.metrics.Accuracy.Kind.SPARSE_CATEGORICAL, sca.kind());
    assertEquals(3, read.size());
    assertEquals(1, s.warnings().size(), s.warnings().toString());
    assertTrue(s.warnings().iterator().next().startsWith("the metric mean_io_u is not computed"
        + " here"
        + " (this library's metrics: accuracy, acc, binary_accuracy"), s.warnings().toString());
    assertEquals(java.util.List.of("mse"), KerasConfig.metrics(
        Config.parse("[[\"mse\"]]"), KERAS_3));
  }

  @Test
  void keras2FilesOfTheTheanoBackendAreRefused() {
    JsonNode model = Config.parse("{\"class_name\": \"Sequential\", \"config\": []}");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> KerasConfig.modelFromConfig(model, new Source(KerasVersion.of("2.0.6", "theano"))));
    assertEquals("written by Keras 2.0.6 with the Theano backend; re-save it with Keras 2"
        + " (TensorFlow backend) or Keras 3", e.getMessage());
  }
}
