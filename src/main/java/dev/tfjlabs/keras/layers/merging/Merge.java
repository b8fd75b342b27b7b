package dev.tfjlabs.keras.layers.merging;

import dev.tfjlabs.keras.layers.CallContext;
import dev.tfjlabs.keras.layers.Layer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code Merge}: the base of the element-wise merge layers ({@link Add},
 * {@link Subtract}, {@link Multiply}, {@link Average}, {@link Maximum}, {@link Minimum}). They
 * take two or more tensors of one rank whose sample shapes agree dimension by dimension, a
 * dimension of 1 broadcasting against any size, as Keras's
 * {@code _compute_elemwise_op_output_shape} allows; no weights.
 */
public abstract class Merge extends Layer {

  protected Merge(String name) {
    super(name);
  }

  @Override
  protected final int[] doBuild(int[] inputShape) {
    throw new IllegalArgumentException("A merge layer should be called on a list of inputs;"
        + " layer " + name() + " (" + kerasType() + ") got one");
  }

  @Override
  protected List<int[]> doBuildAll(List<int[]> shapes) {
    if (shapes.size() < 2) {
      throw new IllegalArgumentException("A merge layer should be called on a list of at least 2"
          + " inputs; layer " + name() + " (" + kerasType() + ") got " + shapes.size());
    }
    int[] out = shapes.get(0).clone();
    for (int[] s : shapes.subList(1, shapes.size())) {
      if (s.length != out.length) {
        throw incompatible(shapes);
      }
      for (int i = 0; i < s.length; i++) {
        if (out[i] == 1 || out[i] == -1 && s[i] != 1) {
          out[i] = s[i];
        } else if (s[i] != 1 && s[i] != -1 && s[i] != out[i]) {
          throw incompatible(shapes);
        }
      }
    }
    return List.of(out);
  }

  /** Keras's message for shapes that do not merge, naming the layer. */
  protected final IllegalArgumentException incompatible(List<int[]> shapes) {
    return new IllegalArgumentException("layer " + name() + " (" + kerasType() + "): inputs have"
        + " incompatible shapes " + shapes.stream().map(Arrays::toString).toList());
  }

  @Override
  public final Operand<TFloat32> call(Operand<TFloat32> x, CallContext ctx) {
    throw new IllegalStateException("a merge layer computes on a list of inputs");
  }

  @Override
  public List<Operand<TFloat32>> callAll(List<Operand<TFloat32>> inputs, CallContext ctx) {
    Operand<TFloat32> out = inputs.get(0);
    for (Operand<TFloat32> next : inputs.subList(1, inputs.size())) {
      out = combine(ctx.tf(), out, next);
    }
    return List.of(finish(ctx.tf(), out, inputs.size()));
  }

  /** Folds the next input into the running result. */
  protected abstract Operand<TFloat32> combine(Ops tf, Operand<TFloat32> acc,
      Operand<TFloat32> next);

  /** The result after every input is folded in (the mean divides by the count). */
  protected Operand<TFloat32> finish(Ops tf, Operand<TFloat32> acc, int count) {
    return acc;
  }

  /** The base config only: {@code name}, {@code trainable}, {@code dtype}. */
  @Override
  protected void addConfig(Map<String, Object> config) {}
}
