package dev.tfjlabs.keras.layers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Keras's {@code Node}: one call of a layer on symbolic tensors, recording which tensors went in
 * and which came out. A layer applied twice (a shared layer) has two nodes and one set of
 * weights. An {@link InputLayer}'s only node has no inputs.
 */
public final class Node {
  private final Layer layer;
  private final List<KerasTensor> inputs;
  private final List<KerasTensor> outputs = new ArrayList<>();

  Node(Layer layer, List<KerasTensor> inputs, List<int[]> outputShapes) {
    this.layer = layer;
    this.inputs = List.copyOf(inputs);
    for (int i = 0; i < outputShapes.size(); i++) {
      outputs.add(new KerasTensor(outputShapes.get(i), this, i));
    }
  }

  public Layer layer() {
    return layer;
  }

  /** The node's place among its layer's calls. */
  public int index() {
    return layer.inboundNodes().indexOf(this);
  }

  public List<KerasTensor> inputs() {
    return inputs;
  }

  public List<KerasTensor> outputs() {
    return Collections.unmodifiableList(outputs);
  }

  /** Whether this is an {@link InputLayer}'s node, where a model's data enters. */
  public boolean isInput() {
    return layer instanceof InputLayer;
  }
}
