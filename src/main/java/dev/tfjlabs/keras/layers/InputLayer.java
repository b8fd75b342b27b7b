package dev.tfjlabs.keras.layers;

import dev.tfjlabs.keras.config.Config;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code InputLayer}: where a functional model's data enters. It has no weights; its
 * only node, made with the layer, has no inputs and one output ({@link #output()}, the tensor
 * {@link Input#of} returns). Keras 3 names it {@code input_layer}, {@code input_layer_1}, ...
 */
public final class InputLayer extends Layer {
  private final int[] shape;

  /** An input of samples of {@code shape} (without the batch); a null name gets Keras's. */
  public InputLayer(String name, int... shape) {
    super(name);
    if (shape.length == 0) {
      throw new IllegalArgumentException("an Input needs the shape of one sample, such as (28, 28)");
    }
    for (int d : shape) {
      if (d == 0 || d < -1) {
        throw new IllegalArgumentException("an Input's dimensions are positive (or -1 for any"
            + " size), got " + java.util.Arrays.toString(shape));
      }
    }
    this.shape = shape.clone();
    startNode();
  }

  /** Keras's {@code InputLayer.from_config}: {@code batch_shape} (3) or Keras 2's {@code batch_input_shape}. */
  public static InputLayer fromConfig(Config c) {
    var shape = c.has("batch_shape") ? c.get("batch_shape") : c.get("batch_input_shape");
    c.ignore("batch_input_shape");
    c.ignore("batch_shape");
    c.fixed("sparse", false);
    c.fixed("ragged", false);
    c.fixed("optional", false);
    c.none("input_tensor");
    if (shape == null || !shape.isArray() || shape.size() < 2) {
      throw new IllegalArgumentException(c.who() + ": batch_shape must hold the batch and at"
          + " least one more dimension, got " + shape);
    }
    int[] sample = new int[shape.size() - 1];
    for (int i = 1; i < shape.size(); i++) {
      sample[i - 1] = shape.get(i).isNull() ? -1 : shape.get(i).asInt();
    }
    InputLayer layer = new InputLayer(c.name(), c.source().inputShape(c.name(), sample));
    c.done();
    return layer;
  }

  /** The sample shape this input takes. */
  public int[] shape() {
    return shape.clone();
  }

  @Override
  protected int[] doBuild(int[] inputShape) {
    return inputShape;
  }

  @Override
  public Operand<TFloat32> call(Operand<TFloat32> x, CallContext ctx) {
    return x;
  }

  /** Keras 3's config: {@code batch_shape} with a null batch, {@code sparse}, {@code ragged}. */
  @Override
  protected void addConfig(Map<String, Object> c) {
    Object[] batch = new Object[shape.length + 1];
    for (int i = 0; i < shape.length; i++) {
      batch[i + 1] = shape[i] < 0 ? null : shape[i];
    }
    c.put("batch_shape", java.util.Arrays.asList(batch));
    c.put("sparse", false);
    c.put("ragged", false);
  }

  @Override
  public String defaultName() {
    return "input_layer";
  }

}
