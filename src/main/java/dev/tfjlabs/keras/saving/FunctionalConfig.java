package dev.tfjlabs.keras.saving;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tfjlabs.keras.config.Source;
import dev.tfjlabs.keras.layers.InputLayer;
import dev.tfjlabs.keras.layers.KerasTensor;
import dev.tfjlabs.keras.layers.Layer;
import dev.tfjlabs.keras.layers.Node;
import dev.tfjlabs.keras.layers.rnn.Bidirectional;
import dev.tfjlabs.keras.layers.rnn.RNN;
import dev.tfjlabs.keras.models.Model;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A functional model's config, as Keras's {@code functional_from_config} reads it and
 * {@code Functional.get_config} writes it: {@code layers}, each with its {@code inbound_nodes},
 * then {@code input_layers} and {@code output_layers} as {@code [layer, node, tensor]} triples.
 *
 * <p>A node is Keras 3's {@code {"args": [...], "kwargs": {...}}}, whose tensors are
 * {@code __keras_tensor__} entries with a {@code keras_history}, or Keras 2's list of
 * {@code [layer, node, tensor, kwargs]} entries (a recurrent layer's initial states follow its
 * input there, and come as the {@code initial_state} keyword in Keras 3). Layers are created in
 * the config's order and each node is applied as soon as the nodes it reads exist, as Keras
 * does.
 */
final class FunctionalConfig {
  private FunctionalConfig() {}

  /** The model of a {@code Functional} (Keras 3) or {@code Model} (tf.keras 2) config. */
  static Model fromConfig(JsonNode config, Source source) {
    JsonNode layers = config.path("layers");
    if (!layers.isArray()) {
      throw new IllegalArgumentException("the functional model config has no layer list");
    }
    Map<String, Layer> created = new LinkedHashMap<>();
    Map<Layer, Deque<JsonNode>> pending = new IdentityHashMap<>();
    for (JsonNode entry : layers) {
      Layer layer = KerasLayers.get(entry, source);
      String name = entry.hasNonNull("name") ? entry.get("name").asText() : layer.name();
      if (created.put(name, layer) != null) {
        throw new IllegalArgumentException("the model config holds two layers named " + name);
      }
      Deque<JsonNode> nodes = new ArrayDeque<>();
      entry.path("inbound_nodes").forEach(nodes::add);
      if (!(layer instanceof InputLayer)) {
        pending.put(layer, nodes);
      }
    }
    source.checkInputShapesUsed();
    boolean progress = true;
    while (!pending.isEmpty() && progress) {
      progress = false;
      for (Layer layer : new ArrayList<>(created.values())) {
        Deque<JsonNode> nodes = pending.get(layer);
        if (nodes == null) {
          continue;
        }
        while (!nodes.isEmpty()) {
          List<KerasTensor> inputs = tensors(nodes.peek(), created, layer, source);
          if (inputs == null) {
            break;
          }
          nodes.pop();
          layer.applyAll(inputs);
          progress = true;
        }
        if (nodes.isEmpty()) {
          pending.remove(layer);
        }
      }
    }
    if (!pending.isEmpty()) {
      Layer stuck = pending.keySet().iterator().next();
      throw new IllegalArgumentException("layer " + stuck.name() + " reads a tensor that no"
          + " layer of the config produces (" + pending.get(stuck).peek() + ")");
    }
    List<KerasTensor> inputs = triples(config.get("input_layers"), created, "input_layers");
    List<KerasTensor> outputs = triples(config.get("output_layers"), created, "output_layers");
    String name = config.path("name").asText("functional");
    JsonNode outputNames = config.get("output_layers");
    if (outputNames.isObject()) { // Keras 3's dict outputs: their keys name them
      Map<String, KerasTensor> in = new LinkedHashMap<>();
      inputs.forEach(t -> in.put(t.layer().name(), t));
      Map<String, KerasTensor> out = new LinkedHashMap<>();
      List<String> keys = new ArrayList<>();
      outputNames.fieldNames().forEachRemaining(keys::add);
      for (int i = 0; i < keys.size(); i++) {
        out.put(keys.get(i), outputs.get(i));
      }
      return new Model(in, out, name);
    }
    return new Model(inputs, outputs, name);
  }

