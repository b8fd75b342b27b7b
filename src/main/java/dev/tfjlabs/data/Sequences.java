package dev.tfjlabs.data;

import dev.tfjlabs.keras.data.FloatArray;

/** Keras's sequence utilities: {@code pad_sequences} and {@code to_categorical}. */
public final class Sequences {

  /** Where {@code padSequences} pads or truncates: before or after the sequence. */
  public enum Side {
    PRE,
    POST
  }

  private Sequences() {}

  /**
   * {@code keras.utils.pad_sequences}: every sequence becomes {@code maxlen} long. Longer ones
   * lose values from the start ({@code truncating=PRE}, Keras's default) or the end
   * ({@code POST}); shorter ones get {@code value} before ({@code padding=PRE}, the default) or
   * after ({@code POST}) them.
   *
   * @param maxlen the length of every output row; {@code null} for the longest sequence's length
   */
  public static int[][] padSequences(int[][] sequences, Integer maxlen, Side padding,
      Side truncating, int value) {
    int len = 0;
    if (maxlen != null) {
      if (maxlen < 0) {
        throw new IllegalArgumentException("maxlen must be >= 0, got " + maxlen);
      }
      len = maxlen;
    } else {
      for (int[] s : sequences) {
        len = Math.max(len, s.length);
      }
    }
    int[][] out = new int[sequences.length][len];
    for (int i = 0; i < sequences.length; i++) {
      int[] s = sequences[i];
      java.util.Arrays.fill(out[i], value);
      int keep = Math.min(len, s.length);
      int srcFrom = truncating == Side.PRE ? s.length - keep : 0;
      int dstFrom = padding == Side.PRE ? len - keep : 0;
      System.arraycopy(s, srcFrom, out[i], dstFrom, keep);
    }
    return out;
  }

  /** {@code pad_sequences(sequences, maxlen)} with Keras's defaults: pre-padding with 0, pre-truncating. */
  public static int[][] padSequences(int[][] sequences, Integer maxlen) {
    return padSequences(sequences, maxlen, Side.PRE, Side.PRE, 0);
  }

  /**
   * {@code keras.utils.to_categorical}: one-hot rows of {@code numClasses} columns.
   *
   * @param numClasses the number of classes; {@code null} for the largest label plus one
   */
  public static FloatArray toCategorical(int[] labels, Integer numClasses) {
    int classes = 0;
    for (int y : labels) {
      if (y < 0) {
        throw new IllegalArgumentException("labels must be >= 0, got " + y);
      }
      classes = Math.max(classes, y + 1);
    }
    if (numClasses != null) {
      if (numClasses < classes) {
        throw new IllegalArgumentException("label " + (classes - 1) + " does not fit "
            + numClasses + " classes");
      }
      classes = numClasses;
    }
    float[] out = new float[labels.length * classes];
    for (int i = 0; i < labels.length; i++) {
      out[i * classes + labels[i]] = 1f;
    }
    return new FloatArray(out, labels.length, classes);
  }

  /** Integer sequences of equal length as a float array of shape [count, length]. */
  public static FloatArray asFloatArray(int[][] rows) {
    int len = rows.length == 0 ? 0 : rows[0].length;
    float[] out = new float[rows.length * len];
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != len) {
        throw new IllegalArgumentException("row " + i + " has length " + rows[i].length
            + ", expected " + len + "; pad the sequences first");
      }
      for (int j = 0; j < len; j++) {
        out[i * len + j] = rows[i][j];
      }
    }
    return new FloatArray(out, rows.length, len);
  }
}
