package dev.tfjlabs.keras.models;

import dev.tfjlabs.keras.layers.InputLayer;
import dev.tfjlabs.keras.layers.Input;
import dev.tfjlabs.keras.layers.KerasTensor;
import dev.tfjlabs.keras.layers.Layer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code keras.Sequential}: a {@link Model} built as a chain, each layer applied to the output
 * of the one before, from an input of a fixed sample shape. Layers are built as they are added;
 * unnamed ones get Keras's names counted within the model ({@code dense}, {@code dense_1}).
 * {@link #layers()} leaves out the input layer, as Keras's does.
 */
public final class Sequential extends Model {
  private final KerasTensor input;
  private KerasTensor output;
  private final Map<String, Integer> nameCounts = new HashMap<>();

  /** A model named {@code name} taking samples of {@code inputShape} (without the batch). */
  public Sequential(String name, int... inputShape) {
    super(name);
    if (inputShape.length == 0) {
      throw new IllegalArgumentException("Sequential needs the shape of one input sample");
    }
    input = Input.of("input_layer", inputShape);
    output = input;
    define(new Network(List.of(input), List.of(output)));
  }

  @Override
  public Sequential seed(long value) {
    super.seed(value);
    return this;
  }

  /** Adds and builds a layer; unnamed layers get Keras's names ({@code dense}, {@code dense_1}). */
  public Sequential add(Layer layer) {
    if (layer instanceof InputLayer) {
      throw new IllegalArgumentException("a Sequential model has its input already; add layers");
    }
    if (layer.name() == null) {
      String base = layer.defaultName();
      int n = nameCounts.merge(base, 1, Integer::sum) - 1;
      layer.setName(n == 0 ? base : base + "_" + n);
    }
    KerasTensor next = layer.apply(output);
    define(new Network(List.of(input), List.of(next)));
    output = next;
    return this;
  }

  /** Keras's {@code Sequential.layers}: the added layers, without the input layer. */
  @Override
  public List<Layer> layers() {
    List<Layer> all = super.layers();
    return all.subList(1, all.size());
  }
}
