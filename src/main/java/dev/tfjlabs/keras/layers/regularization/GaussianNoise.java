package dev.tfjlabs.keras.layers.regularization;

import dev.tfjlabs.keras.config.Config;
import dev.tfjlabs.keras.layers.CallContext;
import dev.tfjlabs.keras.layers.Layer;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * {@code keras.layers.GaussianNoise(stddev)}: in training, {@code x + N(0, stddev^2)} drawn
 * afresh each step from the model's seed; at inference, {@code x}.
 */
public final class GaussianNoise extends Layer {
  private final double stddev;

  public GaussianNoise(double stddev, String name) {
    super(name);
    if (!(stddev >= 0)) {
      throw new IllegalArgumentException("GaussianNoise's stddev cannot be negative, got "
          + stddev);
    }
    this.stddev = stddev;
  }

  /** Keras's {@code GaussianNoise.from_config}: {@code stddev}; its {@code seed} is the model's. */
  public static GaussianNoise fromConfig(Config c) {
    return new GaussianNoise(c.number("stddev", null), c.name());
  }

  @Override
  protected int[] doBuild(int[] in) {
    return in;
  }

  @Override
  public boolean usesTraining() {
    return stddev > 0;
  }

  @Override
  public Operand<TFloat32> call(Operand<TFloat32> x, CallContext ctx) {
    if (!ctx.training() || stddev == 0) {
      return x;
    }
    Ops tf = ctx.tf();
    return tf.math.add(x, tf.math.mul(normal(ctx, x, path()), tf.constant((float) stddev)));
  }

  /**
   * A standard normal draw of x's shape, its own stream for {@code salt}: a constant to the
   * gradient (TensorFlow's C++ gradients know no gradient of the random draw, which Python
   * declares non-differentiable).
   */
  static Operand<TFloat32> normal(CallContext ctx, Operand<TFloat32> x, String salt) {
    Ops tf = ctx.tf();
    Operand<TInt64> s = tf.math.add(ctx.seed(), tf.constant(new long[] {0, salt.hashCode()}));
    return tf.stopGradient(tf.random.statelessRandomNormal(tf.shape(x), s));
  }

  /** Keras's {@code supports_masking}: it passes its input's mask on, as Keras's does. */
  @Override
  public boolean supportsMasking() {
    return true;
  }

  @Override
  protected void addConfig(Map<String, Object> c) {
    c.put("stddev", stddev);
    c.put("seed", null);
  }
}
