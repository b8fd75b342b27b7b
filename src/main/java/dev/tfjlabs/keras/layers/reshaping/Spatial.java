package dev.tfjlabs.keras.layers.reshaping;

import dev.tfjlabs.keras.config.Config;
import dev.tfjlabs.keras.layers.CallContext;
import dev.tfjlabs.keras.layers.Layer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.StridedSlice;
import org.tensorflow.types.TFloat32;

/**
 * Keras's per-axis reshaping of sequences (1D: [steps, channels]), images (2D: [height,
 * width, channels]) and volumes (3D: [depth, height, width, channels]), channels last: {@code ZeroPadding} adds zeros before and after each
 * spatial axis, {@code Cropping} removes them, {@code UpSampling} repeats each step or pixel
 * ({@code nearest}).
 */
public abstract class Spatial extends Layer {
  /** What the layer does along each spatial axis. */
  protected enum Kind { PAD, CROP, REPEAT }

  private final Kind kind;
  private final int rank;
  /** [axis][before, after] for padding and cropping; [axis][factor] for up-sampling. */
  private final int[][] amounts;

  protected Spatial(Kind kind, int rank, int[][] amounts, String name) {
    super(name);
    for (int[] a : amounts) {
      for (int v : a) {
        if (v < 0 || kind == Kind.REPEAT && v == 0) {
          throw new IllegalArgumentException(getClass().getSimpleName() + " needs "
              + (kind == Kind.REPEAT ? "positive" : "non-negative") + " amounts, got "
              + Arrays.deepToString(amounts));
        }
      }
    }
    this.kind = kind;
    this.rank = rank;
    this.amounts = Arrays.stream(amounts).map(int[]::clone).toArray(int[][]::new);
  }

  /**
   * A config's per-axis amounts: an int for all, a tuple (one per axis, or Keras's 1D
   * {@code (before, after)}), or a tuple of pairs; {@code pairs} for padding and cropping.
   */
  protected static int[][] amounts(Config c, String key, int rank, boolean pairs, int otherwise) {
    c.fixed("data_format", "channels_last");
    var v = c.get(key);
    int[][] out = new int[rank][pairs ? 2 : 1];
    if (v == null) {
      for (int[] a : out) {
        Arrays.fill(a, otherwise);
      }
    } else if (v.isInt()) {
      for (int[] a : out) {
        Arrays.fill(a, v.asInt());
      }
    } else if (v.isArray() && rank == 1 && pairs && v.size() == 2 && v.get(0).isInt()) {
      out[0] = new int[] {v.get(0).asInt(), v.get(1).asInt()};
    } else if (v.isArray() && v.size() == rank) {
      for (int i = 0; i < rank; i++) {
        var e = v.get(i);
        if (e.isInt()) {
          Arrays.fill(out[i], e.asInt());
        } else if (pairs && e.isArray() && e.size() == 2) {
          out[i] = new int[] {e.get(0).asInt(), e.get(1).asInt()};
        } else {
          throw c.unsupported(key, v);
        }
      }
    } else {
      throw c.unsupported(key, v);
    }
    return out;
  }

  @Override
  protected int[] doBuild(int[] in) {
    if (in.length != rank + 1 || Arrays.stream(in).anyMatch(d -> d <= 0)) {
      throw badShape(kerasType(), rank == 1 ? "(steps, channels)" : rank == 2
          ? "(height, width, channels)" : "(depth, height, width, channels)", in);
    }
    int[] out = in.clone();
    for (int i = 0; i < rank; i++) {
      out[i] = switch (kind) {
        case PAD -> in[i] + amounts[i][0] + amounts[i][1];
        case CROP -> in[i] - amounts[i][0] - amounts[i][1];
        case REPEAT -> in[i] * amounts[i][0];
      };
      if (out[i] <= 0) {
        throw new IllegalArgumentException("layer " + name() + " (" + kerasType() + ") crops "
            + amounts[i][0] + " + " + amounts[i][1] + " from an axis of " + in[i]);
      }
    }
    return out;
  }

  @Override
  public Operand<TFloat32> call(Operand<TFloat32> x, CallContext ctx) {
    Ops tf = ctx.tf();
    int[] in = inputShape();
    switch (kind) {
      case PAD -> {
        int[][] p = new int[rank + 2][2];
        for (int i = 0; i < rank; i++) {
          p[i + 1] = amounts[i].clone();
        }
        return tf.pad(x, tf.constant(p), tf.constant(0f));
      }
      case CROP -> {
        int[] begin = new int[rank + 2];
        int[] end = new int[rank + 2];
        for (int i = 0; i < rank; i++) {
          begin[i + 1] = amounts[i][0];
          end[i + 1] = in[i] - amounts[i][1];
        }
        long mask = 1L | (1L << (rank + 1));
        int[] ones = new int[rank + 2];
        Arrays.fill(ones, 1);
        return tf.stridedSlice(x, tf.constant(begin), tf.constant(end), tf.constant(ones),
            StridedSlice.beginMask(mask), StridedSlice.endMask(mask));
      }
      default -> {
        Operand<TFloat32> y = x;
        for (int i = 0; i < rank; i++) {
          int factor = amounts[i][0];
          if (factor > 1) {
            // [.., n, ..] -> [.., n, factor, ..] -> [.., n * factor, ..]: each repeated in place
            List<Integer> shape = new ArrayList<>();
            shape.add(-1);
            int[] cur = outputShapeSoFar(in, i);
            for (int k = 0; k < cur.length; k++) {
              shape.add(cur[k]);
              if (k == i) {
                shape.add(1);
              }
            }
            Operand<TFloat32> expanded = tf.reshape(y, tf.constant(
                shape.stream().mapToInt(Integer::intValue).toArray()));
            int[] multiples = new int[shape.size()];
            Arrays.fill(multiples, 1);
            multiples[i + 2] = factor;
            int[] target = cur.clone();
            target[i] *= factor;
            int[] batched = new int[target.length + 1];
            batched[0] = -1;
            System.arraycopy(target, 0, batched, 1, target.length);
            y = tf.reshape(tf.tile(expanded, tf.constant(multiples)), tf.constant(batched));
          }
        }
        return y;
      }
    }
  }

  /** The sample shape after up-sampling the axes before {@code axis}. */
  private int[] outputShapeSoFar(int[] in, int axis) {
    int[] cur = in.clone();
    for (int i = 0; i < axis; i++) {
      cur[i] *= amounts[i][0];
    }
    return cur;
  }

  /** The config's amounts as Keras writes them. */
  protected List<Object> written() {
    List<Object> out = new ArrayList<>();
    for (int[] a : amounts) {
      out.add(a.length == 1 ? (Object) a[0] : List.of(a[0], a[1]));
    }
    return out;
  }

  @Override
  protected void addConfig(Map<String, Object> c) {
    addAmounts(c);
    if (rank > 1) {
      c.put("data_format", "channels_last");
    }
  }

  /** Puts the amounts under the layer's key ({@code padding}, {@code cropping}, {@code size}). */
  protected abstract void addAmounts(Map<String, Object> c);
}
