package dev.tfjlabs.keras.layers;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceMax;
import org.tensorflow.op.core.ReduceMin;
import org.tensorflow.types.TInt32;

/**
 * Integer token ids (fed as floats) checked to lie in [0, n), as Keras raises for an id that
 * {@code CategoryEncoding} cannot encode or {@code Embedding} cannot look up. The check is a
 * TensorFlow {@code Assert} op whose message holds {@link #BAD_ID}; {@link #message} turns
 * TensorFlow's error into one line.
 */
public final class TokenIds {
  /** The first words of the assertion's message. */
  static final String BAD_ID = "input id outside";

  private TokenIds() {}

  /**
   * The one-line message of a failed id check, from TensorFlow's error text
   * ({@code assertion failed: [LAYER: input id outside [0, n); ...] [-1] [to] [600]} and the
   * node), or {@code null} when {@code error} is not one.
   */
  public static String message(String error) {
    if (error == null || !error.contains(BAD_ID)) {
      return null;
    }
    String first = error.strip().split("\\R", 2)[0].replaceFirst("^assertion failed: ", "");
    return first.replaceAll("\\] \\[", " ").replaceAll("^\\[|\\]$", "")
        + " (encode the data with at most that many ids, or make the layer larger)";
  }

  /** {@code x} cast to int32, read only after the ids were checked against [0, n). */
  static Operand<TInt32> checked(Ops tf, Operand<?> x, int n, String layer) {
    Operand<TInt32> ids = tf.dtypes.cast(x, TInt32.class);
    Operand<TInt32> all = tf.range(tf.constant(0), tf.rank(ids), tf.constant(1));
    Operand<TInt32> min = tf.reduceMin(ids, all, ReduceMin.keepDims(false));
    Operand<TInt32> max = tf.reduceMax(ids, all, ReduceMax.keepDims(false));
    Operand<org.tensorflow.types.TBool> ok = tf.math.logicalAnd(
        tf.math.greaterEqual(min, tf.constant(0)), tf.math.less(max, tf.constant(n)));
    var check = tf.assertThat(ok, List.<Operand<?>>of(
        tf.constant(layer + ": " + BAD_ID + " [0, " + n + "); ids in the batch run from"), min,
        tf.constant("to"), max));
    return tf.withControlDependencies(List.of(check)).identity(ids);
  }
}