  /** A node's input tensors, or null while a layer it reads has not yet made that node. */
  private static List<KerasTensor> tensors(JsonNode node, Map<String, Layer> created, Layer layer,
      Source source) {
    List<JsonNode> history = new ArrayList<>();
    if (node.isObject()) { // Keras 3
      collectHistories(node.path("args"), history);
      JsonNode kwargs = node.path("kwargs");
      kwargs.fieldNames().forEachRemaining(k -> {
        JsonNode v = kwargs.get(k);
        if (k.equals("initial_state") && (layer instanceof RNN || layer instanceof Bidirectional)
            && !v.isNull()) {
          collectHistories(v, history); // the states follow the input, as in Keras 2's nodes
        } else if (!v.isNull() && !k.equals("training") && !k.equals("mask")) {
          throw new IllegalArgumentException("layer " + layer.name() + " (" + layer.kerasType()
              + "): calling it with " + k + " is not supported");
        }
      });
    } else if (node.isArray()) { // Keras 2
      for (JsonNode e : node) {
        if (!e.isArray() || e.size() < 3) {
          throw new IllegalArgumentException("layer " + layer.name() + ": an inbound node entry"
              + " " + e + " is not [layer, node, tensor, kwargs]");
        }
        JsonNode kwargs = e.size() > 3 ? e.get(3) : null;
        if (kwargs != null && kwargs.isObject()) {
          kwargs.fieldNames().forEachRemaining(k -> {
            if (!k.equals("training") && !k.equals("mask") && !kwargs.get(k).isNull()) {
              throw new IllegalArgumentException("layer " + layer.name() + " ("
                  + layer.kerasType() + "): calling it with " + k + " is not supported");
            }
          });
        }
        history.add(e);
      }
    } else {
      throw new IllegalArgumentException("layer " + layer.name() + ": inbound node " + node
          + " is neither Keras 3's {args, kwargs} nor Keras 2's list");
    }
    if (history.isEmpty()) {
      throw new IllegalArgumentException("layer " + layer.name() + ": an inbound node without"
          + " input tensors");
    }
    List<KerasTensor> out = new ArrayList<>();
    for (JsonNode h : history) {
      KerasTensor t = tensor(h, created, layer.name(), false);
      if (t == null) {
        return null;
      }
      out.add(t);
    }
    return out;
  }

  /** The {@code keras_history} triples of a Keras 3 argument structure, in order. */
  private static void collectHistories(JsonNode arg, List<JsonNode> out) {
    if (arg.isArray()) {
      arg.forEach(a -> collectHistories(a, out));
    } else if (arg.isObject()) {
      if (arg.path("class_name").asText().equals("__keras_tensor__")) {
        out.add(arg.path("config").path("keras_history"));
      } else {
        arg.forEach(a -> collectHistories(a, out));
      }
    }
  }

  /**
   * The tensor of a {@code [layer, node, tensor]} triple; null when that node is not made yet
   * (unless {@code required}, for the model's inputs and outputs).
   */
  private static KerasTensor tensor(JsonNode triple, Map<String, Layer> created, String reader,
      boolean required) {
    String name = triple.path(0).asText();
    int nodeIndex = triple.path(1).asInt();
    int tensorIndex = triple.path(2).asInt();
    Layer from = created.get(name);
    if (from == null) {
      throw new IllegalArgumentException(reader + " reads layer " + name + ", which the model"
          + " config does not hold");
    }
    if (nodeIndex < 0 || tensorIndex < 0) {
      throw new IllegalArgumentException(reader + " names call " + nodeIndex + ", output "
          + tensorIndex + " of layer " + name + ": an index cannot be negative");
    }
    if (from.inboundNodes().size() <= nodeIndex) {
      if (required) {
        throw new IllegalArgumentException(reader + " names call " + nodeIndex + " of layer "
            + name + ", which has " + from.inboundNodes().size());
      }
      return null;
    }
    Node node = from.inboundNodes().get(nodeIndex);
    if (node.outputs().size() <= tensorIndex) {
      throw new IllegalArgumentException(reader + " reads output " + tensorIndex + " of layer "
          + name + ", which has " + node.outputs().size());
    }
    return node.outputs().get(tensorIndex);
  }

