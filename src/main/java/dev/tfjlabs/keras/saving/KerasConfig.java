package dev.tfjlabs.keras.saving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tfjlabs.keras.initializers.Initializer;
import dev.tfjlabs.keras.initializers.Initializers;
import dev.tfjlabs.keras.layers.Activation;
import dev.tfjlabs.keras.layers.CategoryEncoding;
import dev.tfjlabs.keras.layers.Conv2D;
import dev.tfjlabs.keras.layers.Dense;
import dev.tfjlabs.keras.layers.Dropout;
import dev.tfjlabs.keras.layers.Embedding;
import dev.tfjlabs.keras.layers.Flatten;
import dev.tfjlabs.keras.layers.Layer;
import dev.tfjlabs.keras.layers.MaxPooling2D;
import dev.tfjlabs.keras.layers.rnn.Bidirectional;
import dev.tfjlabs.keras.layers.rnn.GRU;
import dev.tfjlabs.keras.layers.rnn.LSTM;
import dev.tfjlabs.keras.layers.rnn.RNN;
import dev.tfjlabs.keras.layers.rnn.SimpleRNN;
import dev.tfjlabs.keras.losses.Loss;
import dev.tfjlabs.keras.losses.Losses;
import dev.tfjlabs.keras.models.Sequential;
import dev.tfjlabs.keras.optimizers.Adam;
import dev.tfjlabs.keras.optimizers.Optimizer;
import dev.tfjlabs.keras.optimizers.RMSprop;
import dev.tfjlabs.keras.optimizers.SGD;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keras's serialisation ({@code keras/src/saving/serialization_lib.py}) for this library: a
 * model, layer, initializer, optimizer or loss to its Keras 3 config and back, through one
 * registry keyed by Keras's {@code class_name}. Reads Keras 3 configs ({@code config.json} of a
 * {@code .keras} file) and Keras 2 ones ({@code model_config} of a legacy {@code .h5}).
 *
 * <p>A config this library cannot build exactly (an unknown class, an argument it does not
 * have, a value it does not support such as {@code stateful=true} or a regularizer) fails with
 * one {@link IllegalArgumentException} naming the layer and the argument; nothing is built.
 */
public final class KerasConfig {
  /** Layer classes {@link #layerFromConfig} builds. */
  public static final List<String> LAYERS = List.of("InputLayer", "Dense", "Conv2D",
      "MaxPooling2D", "Flatten", "Dropout", "Embedding", "CategoryEncoding", "SimpleRNN", "LSTM",
      "GRU", "Bidirectional");

  /** Arguments every layer may carry whose value does not change what it computes here. */
  private static final Set<String> IGNORED = Set.of("name", "trainable", "dtype",
      "batch_input_shape", "batch_shape", "input_shape", "input_dtype", "implementation",
      "unroll", "time_major", "use_cudnn", "seed", "lora_rank", "lora_alpha", "input_length",
      "zero_output_for_mask", "registered_name", "module");

  private static final ObjectMapper JSON = new ObjectMapper();

  private KerasConfig() {}

  // ---------------------------------------------------------------- to Keras

