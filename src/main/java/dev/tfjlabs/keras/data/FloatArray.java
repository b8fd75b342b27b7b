package dev.tfjlabs.keras.data;

import java.util.Arrays;

/**
 * A dense row-major float array whose first dimension counts samples: what a NumPy array is to a
 * Keras user. Immutable by convention: methods return new arrays.
 */
public final class FloatArray {
  private final float[] values;
  private final int[] shape;
  private final int rowSize;

  /** Wraps {@code values} (not copied) with the given shape. */
  public FloatArray(float[] values, int... shape) {
    if (shape.length == 0) {
      throw new IllegalArgumentException("shape needs at least the sample dimension");
    }
    long size = 1;
    for (int d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
      }
      size *= d;
    }
    if (size != values.length) {
      throw new IllegalArgumentException(
          "shape " + Arrays.toString(shape) + " needs " + size + " values, got " + values.length);
    }
    this.values = values;
    this.shape = shape.clone();
    this.rowSize = shape[0] == 0 ? sizeOf(shape, 1) : values.length / shape[0];
  }

  private static int sizeOf(int[] shape, int from) {
    int s = 1;
    for (int i = from; i < shape.length; i++) {
      s *= shape[i];
    }
    return s;
  }

  /** A one-dimensional array of the given values. */
  public static FloatArray of(float... values) {
    return new FloatArray(values, values.length);
  }

  /** Number of samples (the first dimension). */
  public int rows() {
    return shape[0];
  }

  /** Values per sample. */
  public int rowSize() {
    return rowSize;
  }

  public int[] shape() {
    return shape.clone();
  }

  /** Shape without the sample dimension. */
  public int[] sampleShape() {
    return Arrays.copyOfRange(shape, 1, shape.length);
  }

  /** The backing values (not a copy; do not modify). */
  public float[] values() {
    return values;
  }

  public float get(int row, int column) {
    return values[row * rowSize + column];
  }

  /** Copies one sample's values. */
  public float[] row(int row) {
    return Arrays.copyOfRange(values, row * rowSize, (row + 1) * rowSize);
  }

  /** Samples {@code from} (inclusive) to {@code to} (exclusive). */
  public FloatArray slice(int from, int to) {
    if (from < 0 || to > rows() || from > to) {
      throw new IllegalArgumentException(
          "slice [" + from + ", " + to + ") out of range for " + rows() + " samples");
    }
    int[] s = shape.clone();
    s[0] = to - from;
    return new FloatArray(Arrays.copyOfRange(values, from * rowSize, to * rowSize), s);
  }

  /** The samples at {@code indices}, in that order. */
  public FloatArray take(int[] indices) {
    float[] out = new float[indices.length * rowSize];
    gatherInto(indices, 0, indices.length, out);
    int[] s = shape.clone();
    s[0] = indices.length;
    return new FloatArray(out, s);
  }

  /**
   * Copies the samples {@code indices[from..to)} into {@code out}, which must hold at least
   * {@code (to - from) * rowSize()} values; used to fill one mini-batch without allocating.
   */
  public void gatherInto(int[] indices, int from, int to, float[] out) {
    for (int i = from; i < to; i++) {
      System.arraycopy(values, indices[i] * rowSize, out, (i - from) * rowSize, rowSize);
    }
  }

  /** numpy's {@code argmax(axis=-1)} of a [rows, n] array: each row's first largest index. */
  public int[] argmax() {
    int n = rowSize();
    int[] out = new int[rows()];
    for (int i = 0; i < out.length; i++) {
      for (int c = 1; c < n; c++) {
        if (values[i * n + c] > values[i * n + out[i]]) {
          out[i] = c;
        }
      }
    }
    return out;
  }

  public FloatArray reshape(int... newShape) {
    return new FloatArray(values, newShape);
  }

  @Override
  public String toString() {
    return "FloatArray" + Arrays.toString(shape);
  }
}