  /**
   * {@code input_layers} or {@code output_layers}: a list of triples, one triple, or Keras 3's
   * dict of triples by name (in its order).
   */
  private static List<KerasTensor> triples(JsonNode list, Map<String, Layer> created,
      String key) {
    if (list == null || !(list.isArray() || list.isObject()) || list.isEmpty()) {
      throw new IllegalArgumentException("the functional model config has no " + key);
    }
    List<KerasTensor> out = new ArrayList<>();
    if (list.isArray() && list.get(0).isTextual()) {
      out.add(tensor(list, created, key, true));
    } else {
      list.forEach(t -> out.add(tensor(t, created, key, true)));
    }
    return out;
  }

  // ---------------------------------------------------------------- to Keras

  /**
   * Keras 3's {@code Functional.get_config}: every layer with its calls in this model as
   * {@code inbound_nodes} (node indices counted among this model's calls, as Keras renumbers
   * them), then the inputs and outputs.
   */
  static Map<String, Object> config(Model model) {
    Map<Node, Integer> index = new IdentityHashMap<>();
    Map<Layer, Integer> counts = new IdentityHashMap<>();
    List<Node> inModel = new ArrayList<>();
    for (Layer layer : model.layers()) {
      for (Node node : layer.inboundNodes()) {
        if (node.isInput() ? model.inputs().contains(node.outputs().get(0))
            : model.nodes().contains(node)) {
          index.put(node, counts.merge(layer, 1, Integer::sum) - 1);
          inModel.add(node);
        }
      }
    }
    List<Object> layers = new ArrayList<>();
    for (Layer layer : model.layers()) {
      Map<String, Object> s = KerasConfig.serialize(layer);
      if (layer instanceof InputLayer) {
        s.remove("build_config");
      }
      s.put("name", layer.name());
      List<Object> nodes = new ArrayList<>();
      for (Node node : inModel) {
        if (node.layer() == layer && !node.isInput()) {
          List<Object> args = new ArrayList<>();
          List<Object> tensors = new ArrayList<>();
          node.inputs().forEach(t -> tensors.add(kerasTensor(t, index)));
          Map<String, Object> kwargs = new LinkedHashMap<>();
          if ((layer instanceof RNN || layer instanceof Bidirectional) && tensors.size() > 1) {
            kwargs.put("initial_state", tensors.subList(1, tensors.size()));
            args.add(tensors.get(0));
          } else {
            args.add(tensors.size() == 1 ? tensors.get(0) : tensors);
          }
          Map<String, Object> n = new LinkedHashMap<>();
          n.put("args", args);
          n.put("kwargs", kwargs);
          nodes.add(n);
        }
      }
      s.put("inbound_nodes", nodes);
      layers.add(s);
    }
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("name", model.name());
    c.put("trainable", true);
    c.put("layers", layers);
    c.put("input_layers", model.inputs().stream().map(t -> triple(t, index)).toList());
    List<String> names = model.outputNames();
    List<String> layerNames = model.outputs().stream().map(t -> t.layer().name()).toList();
    if (names.equals(layerNames)) {
      c.put("output_layers", model.outputs().stream().map(t -> triple(t, index)).toList());
    } else { // outputs named by the model (Keras's dict outputs)
      Map<String, Object> byName = new LinkedHashMap<>();
      for (int i = 0; i < names.size(); i++) {
        byName.put(names.get(i), triple(model.outputs().get(i), index));
      }
      c.put("output_layers", byName);
    }
    return c;
  }

  private static List<Object> triple(KerasTensor t, Map<Node, Integer> index) {
    return List.of(t.layer().name(), index.get(t.node()), t.tensorIndex());
  }

  private static Map<String, Object> kerasTensor(KerasTensor t, Map<Node, Integer> index) {
    List<Integer> shape = new ArrayList<>();
    shape.add(null);
    for (int d : t.shape()) {
      shape.add(d < 0 ? null : d);
    }
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("shape", shape);
    config.put("dtype", "float32");
    config.put("keras_history", triple(t, index));
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("class_name", "__keras_tensor__");
    e.put("config", config);
    return e;
  }
}
