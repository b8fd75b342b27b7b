package dev.tfjlabs.keras.layers;

import java.util.Arrays;

/**
 * Keras's {@code KerasTensor}: a symbolic tensor of a functional model. It holds the shape of one
 * sample (without the batch dimension; -1 for an unknown size) and its {@code keras_history}:
 * the node that produced it and its index among that node's outputs. {@link Input} makes the
 * first ones; {@link Layer#apply} makes the others.
 */
public final class KerasTensor {
  private final int[] shape;
  private final Node node;
  private final int index;

  KerasTensor(int[] shape, Node node, int index) {
    this.shape = shape.clone();
    this.node = node;
    this.index = index;
  }

  /** The shape of one sample (the batch dimension left out). */
  public int[] shape() {
    return shape.clone();
  }

  /** The node whose output this is. */
  public Node node() {
    return node;
  }

  /** The layer that produced this tensor ({@code keras_history[0]}). */
  public Layer layer() {
    return node.layer();
  }

  /** Which of its layer's calls produced it ({@code keras_history[1]}). */
  public int nodeIndex() {
    return node.index();
  }

  /** Its place among that call's outputs ({@code keras_history[2]}). */
  public int tensorIndex() {
    return index;
  }

  @Override
  public String toString() {
    return "<KerasTensor shape=(None, " + Arrays.toString(shape).replaceAll("[\\[\\]]", "")
        .replace("-1", "None") + "), name=" + layer().name() + ">";
  }
}
