package dev.tfjlabs.keras.layers.regularization;

import dev.tfjlabs.keras.config.Config;
import dev.tfjlabs.keras.layers.CallContext;
import dev.tfjlabs.keras.layers.Layer;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * {@code keras.layers.GaussianDropout(rate)}: in training, {@code x * N(1, rate / (1 - rate))}
 * (multiplicative noise of standard deviation {@code sqrt(rate / (1 - rate))}); at inference,
 * {@code x}.
 */
public final class GaussianDropout extends Layer {
  private final double rate;

  public GaussianDropout(double rate, String name) {
    super(name);
    if (!(rate >= 0 && rate < 1)) {
      throw new IllegalArgumentException("GaussianDropout's rate must be in [0, 1), got " + rate);
    }
    this.rate = rate;
  }

  /** Keras's {@code GaussianDropout.from_config}: {@code rate}; its {@code seed} is the model's. */
  public static GaussianDropout fromConfig(Config c) {
    return new GaussianDropout(c.number("rate", null), c.name());
  }

  @Override
  protected int[] doBuild(int[] in) {
    return in;
  }

  @Override
  public boolean usesTraining() {
    return rate > 0;
  }

  @Override
  public Operand<TFloat32> call(Operand<TFloat32> x, CallContext ctx) {
    if (!ctx.training() || rate == 0) {
      return x;
    }
    Ops tf = ctx.tf();
    Operand<TFloat32> noise = tf.math.add(tf.constant(1f), tf.math.mul(
        GaussianNoise.normal(ctx, x, path()), tf.constant((float) Math.sqrt(rate / (1 - rate)))));
    return tf.math.mul(x, noise);
  }

  /** Keras's {@code supports_masking}: it passes its input's mask on, as Keras's does. */
  @Override
  public boolean supportsMasking() {
    return true;
  }

  @Override
  protected void addConfig(Map<String, Object> c) {
    c.put("rate", rate);
    c.put("seed", null);
  }
}
