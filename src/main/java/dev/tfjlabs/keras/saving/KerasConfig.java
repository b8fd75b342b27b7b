package dev.tfjlabs.keras.saving;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tfjlabs.keras.config.Source;
import dev.tfjlabs.keras.layers.Layer;
import dev.tfjlabs.keras.losses.Losses;
import dev.tfjlabs.keras.metrics.Metric;
import dev.tfjlabs.keras.metrics.WeightedMean;
import dev.tfjlabs.keras.metrics.Metrics;
import dev.tfjlabs.keras.models.Model;
import dev.tfjlabs.keras.models.Sequential;
import dev.tfjlabs.keras.optimizers.Optimizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keras's serialisation ({@code keras/src/saving/serialization_lib.py}) of a whole model: a
 * Sequential model to its Keras 3 config and back. Each class reads and writes its own config
 * ({@code getConfig} beside a static {@code fromConfig}); the registries ({@link KerasLayers},
 * {@code Initializers.REGISTRY}, {@code Optimizers.REGISTRY}, {@code Losses.REGISTRY}) map
 * Keras's names to them. Reads Keras 3 configs ({@code config.json} of a {@code .keras} file)
 * and Keras 2 ones ({@code model_config} of a legacy {@code .h5}).
 *
 * <p>A config this library cannot build exactly (an unknown class, an argument it does not
 * have, a value it does not support such as {@code stateful=true} or a regularizer) fails with
 * one {@link IllegalArgumentException} naming the layer and the argument; nothing is built.
 */
public final class KerasConfig {
  private KerasConfig() {}

  // ---------------------------------------------------------------- to Keras

