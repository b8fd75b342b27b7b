package dev.tfjlabs.keras.layers.merging;

import dev.tfjlabs.keras.config.Config;
import dev.tfjlabs.keras.layers.CallContext;
import dev.tfjlabs.keras.layers.Layer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * {@code keras.layers.Concatenate(axis=-1)}: joins two or more tensors along {@code axis} (counted
 * as Keras counts it, the batch being axis 0; negative from the end). Every other dimension must
 * agree. No weights.
 */
public final class Concatenate extends Layer {
  private final int axis;

  /** Joins along the last axis, Keras's default. */
  public Concatenate(String name) {
    this(-1, name);
  }

  public Concatenate(int axis, String name) {
    super(name);
    if (axis == 0) {
      throw new IllegalArgumentException("Concatenate cannot join along the batch axis (0)");
    }
    this.axis = axis;
  }

  /** Keras's {@code Concatenate.from_config}: {@code axis}. */
  public static Concatenate fromConfig(Config c) {
    var a = c.get("axis");
    if (a != null && !a.isInt()) {
      throw c.unsupported("axis", a);
    }
    return new Concatenate(a == null ? -1 : a.asInt(), c.name());
  }

  public int axis() {
    return axis;
  }

  /** The axis within a sample (the batch left out), for inputs of {@code rank} sample dims. */
  private int sampleAxis(int rank) {
    int a = axis < 0 ? rank + 1 + axis : axis;
    if (a < 1 || a > rank) {
      throw new IllegalArgumentException("layer " + name() + " (Concatenate): axis " + axis
          + " is out of range for inputs of " + (rank + 1) + " dimensions");
    }
    return a - 1;
  }

  @Override
  protected int[] doBuild(int[] inputShape) {
    throw new IllegalArgumentException("A Concatenate layer should be called on a list of at"
        + " least 2 inputs; layer " + name() + " got one");
  }

  @Override
  protected List<int[]> doBuildAll(List<int[]> shapes) {
    if (shapes.size() < 2) {
      return List.of(doBuild(shapes.get(0)));
    }
    int rank = shapes.get(0).length;
    int a = sampleAxis(rank);
    int[] out = shapes.get(0).clone();
    for (int[] s : shapes.subList(1, shapes.size())) {
      boolean fits = s.length == rank;
      for (int i = 0; fits && i < rank; i++) {
        fits = i == a || s[i] == out[i] || s[i] == -1 || out[i] == -1;
      }
      if (!fits) {
        throw new IllegalArgumentException("layer " + name() + " (Concatenate) requires inputs"
            + " with matching shapes except for the concatenation axis " + axis + ", got "
            + shapes.stream().map(Arrays::toString).toList());
      }
      out[a] = out[a] < 0 || s[a] < 0 ? -1 : out[a] + s[a];
    }
    return List.of(out);
  }

  @Override
  public Operand<TFloat32> call(Operand<TFloat32> x, CallContext ctx) {
    throw new IllegalStateException("Concatenate computes on a list of inputs");
  }

  @Override
  public List<Operand<TFloat32>> callAll(List<Operand<TFloat32>> inputs, CallContext ctx) {
    int a = sampleAxis(inputShape().length) + 1;
    return List.of(ctx.tf().concat(inputs, ctx.tf().constant(a)));
  }

  @Override
  protected void addConfig(Map<String, Object> c) {
    c.put("axis", axis);
  }
}
