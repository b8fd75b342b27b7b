package dev.tfjlabs.keras.layers.merging;

import dev.tfjlabs.keras.config.Config;
import dev.tfjlabs.keras.layers.CallContext;
import dev.tfjlabs.keras.layers.Layer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * {@code keras.layers.Dot(axes, normalize=False)}: the dot product of two tensors along one
 * axis of each, sample by sample (Keras's {@code batch_dot}). For inputs {@code x} of shape
 * {@code (batch, ..a.., n)} and {@code y} of {@code (batch, ..b..)} holding {@code n} along its
 * axis, the output has shape {@code (batch, ..a.., ..b..)}, or {@code (batch, 1)} when nothing
 * else is left. Axes count the batch as 0, negative from the end. With {@code normalize}, each
 * input is first L2-normalised along its axis, {@code x * min(1/sqrt(sum(x^2)), 1e7)}, so that
 * the product is the cosine proximity. No weights.
 */
public final class Dot extends Layer {
  private final int[] axes;
  private final boolean normalize;
  /** The contracted axes within the samples, once built. */
  private int[] sampleAxes;

  /** Contracts axis {@code axes[0]} of the first input with {@code axes[1]} of the second. */
  public Dot(int[] axes, boolean normalize, String name) {
    super(name);
    if (axes.length != 2 && axes.length != 1) {
      throw new IllegalArgumentException("Dot's axes are one axis or a pair, got "
          + Arrays.toString(axes));
    }
    this.axes = axes.length == 1 ? new int[] {axes[0], axes[0]} : axes.clone();
    this.normalize = normalize;
  }

  /** Keras's {@code Dot.from_config}: {@code axes} (an int or a pair), {@code normalize}. */
  public static Dot fromConfig(Config c) {
    var a = c.require("axes");
    int[] axes;
    if (a.isInt()) {
      axes = new int[] {a.asInt()};
    } else if (a.isArray() && a.size() == 2 && a.get(0).isInt() && a.get(1).isInt()) {
      axes = new int[] {a.get(0).asInt(), a.get(1).asInt()};
    } else {
      throw c.unsupported("axes", a);
    }
    return new Dot(axes, c.bool("normalize", false), c.name());
  }

  @Override
  protected int[] doBuild(int[] inputShape) {
    throw new IllegalArgumentException("A Dot layer should be called on a list of 2 inputs;"
        + " layer " + name() + " got one");
  }

  @Override
  protected List<int[]> doBuildAll(List<int[]> shapes) {
    if (shapes.size() != 2) {
      throw new IllegalArgumentException("A Dot layer should be called on a list of 2 inputs;"
          + " layer " + name() + " got " + shapes.size());
    }
    int[] x = shapes.get(0);
    int[] y = shapes.get(1);
    sampleAxes = new int[] {sampleAxis(axes[0], x.length), sampleAxis(axes[1], y.length)};
    for (int[] s : shapes) {
      if (Arrays.stream(s).anyMatch(d -> d < 0)) {
        throw new IllegalArgumentException("layer " + name() + " (Dot) needs inputs of known"
            + " shapes, got " + Arrays.toString(s));
      }
    }
    if (x[sampleAxes[0]] != y[sampleAxes[1]]) {
      throw new IllegalArgumentException("layer " + name() + " (Dot): incompatible input shapes "
          + Arrays.toString(x) + " and " + Arrays.toString(y) + ": dimension " + x[sampleAxes[0]]
          + " along axis " + axes[0] + " against " + y[sampleAxes[1]] + " along axis " + axes[1]);
    }
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < x.length; i++) {
      if (i != sampleAxes[0]) {
        out.add(x[i]);
      }
    }
    for (int i = 0; i < y.length; i++) {
      if (i != sampleAxes[1]) {
        out.add(y[i]);
      }
    }
    if (out.isEmpty()) {
      out.add(1);
    }
    return List.of(out.stream().mapToInt(Integer::intValue).toArray());
  }

  private int sampleAxis(int a, int rank) {
    int k = a < 0 ? rank + 1 + a : a;
    if (k < 1 || k > rank) {
      throw new IllegalArgumentException("layer " + name() + " (Dot): axis " + a + " is out of"
          + " range for inputs of " + (rank + 1) + " dimensions (the batch is axis 0)");
    }
    return k - 1;
  }

  @Override
  public Operand<TFloat32> call(Operand<TFloat32> x, CallContext ctx) {
    throw new IllegalStateException("Dot computes on a list of inputs");
  }

  /** Moves each contracted axis next to the other's, then one batched matrix product. */
  @Override
  public List<Operand<TFloat32>> callAll(List<Operand<TFloat32>> inputs, CallContext ctx) {
    Ops tf = ctx.tf();
    int[] xs = inputShapes().get(0);
    int[] ys = inputShapes().get(1);
    Operand<TFloat32> x = inputs.get(0);
    Operand<TFloat32> y = inputs.get(1);
    if (normalize) {
      x = l2Normalize(tf, x, sampleAxes[0] + 1);
      y = l2Normalize(tf, y, sampleAxes[1] + 1);
    }
    int n = xs[sampleAxes[0]];
    // x: (batch, rest of x, n); y: (batch, n, rest of y)
    Operand<TFloat32> a = tf.reshape(moveAxis(tf, x, sampleAxes[0] + 1, xs.length),
        tf.constant(new int[] {-1, rest(xs, sampleAxes[0]), n}));
    Operand<TFloat32> b = tf.reshape(moveAxis(tf, y, sampleAxes[1] + 1, 1),
        tf.constant(new int[] {-1, n, rest(ys, sampleAxes[1])}));
    Operand<TFloat32> product = tf.train.batchMatMul(a, b, TFloat32.class);
    int[] out = outputShape();
    int[] batched = new int[out.length + 1];
    batched[0] = -1;
    System.arraycopy(out, 0, batched, 1, out.length);
    return List.of(tf.reshape(product, tf.constant(batched)));
  }

  private static int rest(int[] shape, int axis) {
    int r = 1;
    for (int i = 0; i < shape.length; i++) {
      if (i != axis) {
        r *= shape[i];
      }
    }
    return r;
  }

  /** Transposes axis {@code from} of a (batch, sample...) tensor to position {@code to}. */
  private static Operand<TFloat32> moveAxis(Ops tf, Operand<TFloat32> t, int from, int to) {
    int rank = (int) t.shape().numDimensions();
    List<Integer> perm = new ArrayList<>();
    for (int i = 0; i < rank; i++) {
      if (i != from) {
        perm.add(i);
      }
    }
    perm.add(to, from);
    return tf.linalg.transpose(t, tf.constant(perm.stream().mapToInt(Integer::intValue).toArray()));
  }

  /** Keras's {@code normalize(x, axis)}: {@code x * min(rsqrt(sum(x^2)), 1 / 1e-7)}. */
  private static Operand<TFloat32> l2Normalize(Ops tf, Operand<TFloat32> x, int axis) {
    Operand<TFloat32> sum = tf.reduceSum(tf.math.square(x), tf.constant(axis),
        org.tensorflow.op.core.ReduceSum.keepDims(true));
    return tf.math.mul(x, tf.math.minimum(tf.math.rsqrt(sum), tf.constant(1e7f)));
  }

  @Override
  protected void addConfig(Map<String, Object> c) {
    c.put("axes", axes[0] == axes[1] ? (Object) axes[0] : List.of(axes[0], axes[1]));
    c.put("normalize", normalize);
  }
}