  /** A layer as a Keras 3 config holds it: module, class name, config, build config. */
  public static Map<String, Object> serialize(Layer layer) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("module", "keras.layers");
    s.put("class_name", layer.kerasType());
    s.put("config", layer.getConfig());
    s.put("registered_name", null);
    List<int[]> shapes = layer.inputShapes();
    s.put("build_config", Map.of("input_shape", shapes.size() == 1 ? batchShape(shapes.get(0))
        : shapes.stream().map(KerasConfig::batchShape).toList()));
    return s;
  }

  /**
   * {@code config.json} of a {@code .keras} file for {@code model}: a Sequential with an
   * {@code InputLayer} and its build config, or a {@code Functional} with its layers' calls; and,
   * when it was compiled with a Keras optimizer, its compile config.
   */
  public static Map<String, Object> modelConfig(Model model) {
    if (!(model instanceof Sequential)) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("module", "keras.src.models.functional");
      out.put("class_name", "Functional");
      out.put("config", FunctionalConfig.config(model));
      out.put("registered_name", "Functional");
      Map<String, Object> compile = compileConfig(model);
      if (compile != null) {
        out.put("compile_config", compile);
      }
      return out;
    }
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
  static Map<String, Object> compileConfig(Model model) {
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
    List<List<Object>> metrics = new ArrayList<>();
    List<List<Object>> weighted = new ArrayList<>();
    for (List<Metric> output : model.metricObjects()) {
      metrics.add(output.stream().filter(m -> !(m instanceof WeightedMean))
          .map(Metric::serialize).toList());
      weighted.add(output.stream().filter(m -> m instanceof WeightedMean)
          .map(Metric::serialize).toList());
    }
    boolean anyWeighted = weighted.stream().anyMatch(l -> !l.isEmpty());
    if (model.outputs().size() == 1) {
      c.put("loss", Losses.serialize(model.loss()));
      c.put("loss_weights", null);
      c.put("metrics", metrics.get(0).isEmpty() ? null : metrics.get(0));
      c.put("weighted_metrics", anyWeighted ? weighted.get(0) : null);
    } else {
      c.put("loss", model.losses().stream().map(Losses::serialize).toList());
      c.put("loss_weights", model.lossWeights());
      c.put("metrics", metrics);
      c.put("weighted_metrics", anyWeighted ? weighted : null);
    }
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
      shape.add(d < 0 ? null : d);
    }
    return shape;
  }

  // ---------------------------------------------------------------- from Keras

  /**
   * The model of a Keras model config (Keras 3's {@code config.json} or Keras 2's
   * {@code model_config}), built but neither compiled nor given its saved weights: a
   * {@code Sequential} (whose Keras 2.2.2-and-older form is a bare list of layers; the input
   * shape comes from an {@code InputLayer}, the first layer's {@code batch_input_shape} or
   * {@code batch_shape}, or the model's build config), or a functional {@code Functional}
   * (Keras 3) or {@code Model} (tf.keras 2) read by {@link FunctionalConfig}.
   *
   * @throws IllegalArgumentException for a subclassed model, an unknown layer or argument
   */
  public static Model modelFromConfig(JsonNode model, Source source) {
    try {
      return readModel(model, source);
    } catch (IllegalArgumentException e) {
      throw oneLine(e);
    }
  }

  /**
   * {@code e}, or an exception of the same message with its line breaks written as {@code \n}
   * when a name from the file brought some in: the reader's messages are one line.
   */
  static IllegalArgumentException oneLine(IllegalArgumentException e) {
    String m = e.getMessage();
    if (m == null || m.indexOf('\r') < 0 && m.indexOf('\n') < 0) {
      return e;
    }
    return new IllegalArgumentException(m.replace("\r", "\\r").replace("\n", "\\n"), e);
  }

  private static Model readModel(JsonNode model, Source source) {
    source.version().checkReadable();
    String cls = model.path("class_name").asText();
    if (cls.equals("Functional") || cls.equals("Model")) {
      return FunctionalConfig.fromConfig(model.path("config"), source);
    }
    if (!cls.equals("Sequential")) {
      throw new IllegalArgumentException("model class " + cls + " is not a Keras model class"
          + " (Sequential, Functional or Model); a subclassed model holds Python code that"
          + " cannot run in Java");
    }
    JsonNode config = model.path("config");
    JsonNode layers = config.isArray() ? config : config.path("layers");
    if (!layers.isArray()) {
      throw new IllegalArgumentException("the model config has no layer list");
    }
    int[] inputShape = null;
    String inputName = null;
    List<JsonNode> rest = new ArrayList<>();
    for (JsonNode l : layers) {
      JsonNode lc = l.path("config");
      if (inputShape == null) {
        inputShape = sampleShape(lc.has("batch_shape") ? lc.get("batch_shape")
            : lc.get("batch_input_shape"));
        boolean input = l.path("class_name").asText().equals("InputLayer");
        inputName = lc.path("name").asText("input_layer") + (input ? "" : "_input");
      }
      if (!l.path("class_name").asText().equals("InputLayer")) {
        rest.add(l);
      }
    }
    if (inputShape == null) {
      inputShape = sampleShape(config.has("build_input_shape") ? config.get("build_input_shape")
          : model.path("build_config").get("input_shape"));
      inputName = "input_layer";
    }
    if (inputShape == null) {
      throw new IllegalArgumentException("the model config gives no input shape");
    }
    inputShape = source.inputShape(inputName, inputShape);
    source.checkInputShapesUsed();
    if (java.util.Arrays.stream(inputShape).anyMatch(d -> d < 0)) {
      throw new IllegalArgumentException("input " + inputName + " has shape "
          + java.util.Arrays.toString(inputShape).replace("-1", "None") + ": a dimension of"
          + " unknown size; give it with KerasFile.load(file, Map.of(\"" + inputName
          + "\", new int[] {...}))");
    }
    Sequential m = new Sequential(config.path("name").asText("sequential"), inputShape);
    for (JsonNode l : rest) {
      m.add(KerasLayers.get(l, source));
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
      shape[i - 1] = d.isInt() ? d.asInt() : -1;
    }
    return shape;
  }

  /**
   * The metrics of a Keras {@code metrics} entry that this library computes (see
   * {@link Metrics#get}), each once, in the entry's order: strings ({@code "acc"} read as
   * {@code "accuracy"}), Keras 3's metric objects and Keras 2's {@code MeanMetricWrapper}s by
   * their name, function or class ({@code MeanSquaredError} as {@code mean_squared_error}), each
   * as its name; the dicts {@link Metrics#fromConfig} reads ({@code AUC}, {@code Precision},
   * {@code BinaryAccuracy(threshold)}, {@code TopKCategoricalAccuracy(k)}, ...) as metrics with
   * their names and arguments. Any other metric is named in a warning and left out, as the
   * model would compile without it.
   *
   * @return names ({@link Metrics#get}) and {@link Metric}s
   */
  public static List<Object> metrics(JsonNode entry, Source source) {
    List<Object> found = new ArrayList<>();
    collectMetricNames(entry, found, source);
    List<Object> out = new ArrayList<>();
    java.util.Set<String> names = new java.util.HashSet<>();
    List<String> all = Metrics.names();
    for (Object f : found) {
      if (f instanceof Metric m) {
        if (names.add(m.name())) {
          out.add(m);
        }
        continue;
      }
      @SuppressWarnings("unchecked")
      List<String> candidates = (List<String>) f;
      String chosen = candidates.stream().filter(all::contains).findFirst().orElse(null);
      if (chosen == null) {
        source.warn("the metric " + candidates.get(0) + " is not computed here (this library's"
            + " metrics: " + String.join(", ", all) + ")");
      } else if (names.add(chosen.equals("acc") ? "accuracy" : chosen)) {
        out.add(chosen.equals("acc") ? "accuracy" : chosen);
      }
    }
    return out;
  }

  /** Each metric of an entry as the names it may go by: its name, function, class. */
  private static void collectMetricNames(JsonNode entry, List<Object> out, Source source) {
    if (entry == null || entry.isNull()) {
      return;
    }
    Metric object;
    try {
      object = Metrics.fromConfig(entry, source);
    } catch (IllegalArgumentException e) {
      source.warn("the metric " + entry.path("class_name").asText() + " is not computed here: "
          + e.getMessage());
      return;
    }
    if (object != null) {
      out.add(object);
    } else if (entry.isArray() || (entry.isObject() && !entry.has("class_name"))) {
      entry.forEach(e -> collectMetricNames(e, out, source));
    } else if (entry.isTextual()) {
      out.add(List.of(entry.asText()));
    } else {
      JsonNode c = entry.path("config");
      List<String> names = new ArrayList<>();
      if (c.hasNonNull("name")) {
        names.add(c.get("name").asText());
      }
      if (c.hasNonNull("fn")) {
        names.add(c.get("fn").asText());
      }
      String cls = entry.path("class_name").asText();
      names.add(cls);
      names.add(dev.tfjlabs.keras.config.Registry.snakeCase(cls));
      out.add(names);
    }
  }
}