  /** A layer as a Keras 3 config holds it: module, class name, config, build config. */
  public static Map<String, Object> serialize(Layer layer) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("module", "keras.layers");
    s.put("class_name", layer.kerasType());
    s.put("config", layer.getConfig());
    s.put("registered_name", null);
    s.put("build_config", Map.of("input_shape", batchShape(layer.inputShape())));
    return s;
  }

  /**
   * {@code config.json} of a {@code .keras} file for {@code model}: the Sequential with an
   * {@code InputLayer}, its build config and, when it was compiled with a Keras optimizer, its
   * compile config.
   */
  public static Map<String, Object> modelConfig(Sequential model) {
    List<Object> layers = new ArrayList<>();
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("batch_shape", batchShape(model.inputShape()));
    input.put("dtype", "float32");
    input.put("sparse", false);
    input.put("name", "input_layer");
    layers.add(entry("InputLayer", input));
    for (Layer l : model.layers()) {
      layers.add(serialize(l));
    }
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("name", model.name());
    config.put("trainable", true);
    config.put("dtype", Layer.dtypePolicy());
    config.put("layers", layers);
    config.put("build_input_shape", batchShape(model.inputShape()));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("module", "keras");
    out.put("class_name", "Sequential");
    out.put("config", config);
    out.put("registered_name", null);
    out.put("build_config", Map.of("input_shape", batchShape(model.inputShape())));
    Map<String, Object> compile = compileConfig(model);
    if (compile != null) {
      out.put("compile_config", compile);
    }
    return out;
  }

  /** Keras 3's {@code compile_config}, or null when the model is not compiled with Keras's. */
  static Map<String, Object> compileConfig(Sequential model) {
    Optimizer o = model.optimizer();
    if (o == null || o.getConfig() == null) {
      return null;
    }
    Map<String, Object> c = new LinkedHashMap<>();
    Map<String, Object> optimizer = new LinkedHashMap<>();
    optimizer.put("module", "keras.optimizers");
    optimizer.put("class_name", o.name());
    optimizer.put("config", o.getConfig());
    optimizer.put("registered_name", null);
    c.put("optimizer", optimizer);
    c.put("loss", Losses.serialize(model.loss()));
    c.put("loss_weights", null);
    c.put("metrics", model.metrics().isEmpty() ? null : model.metrics());
    c.put("weighted_metrics", null);
    c.put("run_eagerly", false);
    c.put("steps_per_execution", 1);
    c.put("jit_compile", false);
    return c;
  }

  private static Map<String, Object> entry(String className, Map<String, Object> config) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("module", "keras.layers");
    s.put("class_name", className);
    s.put("config", config);
    s.put("registered_name", null);
    return s;
  }

  private static List<Integer> batchShape(int[] sampleShape) {
    List<Integer> shape = new ArrayList<>();
    shape.add(null);
    for (int d : sampleShape) {
      shape.add(d);
    }
    return shape;
  }

  // ---------------------------------------------------------------- from Keras

  /**
   * The Sequential model of a Keras model config (Keras 3's {@code config.json} or Keras 2's
   * {@code model_config}), built but neither compiled nor given its saved weights.
   *
   * @throws IllegalArgumentException for a functional model, an unknown layer or argument
   */
  public static Sequential modelFromConfig(JsonNode model) {
    String cls = model.path("class_name").asText();
    if (!cls.equals("Sequential")) {
      JsonNode inputs = model.path("config").path("input_layers");
      throw new IllegalArgumentException("a functional Keras model (class " + cls
          + (inputs.isArray() ? ", " + inputs.size() + " inputs" : "") + "); only Sequential"
          + " models load here");
    }
    JsonNode config = model.path("config");
    JsonNode layers = config.path("layers");
    if (!layers.isArray()) {
      throw new IllegalArgumentException("the model config has no layer list");
    }
    int[] inputShape = null;
    List<JsonNode> rest = new ArrayList<>();
    for (JsonNode l : layers) {
      JsonNode lc = l.path("config");
      if (inputShape == null) {
        inputShape = sampleShape(lc.has("batch_shape") ? lc.get("batch_shape")
            : lc.get("batch_input_shape"));
      }
      if (!l.path("class_name").asText().equals("InputLayer")) {
        rest.add(l);
      }
    }
    if (inputShape == null) {
      inputShape = sampleShape(config.has("build_input_shape") ? config.get("build_input_shape")
          : model.path("build_config").get("input_shape"));
    }
    if (inputShape == null) {
      throw new IllegalArgumentException("the model config gives no input shape");
    }
    Sequential m = new Sequential(config.path("name").asText("sequential"), inputShape);
    for (JsonNode l : rest) {
      m.add(layerFromConfig(l.path("class_name").asText(), l.path("config")));
    }
    return m;
  }

  private static int[] sampleShape(JsonNode batchShape) {
    if (batchShape == null || !batchShape.isArray() || batchShape.size() < 2) {
      return null;
    }
    int[] shape = new int[batchShape.size() - 1];
    for (int i = 1; i < batchShape.size(); i++) {
      JsonNode d = batchShape.get(i);
      if (!d.isInt()) {
        throw new IllegalArgumentException("input shape " + batchShape + " has a dimension of"
            + " unknown size; this library needs every sample dimension fixed");
      }
      shape[i - 1] = d.asInt();
    }
    return shape;
  }

  /** The layer of a Keras class name and config. */
  public static Layer layerFromConfig(String className, JsonNode config) {
    Args a = new Args(className, config);
    Layer layer = switch (className) {
      case "Dense" -> {
        a.fixed("use_bias", true);
        a.none("kernel_regularizer", "bias_regularizer", "activity_regularizer",
            "kernel_constraint", "bias_constraint");
        yield Dense.builder(a.integer("units")).activation(a.activation("activation"))
            .kernelInitializer(a.initializer("kernel_initializer", Initializers.glorotUniform()))
            .biasInitializer(a.initializer("bias_initializer", Initializers.zeros()))
            .name(a.name()).build();
      }
      case "Conv2D" -> {
        a.fixed("use_bias", true);
        a.fixed("data_format", "channels_last");
        a.fixed("groups", 1);
        a.pairOfOnes("dilation_rate");
        a.none("kernel_regularizer", "bias_regularizer", "activity_regularizer",
            "kernel_constraint", "bias_constraint");
        int[] kernel = a.pair("kernel_size", null);
        int[] strides = a.pair("strides", new int[] {1, 1});
        yield Conv2D.builder(a.integer("filters"), kernel[0], kernel[1])
            .strides(strides[0], strides[1]).activation(a.activation("activation"))
            .padding(a.text("padding", "valid"))
            .kernelInitializer(a.initializer("kernel_initializer", Initializers.glorotUniform()))
            .biasInitializer(a.initializer("bias_initializer", Initializers.zeros()))
            .name(a.name()).build();
      }
      case "MaxPooling2D" -> {
        a.fixed("data_format", "channels_last");
        int[] pool = a.pair("pool_size", new int[] {2, 2});
        yield new MaxPooling2D(pool, a.pair("strides", pool), a.text("padding", "valid"),
            a.name());
      }
      case "Flatten" -> {
        a.fixed("data_format", "channels_last");
        yield new Flatten(a.name());
      }
      case "Dropout" -> {
        a.none("noise_shape");
        yield new Dropout(a.number("rate", null), a.name());
      }
      case "Embedding" -> {
        a.fixed("mask_zero", false);
        a.none("embeddings_regularizer", "activity_regularizer", "embeddings_constraint");
        yield new Embedding(a.integer("input_dim"), a.integer("output_dim"),
            a.initializer("embeddings_initializer", Initializers.randomUniform(-0.05, 0.05)),
            a.name());
      }
      case "CategoryEncoding" -> {
        a.fixed("output_mode", "one_hot");
        a.fixed("sparse", false);
        CategoryEncoding c = new CategoryEncoding(a.integer("num_tokens"));
        if (a.name() != null) {
          c.setName(a.name());
        }
        yield c;
      }
      case "SimpleRNN" -> recurrent(a, SimpleRNN.builder(a.integer("units")), false).build();
      case "LSTM" -> {
        LSTM.Builder b = recurrent(a, LSTM.builder(a.integer("units")), true);
        yield b.unitForgetBias(a.bool("unit_forget_bias", true)).build();
      }
      case "GRU" -> {
        GRU.Builder b = recurrent(a, GRU.builder(a.integer("units")), true);
        yield b.resetAfter(a.bool("reset_after", true)).build();
      }
      case "Bidirectional" -> {
        a.fixed("merge_mode", "concat");
        JsonNode inner = a.node("layer");
        Layer forward = layerFromConfig(inner.path("class_name").asText(), inner.path("config"));
        if (!(forward instanceof RNN rnn)) {
          throw new IllegalArgumentException("Bidirectional wraps " + inner.path("class_name")
              + "; only SimpleRNN, LSTM and GRU");
        }
        JsonNode backward = config.get("backward_layer");
        a.used("backward_layer");
        if (backward != null && !backward.isNull()) {
          checkMirror(rnn, backward);
        }
        yield new Bidirectional(rnn, a.name());
      }
      default -> throw new IllegalArgumentException("layer class " + className + " is not"
          + " supported (supported: " + String.join(", ", LAYERS) + ")");
    };
    a.done();
    return layer;
  }

  /** A backward layer must be the forward one reading the other way, as Keras builds it. */
  private static void checkMirror(RNN forward, JsonNode backward) {
    Layer b = layerFromConfig(backward.path("class_name").asText(), backward.path("config"));
    Map<String, Object> fc = new LinkedHashMap<>(forward.getConfig());
    Map<String, Object> bc = new LinkedHashMap<>(b.getConfig());
    for (Map<String, Object> c : List.of(fc, bc)) {
      c.remove("name");
      c.remove("go_backwards");
    }
    if (!b.kerasType().equals(forward.kerasType()) || !fc.equals(bc)) {
      throw new IllegalArgumentException("Bidirectional with a backward layer other than the"
          + " forward one reversed is not supported");
    }
  }

  private static <B extends RNN.Builder<?, B>> B recurrent(Args a, B b, boolean gated) {
    a.fixed("use_bias", true);
    a.fixed("return_state", false);
    a.fixed("stateful", false);
    a.zero("recurrent_dropout");
    a.none("kernel_regularizer", "recurrent_regularizer", "bias_regularizer",
        "activity_regularizer", "kernel_constraint", "recurrent_constraint", "bias_constraint");
    b.returnSequences(a.bool("return_sequences", false))
        .goBackwards(a.bool("go_backwards", false))
        .dropout(a.number("dropout", 0.0))
        .activation(a.activation("activation"))
        .kernelInitializer(a.initializer("kernel_initializer", Initializers.glorotUniform()))
        .recurrentInitializer(a.initializer("recurrent_initializer", Initializers.orthogonal()))
        .biasInitializer(a.initializer("bias_initializer", Initializers.zeros()));
    if (gated) {
      b.recurrentActivation(a.activation("recurrent_activation"));
    }
    if (a.name() != null) {
      b.name(a.name());
    }
    return b;
  }

  /** The optimizer of a Keras optimizer config ({@code class_name} Adam, RMSprop or SGD). */
  public static Optimizer optimizerFromConfig(JsonNode node) {
    String cls = node.path("class_name").asText().replaceFirst("^Custom>", "");
    Args a = new Args(cls, node.path("config"));
    a.none("weight_decay", "clipnorm", "global_clipnorm", "clipvalue", "loss_scale_factor",
        "gradient_accumulation_steps", "ema_overwrite_frequency");
    a.fixed("use_ema", false);
    for (String k : List.of("ema_momentum", "jit_compile", "is_legacy_optimizer", "decay")) {
      a.used(k);
    }
    double lr = a.number("learning_rate", null);
    Optimizer o = switch (cls) {
      case "Adam" -> {
        a.fixed("amsgrad", false);
        yield new Adam(lr, a.number("beta_1", Adam.BETA_ONE_DEFAULT),
            a.number("beta_2", Adam.BETA_TWO_DEFAULT), a.number("epsilon", Adam.EPSILON_DEFAULT));
      }
      case "RMSprop" -> new RMSprop(lr, a.number("rho", RMSprop.RHO_DEFAULT),
          a.number("momentum", 0.0), a.number("epsilon", RMSprop.EPSILON_DEFAULT),
          a.bool("centered", false));
      case "SGD" -> {
        a.fixed("nesterov", false);
        yield new SGD(lr, a.number("momentum", 0.0));
      }
      default -> throw new IllegalArgumentException("optimizer " + cls + " is not supported"
          + " (supported: Adam, RMSprop, SGD)");
    };
    a.done();
    return o;
  }

  /** The loss of a Keras loss entry: a name, or a class with its config. */
  public static Loss lossFromConfig(JsonNode node) {
    if (node.isTextual()) {
      return Losses.get(node.asText());
    }
    String name = Losses.nameOfClass(node.path("class_name").asText());
    if (name == null) {
      throw new IllegalArgumentException("loss " + node.path("class_name").asText()
          + " is not supported");
    }
    return Losses.get(name, node.path("config").path("from_logits").asBoolean(false));
  }

  /**
   * Whether a Keras metrics entry asks for accuracy: {@code ["accuracy"]}, {@code ["acc"]} or
   * Keras 2's {@code MeanMetricWrapper} of an {@code *_accuracy} function.
   */
  public static boolean wantsAccuracy(JsonNode metrics) {
    if (metrics == null || metrics.isNull()) {
      return false;
    }
    String text = metrics.toString();
    return text.contains("accuracy") || text.contains("\"acc\"");
  }

  /** Parses a JSON text (a config attribute or file). */
  public static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getMessage());
    }
  }

  /** A layer config read key by key; {@link #done} fails on a key nobody read. */
  private static final class Args {
    private final String cls;
    private final JsonNode config;
    private final Set<String> used = new java.util.HashSet<>(IGNORED);

    Args(String cls, JsonNode config) {
      this.cls = cls;
      this.config = config;
    }

    String name() {
      JsonNode n = config.get("name");
      return n == null || n.isNull() ? null : n.asText();
    }

    private IllegalArgumentException unsupported(String key, Object value) {
      String who = name() == null ? cls : "layer " + name() + " (" + cls + ")";
      return new IllegalArgumentException(who + ": " + key + "=" + value + " is not supported");
    }

    void used(String key) {
      used.add(key);
    }

    JsonNode node(String key) {
      used.add(key);
      JsonNode v = config.get(key);
      if (v == null || v.isNull()) {
        String who = name() == null ? cls : "layer " + name() + " (" + cls + ")";
        throw new IllegalArgumentException(who + ": the config has no " + key);
      }
      return v;
    }

    int integer(String key) {
      JsonNode v = node(key);
      if (!v.canConvertToInt() || v.asInt() <= 0) {
        throw unsupported(key, v);
      }
      return v.asInt();
    }

    double number(String key, Double otherwise) {
      used.add(key);
      JsonNode v = config.get(key);
      if (v == null || v.isNull()) {
        if (otherwise == null) {
          return node(key).asDouble();
        }
        return otherwise;
      }
      if (!v.isNumber()) {
        throw unsupported(key, v);
      }
      return v.asDouble();
    }

    boolean bool(String key, boolean otherwise) {
      used.add(key);
      JsonNode v = config.get(key);
      return v == null || v.isNull() ? otherwise : v.asBoolean();
    }

    String text(String key, String otherwise) {
      used.add(key);
      JsonNode v = config.get(key);
      return v == null || v.isNull() ? otherwise : v.asText();
    }

    /** {@code [a, b]}, or one number for both (Keras accepts either). */
    int[] pair(String key, int[] otherwise) {
      used.add(key);
      JsonNode v = config.get(key);
      if (v == null || v.isNull()) {
        if (otherwise == null) {
          node(key);
        }
        return otherwise;
      }
      if (v.isInt()) {
        return new int[] {v.asInt(), v.asInt()};
      }
      if (v.isArray() && v.size() == 2) {
        return new int[] {v.get(0).asInt(), v.get(1).asInt()};
      }
      throw unsupported(key, v);
    }

    void pairOfOnes(String key) {
      int[] p = pair(key, new int[] {1, 1});
      if (p[0] != 1 || p[1] != 1) {
        throw unsupported(key, config.get(key));
      }
    }

    Activation activation(String key) {
      String name = text(key, "linear");
      try {
        return Activation.of(name);
      } catch (IllegalArgumentException e) {
        throw unsupported(key, "\"" + name + "\"");
      }
    }

    Initializer initializer(String key, Initializer otherwise) {
      used.add(key);
      JsonNode v = config.get(key);
      if (v == null || v.isNull()) {
        return otherwise;
      }
      String className = v.isTextual() ? v.asText() : v.path("class_name").asText();
      @SuppressWarnings("unchecked")
      Map<String, Object> c = v.isTextual() ? Map.of()
          : JSON.convertValue(v.path("config"), Map.class);
      try {
        return Initializers.fromConfig(className, c == null ? Map.of() : c);
      } catch (IllegalArgumentException e) {
        throw unsupported(key, className);
      }
    }

    void fixed(String key, Object expected) {
      used.add(key);
      JsonNode v = config.get(key);
      if (v == null || v.isNull()) {
        return;
      }
      Object got = v.isBoolean() ? (Object) v.asBoolean() : v.isInt() ? (Object) v.asInt()
          : v.asText();
      if (!got.equals(expected)) {
        throw unsupported(key, v);
      }
    }

    void zero(String key) {
      used.add(key);
      JsonNode v = config.get(key);
      if (v != null && !v.isNull() && v.asDouble() != 0) {
        throw unsupported(key, v);
      }
    }

    void none(String... keys) {
      for (String key : keys) {
        used.add(key);
        JsonNode v = config.get(key);
        if (v != null && !v.isNull()) {
          throw unsupported(key, v);
        }
      }
    }

    void done() {
      var it = config.fieldNames();
      while (it.hasNext()) {
        String key = it.next();
        if (!used.contains(key)) {
          String who = name() == null ? cls : "layer " + name() + " (" + cls + ")";
          throw new IllegalArgumentException(who + ": unknown argument " + key);
        }
      }
    }
  }
}
