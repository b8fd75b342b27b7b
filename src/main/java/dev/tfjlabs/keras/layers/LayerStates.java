package dev.tfjlabs.keras.layers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Assign;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * What stateful layers keep between calls in one model graph (Keras's
 * {@code RNN(stateful=True)} states): a variable of [batch, units] per state, which a call
 * reads as its initial state and leaves holding its final one. A reset empties them (0 rows),
 * and an empty state reads as zeros for any batch, so the batch size is fixed by the first
 * call after a reset; a call with another batch size fails with {@link #message}'s line.
 */
public final class LayerStates {
  private static final String MARK = "stateful layer";
  private final Map<String, Variable<TFloat32>> variables = new LinkedHashMap<>();
  private final List<Op> resets = new ArrayList<>();

  /** The state {@code key} of {@code units} per row, created empty the first time it is asked for. */
  public Variable<TFloat32> variable(Ops tf, String key, int units) {
    return variables.computeIfAbsent(key, k -> {
      Ops s = tf.withSubScope("layer_states");
      Variable<TFloat32> v = s.withName(k.replaceAll("[^A-Za-z0-9_.]", "_"))
          .variable(Shape.unknown(), TFloat32.class);
      resets.add(s.assign(v, s.zeros(s.constant(new int[] {0, units}), TFloat32.class),
          Assign.validateShape(false)));
      return v;
    });
  }

  /**
   * The initial state of a call on a batch of {@code batch} rows: the state's rows, or zeros
   * when it is empty; checked to hold {@code batch} rows otherwise. Not differentiated, as
   * Keras does not carry gradients across batches.
   */
  public static Operand<TFloat32> initial(Ops tf, Variable<TFloat32> state,
      Operand<TInt32> batch, int units, String layer) {
    Operand<TFloat32> stored = tf.identity(state);
    Operand<TInt32> rows = tf.reshape(tf.slice(tf.shape(stored), tf.constant(new int[] {0}),
        tf.constant(new int[] {1})), tf.constant(new int[0]));
    var check = tf.assertThat(tf.math.logicalOr(tf.math.equal(rows, tf.constant(0)),
        tf.math.equal(rows, batch)), List.<Operand<?>>of(tf.constant(MARK + " " + layer
            + " keeps the states of batches of"), rows, tf.constant("samples; a batch of"), batch,
        tf.constant("does not fit (give every batch the same size, or reset the states first)")));
    Operand<TFloat32> zeros = tf.fill(tf.stack(List.of(batch, tf.constant(units))),
        tf.constant(0f));
    Operand<TFloat32> padded = tf.withControlDependencies(List.of(check)).concat(
        List.of(stored, zeros), tf.constant(0));
    return tf.stopGradient(tf.slice(padded, tf.constant(new int[] {0, 0}),
        tf.stack(List.of(batch, tf.constant(units)))));
  }

  /** Keeps {@code value} as the state for the next call. */
  public static Op keep(Ops tf, Variable<TFloat32> state, Operand<TFloat32> value) {
    return tf.assign(state, value, Assign.validateShape(false));
  }

  /** Whether any layer keeps states in this graph. */
  public boolean isEmpty() {
    return variables.isEmpty();
  }

  /** The ops that empty every state. */
  public List<Op> resets() {
    return List.copyOf(resets);
  }

  /**
   * The one-line message of a failed batch-size check, from TensorFlow's error text, or
   * {@code null} when {@code error} is not one.
   */
  public static String message(String error) {
    if (error == null || !error.contains(MARK)) {
      return null;
    }
    String first = error.strip().split("\\R", 2)[0].replaceFirst("^assertion failed: ", "");
    return first.replaceAll("\\] \\[", " ").replaceAll("^\\[|\\]$", "");
  }
}
