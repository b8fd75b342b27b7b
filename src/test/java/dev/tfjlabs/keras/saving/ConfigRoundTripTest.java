package dev.tfjlabs.keras.saving;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tfjlabs.keras.config.Config;
import dev.tfjlabs.keras.config.KerasVersion;
import dev.tfjlabs.keras.config.Source;
import dev.tfjlabs.keras.layers.Layer;
import dev.tfjlabs.keras.optimizers.Optimizer;
import dev.tfjlabs.keras.optimizers.Optimizers;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every registered layer and optimizer class, built from a Keras config with settings off their
 * defaults, writes a config that builds the same object again ({@code getConfig} and
 * {@code fromConfig} are inverses), and keeps the settings it was given.
 */
class ConfigRoundTripTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Source KERAS_3 = new Source(KerasVersion.CURRENT);

  private static final Map<String, String> LAYERS = Map.ofEntries(
      Map.entry("Dense", "{\"units\": 3, \"activation\": \"selu\", \"kernel_initializer\":"
          + " \"he_normal\", \"bias_initializer\": {\"class_name\": \"Constant\", \"config\":"
          + " {\"value\": 0.5}}}"),
      Map.entry("Conv2D", "{\"filters\": 2, \"kernel_size\": [3, 2], \"strides\": 2,"
          + " \"padding\": \"same\", \"activation\": \"gelu\", \"groups\": 2,"
          + " \"data_format\": \"channels_first\"}"),
      Map.entry("Conv3D", "{\"filters\": 4, \"kernel_size\": [3, 2, 1], \"dilation_rate\":"
          + " [2, 1, 1], \"groups\": 2, \"padding\": \"same\", \"data_format\":"
          + " \"channels_first\"}"),
      Map.entry("Conv1DTranspose", "{\"filters\": 2, \"kernel_size\": 3, \"strides\": 2,"
          + " \"output_padding\": 1, \"data_format\": \"channels_first\"}"),
      Map.entry("Conv2DTranspose", "{\"filters\": 2, \"kernel_size\": [3, 2], \"strides\":"
          + " [2, 1], \"padding\": \"same\", \"activation\": \"relu\", \"use_bias\": false}"),
      Map.entry("DepthwiseConv1D", "{\"kernel_size\": 3, \"depth_multiplier\": 2,"
          + " \"dilation_rate\": 2}"),
      Map.entry("DepthwiseConv2D", "{\"kernel_size\": [3, 3], \"strides\": 2, \"padding\":"
          + " \"same\", \"depthwise_initializer\": \"he_normal\"}"),
      Map.entry("SeparableConv1D", "{\"filters\": 4, \"kernel_size\": 3,"
          + " \"depth_multiplier\": 2}"),
      Map.entry("SeparableConv2D", "{\"filters\": 4, \"kernel_size\": 3,"
          + " \"pointwise_initializer\": \"he_uniform\", \"data_format\": \"channels_first\"}"),
      Map.entry("MaxPooling2D", "{\"pool_size\": [3, 3], \"strides\": [1, 2], \"padding\":"
          + " \"same\"}"),
      Map.entry("Flatten", "{}"),
      Map.entry("Dropout", "{\"rate\": 0.25}"),
      Map.entry("Embedding", "{\"input_dim\": 7, \"output_dim\": 2, \"embeddings_initializer\":"
          + " \"uniform\", \"mask_zero\": true}"),
      Map.entry("Masking", "{\"mask_value\": -1.0}"),
      Map.entry("CategoryEncoding", "{\"num_tokens\": 5}"),
      Map.entry("SimpleRNN", "{\"units\": 4, \"activation\": \"relu\", \"use_bias\": false,"
          + " \"return_sequences\":"
          + " true, \"dropout\": 0.1}"),
      Map.entry("LSTM", "{\"units\": 4, \"recurrent_activation\": \"hard_sigmoid\","
          + " \"recurrent_dropout\": 0.25,"
          + " \"unit_forget_bias\": false, \"go_backwards\": true, \"recurrent_initializer\":"
          + " \"OrthogonalInitializer\"}"),
      Map.entry("GRU", "{\"units\": 4, \"reset_after\": false, \"activation\": \"softsign\","
          + " \"return_state\": true, \"stateful\": true}"),
      Map.entry("Conv1D", "{\"filters\": 2, \"kernel_size\": 3, \"strides\": 2, \"padding\":"
          + " \"causal\", \"dilation_rate\": 2, \"data_format\": \"channels_first\","
          + " \"use_bias\": false, \"activation\": \"tanh\"}"),
      Map.entry("BatchNormalization", "{\"axis\": [1], \"momentum\": 0.9, \"epsilon\": 0.01,"
          + " \"center\": false, \"gamma_initializer\": \"he_normal\"}"),
      Map.entry("Activation", "{\"activation\": \"hard_silu\"}"),
      Map.entry("ReLU", "{\"max_value\": 6.0, \"negative_slope\": 0.1, \"threshold\": 0.5}"),
      Map.entry("LeakyReLU", "{\"negative_slope\": 0.2}"),
      Map.entry("PReLU", "{\"shared_axes\": [1], \"alpha_initializer\": {\"class_name\":"
          + " \"Constant\", \"config\": {\"value\": 0.25}}}"),
      Map.entry("ELU", "{\"alpha\": 0.7}"),
      Map.entry("Softmax", "{\"axis\": 1}"),
      Map.entry("ThresholdedReLU", "{\"theta\": 0.4}"),
      Map.entry("MaxPooling1D", "{\"pool_size\": 3, \"strides\": 1, \"padding\": \"same\"}"),
      Map.entry("AveragePooling1D", "{\"pool_size\": [3]}"),
      Map.entry("AveragePooling2D", "{\"pool_size\": [2, 3], \"strides\": [1, 2]}"),
      Map.entry("MaxPooling3D", "{\"pool_size\": [2, 1, 2], \"padding\": \"same\"}"),
      Map.entry("AveragePooling3D", "{\"pool_size\": 3, \"strides\": [1, 2, 1]}"),
      Map.entry("GlobalMaxPooling1D", "{\"keepdims\": true}"),
      Map.entry("GlobalAveragePooling1D", "{\"data_format\": \"channels_first\"}"),
      Map.entry("GlobalMaxPooling2D", "{}"),
      Map.entry("GlobalAveragePooling2D", "{\"keepdims\": true}"),
      Map.entry("Reshape", "{\"target_shape\": [4, -1]}"),
      Map.entry("Permute", "{\"dims\": [2, 1]}"),
      Map.entry("RepeatVector", "{\"n\": 3}"),
      Map.entry("ZeroPadding1D", "{\"padding\": [1, 2]}"),
      Map.entry("ZeroPadding2D", "{\"padding\": [[1, 0], [2, 3]]}"),
      Map.entry("Cropping1D", "{\"cropping\": 2}"),
      Map.entry("Cropping2D", "{\"cropping\": [1, [0, 2]]}"),
      Map.entry("ZeroPadding3D", "{\"padding\": [[1, 0], 2, [0, 3]]}"),
      Map.entry("Cropping3D", "{\"cropping\": 1}"),
      Map.entry("UpSampling3D", "{\"size\": [2, 1, 3]}"),
      Map.entry("GlobalMaxPooling3D", "{\"keepdims\": true}"),
      Map.entry("GlobalAveragePooling3D", "{\"data_format\": \"channels_first\"}"),
      Map.entry("SpatialDropout3D", "{\"rate\": 0.3}"),
      Map.entry("UpSampling1D", "{\"size\": 3}"),
      Map.entry("UpSampling2D", "{\"size\": [2, 1], \"interpolation\": \"bilinear\"}"),
      Map.entry("LayerNormalization", "{\"epsilon\": 1e-5, \"center\": false}"),
      Map.entry("GaussianNoise", "{\"stddev\": 0.2}"),
      Map.entry("GaussianDropout", "{\"rate\": 0.3}"),
      Map.entry("AlphaDropout", "{\"rate\": 0.2, \"noise_shape\": null}"),
      Map.entry("SpatialDropout1D", "{\"rate\": 0.2}"),
      Map.entry("ActivityRegularization", "{\"l1\": 0.01, \"l2\": 0.02}"),
      Map.entry("SpatialDropout2D", "{\"rate\": 0.4}"),
      Map.entry("TimeDistributed", "{\"layer\": {\"class_name\": \"Dense\", \"config\":"
          + " {\"units\": 2, \"name\": \"dense\"}}}"),
      Map.entry("InputLayer", "{\"batch_shape\": [null, 5, 3], \"name\": \"pixels\"}"),
      Map.entry("Add", "{\"name\": \"sum\"}"),
      Map.entry("Subtract", "{}"),
      Map.entry("Multiply", "{}"),
      Map.entry("Average", "{}"),
      Map.entry("Maximum", "{}"),
      Map.entry("Minimum", "{}"),
      Map.entry("Concatenate", "{\"axis\": 1}"),
      Map.entry("Dot", "{\"axes\": [1, 2], \"normalize\": true}"),
      Map.entry("Bidirectional", "{\"layer\": {\"class_name\": \"GRU\", \"config\": {\"units\":"
          + " 3, \"name\": \"gru\", \"return_sequences\": true}}}"));

  /** The classes holding Python code, refused rather than built. */
  private static final java.util.Set<String> PYTHON = java.util.Set.of("Lambda", "TFOpLambda",
      "SlicingOpLambda");

  @Test
  void layersHoldingPythonCodeAreRefusedInOneLineNamingTheLayer() {
    for (String cls : PYTHON) {
      var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
          () -> KerasLayers.REGISTRY.build(cls, Config.parse("{\"name\": \"f\", \"function\":"
              + " \"4wEAAAAAAAAA\"}"), KERAS_3));
      assertEquals("layer f (" + cls + ") holds Python code, which cannot run in Java; rebuild"
          + " the model with Keras layers in its place (or compute that step outside the model)",
          e.getMessage());
    }
  }

  private static final Map<String, String> OPTIMIZERS = Map.ofEntries(
      Map.entry("Adam", "{\"learning_rate\": 0.01, \"beta_1\": 0.8, \"beta_2\": 0.99,"
          + " \"epsilon\": 1e-5, \"amsgrad\": true}"),
      Map.entry("RMSprop", "{\"learning_rate\": 0.02, \"rho\": 0.7, \"momentum\": 0.5,"
          + " \"centered\": true}"),
      Map.entry("SGD", "{\"learning_rate\": 0.1, \"momentum\": 0.9, \"nesterov\": true,"
          + " \"clipnorm\": 1.5}"),
      Map.entry("AdamW", "{\"learning_rate\": 0.01, \"weight_decay\": 0.05, \"amsgrad\": true,"
          + " \"global_clipnorm\": 2.0}"),
      Map.entry("Adagrad", "{\"learning_rate\": 0.02, \"initial_accumulator_value\": 0.5}"),
      Map.entry("Adamax", "{\"learning_rate\": 0.03, \"beta_2\": 0.99, \"clipvalue\": 0.5}"),
      Map.entry("Adadelta", "{\"learning_rate\": 1.0, \"rho\": 0.9, \"weight_decay\": 0.01}"),
      Map.entry("Nadam", "{\"learning_rate\": 0.002, \"beta_1\": 0.85, \"epsilon\": 1e-6,"
          + " \"gradient_accumulation_steps\": 4}"),
      Map.entry("Ftrl", "{\"learning_rate\": 0.05, \"learning_rate_power\": -0.2,"
          + " \"l1_regularization_strength\": 0.05, \"beta\": 0.3}"),
      Map.entry("Lion", "{\"learning_rate\": 0.0001, \"beta_2\": 0.98,"
          + " \"loss_scale_factor\": 128.0}"),
      Map.entry("Lamb", "{\"learning_rate\": 0.01, \"epsilon\": 1e-6, \"use_ema\": true,"
          + " \"ema_momentum\": 0.95, \"ema_overwrite_frequency\": 3}"));

  private static Map<String, Object> entry(String cls, Map<String, Object> config) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("class_name", cls);
    e.put("config", config);
    return e;
  }

  @Test
  void everyLayerClassRoundTrips() {
    java.util.Set<String> built = new java.util.HashSet<>(KerasLayers.REGISTRY.classes().keySet());
    built.removeAll(PYTHON);
    assertEquals(built, LAYERS.keySet());
    LAYERS.forEach((cls, json) -> {
      Layer first = KerasLayers.REGISTRY.build(cls, Config.parse(json), KERAS_3);
      Map<String, Object> written = first.getConfig();
      Config.parse(json).fields().forEachRemaining(f -> {
        JsonNode w = JSON.valueToTree(written.get(f.getKey()));
        if (f.getValue().isValueNode() && w.isValueNode()) {
          assertEquals(f.getValue().asText(), w.asText(), cls + " keeps " + f.getKey());
        }
      });
      Layer second = KerasLayers.get(JSON.valueToTree(entry(cls, written)), KERAS_3);
      assertEquals(written, second.getConfig(), cls);
    });
  }

  private static final Map<String, String> LOSSES = Map.ofEntries(
      Map.entry("SparseCategoricalCrossentropy", "{\"from_logits\": true, \"name\": \"scce\"}"),
      Map.entry("CategoricalCrossentropy", "{\"from_logits\": true, \"label_smoothing\": 0.1}"),
      Map.entry("BinaryFocalCrossentropy", "{\"apply_class_balancing\": true, \"alpha\": 0.3,"
          + " \"gamma\": 1.5, \"from_logits\": true, \"label_smoothing\": 0.1}"),
      Map.entry("CategoricalFocalCrossentropy", "{\"alpha\": 0.5, \"gamma\": 3.0}"),
      Map.entry("Dice", "{\"axis\": [1, 2]}"),
      Map.entry("Tversky", "{\"alpha\": 0.3, \"beta\": 0.7, \"axis\": -1}"),
      Map.entry("BinaryCrossentropy", "{\"from_logits\": false, \"axis\": -1,"
          + " \"label_smoothing\": 0.2,"
          + " \"reduction\": \"auto\"}"),
      Map.entry("MeanSquaredError", "{\"name\": \"mean_squared_error\"}"),
      Map.entry("MeanAbsoluteError", "{}"),
      Map.entry("MeanAbsolutePercentageError", "{}"),
      Map.entry("MeanSquaredLogarithmicError", "{}"),
      Map.entry("Huber", "{\"delta\": 0.5}"),
      Map.entry("LogCosh", "{}"),
      Map.entry("KLDivergence", "{}"),
      Map.entry("Poisson", "{}"),
      Map.entry("Hinge", "{}"),
      Map.entry("SquaredHinge", "{}"),
      Map.entry("CategoricalHinge", "{}"),
      Map.entry("CosineSimilarity", "{\"axis\": 1}"));

  /** Every loss class: its config builds the same loss (from_logits kept). */
  @Test
  void everyLossClassRoundTrips() {
    assertEquals(dev.tfjlabs.keras.losses.Losses.REGISTRY.classes().keySet(), LOSSES.keySet());
    LOSSES.forEach((cls, json) -> {
      var first = dev.tfjlabs.keras.losses.Losses.REGISTRY.build(cls, Config.parse(json),
          KERAS_3);
      Map<String, Object> written = first.getConfig();
      assertEquals("sum_over_batch_size", written.get("reduction"), cls);
      if (json.contains("label_smoothing")) {
        assertEquals(Config.parse(json).get("label_smoothing").asDouble(),
            ((Number) written.get("label_smoothing")).doubleValue(), cls);
      }
      var second = dev.tfjlabs.keras.losses.Losses.REGISTRY.get(
          JSON.valueToTree(entry(cls, written)), KERAS_3);
      assertEquals(written, second.getConfig(), cls);
      assertEquals(first.fromLogits(), second.fromLogits(), cls);
      assertEquals(json.contains("\"from_logits\": true"), first.fromLogits(), cls);
    });
  }

  @Test
  void everyOptimizerClassRoundTrips() {
    assertEquals(Optimizers.REGISTRY.classes().keySet(), OPTIMIZERS.keySet());
    OPTIMIZERS.forEach((cls, json) -> {
      Optimizer first = Optimizers.REGISTRY.build(cls, Config.parse(json), KERAS_3);
      Map<String, Object> written = first.getConfig();
      Config.parse(json).fields().forEachRemaining(f -> assertEquals(f.getValue().asDouble(),
          JSON.valueToTree(written.get(f.getKey())).asDouble(), 1e-7 * Math.abs(f.getValue().asDouble()),
          cls + " keeps " + f.getKey()));
      Optimizer second = Optimizers.REGISTRY.get(JSON.valueToTree(entry(cls, written)), KERAS_3);
      assertEquals(written, second.getConfig(), cls);
    });
  }

  /**
   * A compiled loss keeps its settings through a .keras file: a default loss is written by name
   * as Keras writes a string, one with settings (Huber's delta, label smoothing) as its class
   * and config.
   */
  @Test
  void aLossWithSettingsIsSavedWithThem(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
      throws Exception {
    assertEquals("mean_squared_error",
        dev.tfjlabs.keras.losses.Losses.serialize(new dev.tfjlabs.keras.losses.MeanSquaredError()));
    for (var loss : java.util.List.of(new dev.tfjlabs.keras.losses.Huber(0.3),
        new dev.tfjlabs.keras.losses.BinaryCrossentropy(false, 0.2))) {
      java.nio.file.Path file = tmp.resolve(loss.name() + ".keras");
      try (var m = new dev.tfjlabs.keras.models.Sequential("l", 2)
          .add(new dev.tfjlabs.keras.layers.Dense(1))) {
        m.compile(new dev.tfjlabs.keras.optimizers.SGD(0.1), loss);
        KerasFile.save(m, file);
      }
      try (var back = KerasFile.load(file)) {
        assertEquals(loss.getConfig(), back.loss().getConfig(), loss.name());
      }
    }
  }
}
