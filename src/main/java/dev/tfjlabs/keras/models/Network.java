package dev.tfjlabs.keras.models;

import dev.tfjlabs.keras.layers.KerasTensor;
import dev.tfjlabs.keras.layers.Layer;
import dev.tfjlabs.keras.layers.Node;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The graph of a functional model, as Keras's {@code map_graph} orders it: the nodes that lead
 * from the inputs to the outputs, each after the nodes it reads ({@link #nodes}), and the layers
 * by decreasing depth, ties in the order a walk back from the outputs first meets them
 * ({@link #layers}: Keras's {@code model.layers}, the order of {@code get_weights}).
 *
 * <p>Refused in one line: an output that cannot be computed from the inputs ("graph
 * disconnected", also a tensor of another model), an input that no output uses, a repeated
 * input, two layers of one name.
 */
final class Network {
  private final List<KerasTensor> inputs;
  private final List<KerasTensor> outputs;
  private final List<Node> nodes = new ArrayList<>();
  private final List<Layer> layers = new ArrayList<>();

  Network(List<KerasTensor> inputs, List<KerasTensor> outputs) {
    if (inputs.isEmpty() || outputs.isEmpty()) {
      throw new IllegalArgumentException("a model needs at least one input and one output");
    }
    this.inputs = List.copyOf(inputs);
    this.outputs = List.copyOf(outputs);
    Set<KerasTensor> inputSet = Collections.newSetFromMap(new IdentityHashMap<>());
    for (KerasTensor x : inputs) {
      if (!x.node().isInput()) {
        throw new IllegalArgumentException("the model input " + x + " is not an Input; a model"
            + " starts from Input.of(...) tensors");
      }
      if (!inputSet.add(x)) {
        throw new IllegalArgumentException("the input " + x.layer().name()
            + " is given twice; a model takes each input once");
      }
    }
    Map<Layer, Integer> firstSeen = new IdentityHashMap<>();
    Set<Node> finished = Collections.newSetFromMap(new IdentityHashMap<>());
    Set<Node> inProgress = Collections.newSetFromMap(new IdentityHashMap<>());
    for (KerasTensor out : outputs) {
      walk(out, inputSet, finished, inProgress, firstSeen);
    }
    checkComputable(inputSet);
    for (KerasTensor x : inputs) {
      if (!firstSeen.containsKey(x.layer())) {
        throw new IllegalArgumentException("the input " + x.layer().name() + " is used by no"
            + " output; leave it out of the model's inputs");
      }
    }
    orderLayers(firstSeen);
    nodes.removeIf(Node::isInput);
    Map<String, Layer> byName = new HashMap<>();
    for (Layer layer : layers) {
      Layer other = byName.put(layer.name(), layer);
      if (other != null) {
        throw new IllegalArgumentException("the name \"" + layer.name() + "\" is used by two"
            + " layers of the model; all layer names must be unique");
      }
    }
  }

  /** Keras's {@code _build_map_helper}: a depth-first walk back from {@code tensor}. */
  private void walk(KerasTensor tensor, Set<KerasTensor> inputSet, Set<Node> finished,
      Set<Node> inProgress, Map<Layer, Integer> firstSeen) {
    Node node = tensor.node();
    if (finished.contains(node)) {
      return;
    }
    if (inProgress.contains(node)) {
      throw new IllegalArgumentException("the tensor of layer " + node.layer().name()
          + " is part of a cycle");
    }
    firstSeen.putIfAbsent(node.layer(), firstSeen.size());
    inProgress.add(node);
    if (!node.isInput()) {
      for (KerasTensor in : node.inputs()) {
        walk(in, inputSet, finished, inProgress, firstSeen);
      }
    }
    finished.add(node);
    inProgress.remove(node);
    nodes.add(node);
  }

  /**
   * Every input node the outputs need is a model input (the walk visits each node after those
   * it reads, so the other nodes follow).
   */
  private void checkComputable(Set<KerasTensor> inputSet) {
    Set<KerasTensor> computable = Collections.newSetFromMap(new IdentityHashMap<>());
    computable.addAll(inputSet);
    for (Node node : nodes) {
      if (node.isInput() && !computable.contains(node.outputs().get(0))) {
        throw new IllegalArgumentException("graph disconnected: the model's outputs need the"
            + " input " + node.layer().name() + ", which is not among its inputs");
      }
      computable.addAll(node.outputs());
    }
  }

  /**
   * Keras's order of {@code model.layers}: each layer at its greatest depth (the longest path to
   * an output), deepest first, ties by {@code firstSeen}.
   */
  private void orderLayers(Map<Layer, Integer> firstSeen) {
    Map<Node, Integer> nodeDepth = new IdentityHashMap<>();
    Map<Layer, Integer> layerDepth = new IdentityHashMap<>();
    for (int i = nodes.size() - 1; i >= 0; i--) {
      Node node = nodes.get(i);
      int depth = Math.max(nodeDepth.getOrDefault(node, 0),
          layerDepth.getOrDefault(node.layer(), 0));
      layerDepth.put(node.layer(), depth);
      nodeDepth.put(node, depth);
      for (KerasTensor in : node.inputs()) {
        nodeDepth.merge(in.node(), depth + 1, Math::max);
      }
    }
    Map<Integer, List<Layer>> byDepth = new HashMap<>();
    layerDepth.forEach((layer, d) -> byDepth.computeIfAbsent(d, k -> new ArrayList<>()).add(layer));
    byDepth.keySet().stream().sorted(Collections.reverseOrder()).forEach(d -> {
      List<Layer> at = byDepth.get(d);
      at.sort((a, b) -> Integer.compare(firstSeen.get(a), firstSeen.get(b)));
      layers.addAll(at);
    });
  }

  List<KerasTensor> inputs() {
    return inputs;
  }

  List<KerasTensor> outputs() {
    return outputs;
  }

  /** The nodes to run, each after those it reads; the inputs' own nodes left out. */
  List<Node> nodes() {
    return Collections.unmodifiableList(nodes);
  }

  /** The layers, input layers included, in Keras's order. */
  List<Layer> layers() {
    return Collections.unmodifiableList(layers);
  }

}
