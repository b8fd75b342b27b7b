package dev.tfjlabs.keras.backend;

import dev.tfjlabs.keras.data.FloatArray;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/** Conversions between {@link FloatArray} batches and tensors. Callers close what they get. */
public final class Tensors {
  private Tensors() {}

  /** The samples {@code order[from..to)} of {@code data} as one tensor [to - from, ...]. */
  public static TFloat32 batch(FloatArray data, int[] order, int from, int to) {
    float[] values = new float[(to - from) * data.rowSize()];
    data.gatherInto(order, from, to, values);
    return TFloat32.tensorOf(shape(to - from, data.sampleShape()), DataBuffers.of(values, true, false));
  }

  /** Samples {@code from..to) of {@code data} as one tensor. */
  public static TFloat32 slice(FloatArray data, int from, int to) {
    int n = to - from;
    float[] values = new float[n * data.rowSize()];
    System.arraycopy(data.values(), from * data.rowSize(), values, 0, values.length);
    return TFloat32.tensorOf(shape(n, data.sampleShape()), DataBuffers.of(values, true, false));
  }

  /** A tensor of the given shape and values. */
  public static TFloat32 of(int[] shape, float[] values) {
    long[] dims = new long[shape.length];
    for (int i = 0; i < shape.length; i++) {
      dims[i] = shape[i];
    }
    return TFloat32.tensorOf(Shape.of(dims), DataBuffers.of(values, true, false));
  }

  public static TInt64 longs(long... values) {
    return TInt64.vectorOf(values);
  }

  /** All values of a float tensor, row-major. */
  public static float[] values(TFloat32 t) {
    float[] out = new float[(int) t.shape().size()];
    t.copyTo(DataBuffers.of(out, false, false));
    return out;
  }

  /** The shape of a tensor as ints. */
  public static int[] dims(TFloat32 t) {
    long[] s = t.shape().asArray();
    int[] out = new int[s.length];
    for (int i = 0; i < s.length; i++) {
      out[i] = (int) s[i];
    }
    return out;
  }

  private static Shape shape(int rows, int[] sample) {
    long[] dims = new long[sample.length + 1];
    dims[0] = rows;
    for (int i = 0; i < sample.length; i++) {
      dims[i + 1] = sample[i];
    }
    return Shape.of(dims);
  }
}
