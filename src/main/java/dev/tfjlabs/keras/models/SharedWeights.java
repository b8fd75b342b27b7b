package dev.tfjlabs.keras.models;

import dev.tfjlabs.keras.layers.Weight;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which open model graph holds the newest value of each weight. A layer's weights belong to the
 * layer, as in Keras, but their values live in each model's TensorFlow graph; models that share
 * layers (a model and a sub-model on its tensors, two models on one layer) keep the same values
 * by each catching up with the graph that last wrote a weight before it runs.
 */
final class SharedWeights {
  private static final Map<Weight, ModelGraph> HOLDERS = new IdentityHashMap<>();

  private SharedWeights() {}

  /** {@code graph} now holds the newest value of each of {@code weights}. */
  static synchronized void claim(ModelGraph graph, List<Weight> weights) {
    weights.forEach(w -> HOLDERS.put(w, graph));
  }

  /** {@code graph} holds those of {@code weights} that no open graph holds. */
  static synchronized void claimUnheld(ModelGraph graph, List<Weight> weights) {
    weights.forEach(w -> HOLDERS.putIfAbsent(w, graph));
  }

  /** The other graphs holding some of {@code weights}, with those weights. */
  static synchronized Map<ModelGraph, List<Weight>> heldElsewhere(ModelGraph graph,
      List<Weight> weights) {
    Map<ModelGraph, List<Weight>> out = new LinkedHashMap<>();
    for (Weight w : weights) {
      ModelGraph holder = HOLDERS.get(w);
      if (holder != null && holder != graph) {
        out.computeIfAbsent(holder, k -> new ArrayList<>()).add(w);
      }
    }
    return out;
  }

  /** A closed graph holds nothing. */
  static synchronized void release(ModelGraph graph) {
    HOLDERS.values().removeIf(g -> g == graph);
  }
}
