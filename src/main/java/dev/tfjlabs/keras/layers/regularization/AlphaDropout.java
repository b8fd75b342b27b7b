package dev.tfjlabs.keras.layers.regularization;

import dev.tfjlabs.keras.config.Config;
import dev.tfjlabs.keras.layers.CallContext;
import dev.tfjlabs.keras.layers.Layer;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * {@code keras.layers.AlphaDropout(rate)}, the dropout of self-normalising networks (Klambauer
 * et al. 2017), which keeps a SELU activation's mean 0 and variance 1. In training, with
 * {@code alpha' = -1.6732632423543772 * 1.0507009873554805} (SELU's negative saturation) and a
 * keep indicator k (1 where a uniform draw is at least {@code rate}):
 *
 * <pre>
 *   a = ((1 - rate) (1 + rate alpha'^2))^(-1/2),   b = -a alpha' rate
 *   y = a (x k + alpha' (1 - k)) + b
 * </pre>
 *
 * <p>At inference, {@code x}.
 */
public final class AlphaDropout extends Layer {
  private static final double ALPHA_PRIME = -1.6732632423543772848170429916717
      * 1.0507009873554804934193349852946;
  private final double rate;

  public AlphaDropout(double rate, String name) {
    super(name);
    if (!(rate >= 0 && rate < 1)) {
      throw new IllegalArgumentException("AlphaDropout's rate must be in [0, 1), got " + rate);
    }
    this.rate = rate;
  }

  /** Keras's {@code AlphaDropout.from_config}: {@code rate}; its {@code seed} is the model's. */
  public static AlphaDropout fromConfig(Config c) {
    c.none("noise_shape");
    return new AlphaDropout(c.number("rate", null), c.name());
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
    Operand<TFloat32> kept = ctx.keptMask(tf.shape(x), (float) rate, path());
    double a = Math.pow((1 - rate) * (1 + rate * ALPHA_PRIME * ALPHA_PRIME), -0.5);
    double b = -a * ALPHA_PRIME * rate;
    Operand<TFloat32> mixed = tf.math.add(tf.math.mul(x, kept),
        tf.math.mul(tf.constant((float) ALPHA_PRIME), tf.math.sub(tf.constant(1f), kept)));
    return tf.math.add(tf.math.mul(tf.constant((float) a), mixed), tf.constant((float) b));
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
    c.put("noise_shape", null);
  }
}
