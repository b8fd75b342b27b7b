package dev.tfjlabs.keras.layers;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * What a layer's {@code call} needs besides its input: the graph's ops, whether this is the
 * training forward pass (dropout on) or inference, the graph values of the weights, the
 * per-step seed of stateless dropout, and where a layer leaves the new values of its
 * non-trainable weights (a BatchNormalization's moving statistics), which the training step
 * assigns.
 *
 * @param seed a [2] int64 seed fed afresh for every training step; null in inference graphs
 * @param updates the new value of each non-trainable weight a training step changes; null in
 *     inference graphs
 * @param states where stateful layers keep their states between calls; null where there are
 *     none (a stateful layer then starts every call from zeros)
 */
public record CallContext(Ops tf, boolean training, Map<Weight, Operand<TFloat32>> weights,
    Operand<TInt64> seed, Map<Weight, Operand<TFloat32>> updates, LayerStates states) {

  /** A context without kept states. */
  public CallContext(Ops tf, boolean training, Map<Weight, Operand<TFloat32>> weights,
      Operand<TInt64> seed, Map<Weight, Operand<TFloat32>> updates) {
    this(tf, training, weights, seed, updates, null);
  }

  /** Records {@code value} as the new value of {@code w} after this training step. */
  public void update(Weight w, Operand<TFloat32> value) {
    if (updates == null) {
      throw new IllegalStateException("weight " + w.path() + " is updated outside training");
    }
    updates.put(w, value);
  }

  /** The graph value of {@code w}. */
  public Operand<TFloat32> get(Weight w) {
    Operand<TFloat32> v = weights.get(w);
    if (v == null) {
      throw new IllegalStateException("weight " + w.path() + " is not part of this graph");
    }
    return v;
  }

  /**
   * Keras's dropout mask of {@code shape}: {@code 1 / (1 - rate)} where a uniform draw is at
   * least {@code rate}, else 0. Each {@code salt} (a layer's name) gets its own stream.
   */
  public Operand<TFloat32> dropoutMask(Operand<TInt32> shape, float rate, String salt) {
    return tf.math.mul(keptMask(shape, rate, salt), tf.constant(1f / (1f - rate)));
  }

  /**
   * 1 where a uniform draw is at least {@code rate} (kept), else 0 (dropped): the draws
   * {@link #dropoutMask} scales. Each {@code salt} (a layer's name) gets its own stream.
   */
  public Operand<TFloat32> keptMask(Operand<TInt32> shape, float rate, String salt) {
    Operand<TInt64> s = tf.math.add(seed, tf.constant(new long[] {0, salt.hashCode()}));
    Operand<TFloat32> u = tf.random.statelessRandomUniform(shape, s);
    return tf.dtypes.cast(tf.math.greaterEqual(u, tf.constant(rate)), TFloat32.class);
  }
}
