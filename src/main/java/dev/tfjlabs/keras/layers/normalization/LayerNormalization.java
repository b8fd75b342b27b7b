package dev.tfjlabs.keras.layers.normalization;

import dev.tfjlabs.keras.config.Config;
import dev.tfjlabs.keras.initializers.Initializer;
import dev.tfjlabs.keras.initializers.Initializers;
import dev.tfjlabs.keras.initializers.KerasInitializer;
import dev.tfjlabs.keras.layers.CallContext;
import dev.tfjlabs.keras.layers.Layer;
import dev.tfjlabs.keras.layers.Weight;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;

/**
 * {@code keras.layers.LayerNormalization(axis=-1, epsilon=1e-3, center=True, scale=True)}: each
 * sample normalised over its last axis, {@code y = (x - mean) / sqrt(var + epsilon) * gamma +
 * beta} with the sample's own mean and (biased) variance, in training and inference alike;
 * {@code gamma} (ones) and {@code beta} (zeros) of the last axis's size.
 */
public final class LayerNormalization extends Layer {
  private final double epsilon;
  private final boolean center;
  private final boolean scale;
  private final Initializer betaInitializer;
  private final Initializer gammaInitializer;
  private Weight gamma;
  private Weight beta;

  public LayerNormalization(double epsilon, boolean center, boolean scale, String name) {
    this(epsilon, center, scale, Initializers.zeros(), Initializers.ones(), name);
  }

  private LayerNormalization(double epsilon, boolean center, boolean scale, Initializer beta,
      Initializer gamma, String name) {
    super(name);
    if (!(epsilon > 0)) {
      throw new IllegalArgumentException("LayerNormalization needs a positive epsilon, got "
          + epsilon);
    }
    this.epsilon = epsilon;
    this.center = center;
    this.scale = scale;
    this.betaInitializer = beta;
    this.gammaInitializer = gamma;
  }

  /** Keras's {@code LayerNormalization.from_config}; an axis other than the last is refused. */
  public static LayerNormalization fromConfig(Config c) {
    var a = c.get("axis");
    boolean last = a == null || a.isInt() && a.asInt() == -1
        || a.isArray() && a.size() == 1 && a.get(0).asInt() == -1;
    if (!last) {
      throw c.unsupported("axis", a);
    }
    c.fixed("rms_scaling", false);
    return BatchNormalization.betaAndGamma(c, new LayerNormalization(c.number("epsilon", 1e-3),
        c.bool("center", true), c.bool("scale", true),
        initializer(c, "beta_initializer", Initializers.zeros()),
        initializer(c, "gamma_initializer", Initializers.ones()), c.name()));
  }

  @Override
  protected int[] doBuild(int[] in) {
    int[] features = {in[in.length - 1]};
    if (features[0] <= 0) {
      throw badShape("LayerNormalization", "a last axis of known size", in);
    }
    if (scale) {
      gamma = addWeight("gamma", features, gammaInitializer);
    }
    if (center) {
      beta = addWeight("beta", features, betaInitializer);
    }
    return in;
  }

  @Override
  public Operand<TFloat32> call(Operand<TFloat32> x, CallContext ctx) {
    Ops tf = ctx.tf();
    Operand<org.tensorflow.types.TInt32> last = tf.constant(-1);
    Operand<TFloat32> mean = tf.math.mean(x, last, Mean.keepDims(true));
    Operand<TFloat32> variance = tf.math.mean(tf.math.squaredDifference(x, mean), last,
        Mean.keepDims(true));
    Operand<TFloat32> y = tf.math.mul(tf.math.sub(x, mean),
        tf.math.rsqrt(tf.math.add(variance, tf.constant((float) epsilon))));
    if (scale) {
      y = tf.math.mul(y, ctx.get(gamma));
    }
    if (center) {
      y = tf.math.add(y, ctx.get(beta));
    }
    return y;
  }

  /** Keras's {@code supports_masking}: it passes its input's mask on, as Keras's does. */
  @Override
  public boolean supportsMasking() {
    return true;
  }

  @Override
  protected void addConfig(Map<String, Object> c) {
    c.put("axis", -1);
    c.put("epsilon", epsilon);
    c.put("center", center);
    c.put("scale", scale);
    c.put("rms_scaling", false);
    c.put("beta_initializer", KerasInitializer.serialize(betaInitializer));
    c.put("gamma_initializer", KerasInitializer.serialize(gammaInitializer));
    c.put("beta_regularizer", regularizerConfig("beta"));
    c.put("gamma_regularizer", regularizerConfig("gamma"));
    c.put("beta_constraint", constraintConfig("beta"));
    c.put("gamma_constraint", constraintConfig("gamma"));
  }
}
