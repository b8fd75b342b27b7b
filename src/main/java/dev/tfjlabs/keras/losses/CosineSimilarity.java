package dev.tfjlabs.keras.losses;

import dev.tfjlabs.keras.config.Config;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** {@code keras.losses.CosineSimilarity(axis=-1)}: {@code -sum(y / ||y|| * p / ||p||)} over the axis, each normalised as Keras's {@code x * rsqrt(max(sum x^2, 1e-12))}. */
public final class CosineSimilarity implements Loss {
  private final int axis;

  public CosineSimilarity() {
    this(-1);
  }

  /** Over {@code axis} (counted with the batch as 0; Keras's default -1). */
  public CosineSimilarity(int axis) {
    this.axis = axis;
  }

  /** Keras's {@code CosineSimilarity.from_config}: {@code axis}. */
  public static CosineSimilarity fromConfig(Config c) {
    Loss.readBaseConfig(c);
    var a = c.get("axis");
    if (a != null && !a.isInt()) {
      throw c.unsupported("axis", a);
    }
    return new CosineSimilarity(a == null ? -1 : a.asInt());
  }

  @Override
  public String name() {
    return "cosine_similarity";
  }

  /** Keras's config: the base one and {@code axis}. */
  @Override
  public java.util.Map<String, Object> getConfig() {
    java.util.Map<String, Object> c = Loss.super.getConfig();
    c.put("axis", axis);
    return c;
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
    Operand<TFloat32> y = Loss.likePrediction(tf, yTrue, yPred);
    Operand<TFloat32> p = yPred;
    Operand<org.tensorflow.types.TInt32> ax = tf.constant(axis);
    Operand<TFloat32> yn = tf.math.mul(y, tf.math.rsqrt(tf.math.maximum(tf.sum(tf.math.square(y),
        ax, org.tensorflow.op.core.Sum.keepDims(true)), tf.constant(1e-12f))));
    Operand<TFloat32> pn = tf.math.mul(p, tf.math.rsqrt(tf.math.maximum(tf.sum(tf.math.square(p),
        ax, org.tensorflow.op.core.Sum.keepDims(true)), tf.constant(1e-12f))));
    return tf.math.neg(tf.sum(tf.math.mul(yn, pn), ax));
  }
}
