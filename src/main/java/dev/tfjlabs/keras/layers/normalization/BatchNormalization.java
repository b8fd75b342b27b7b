package dev.tfjlabs.keras.layers.normalization;

import dev.tfjlabs.keras.config.Config;
import dev.tfjlabs.keras.initializers.Initializer;
import dev.tfjlabs.keras.initializers.Initializers;
import dev.tfjlabs.keras.initializers.KerasInitializer;
import dev.tfjlabs.keras.layers.CallContext;
import dev.tfjlabs.keras.layers.Layer;
import dev.tfjlabs.keras.layers.Weight;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;

/**
 * {@code keras.layers.BatchNormalization(axis=-1, momentum=0.99, epsilon=1e-3, center=True,
 * scale=True)}: normalises each feature along {@code axis} (counted with the batch as 0,
 * negative from the end),
 *
 * <pre>
 *   y = (x - mean) / sqrt(var + epsilon) * gamma + beta
 * </pre>
 *
 * with, in training, the batch's mean and (biased) variance over every other axis, and the
 * moving statistics updated inside the training step,
 * {@code moving = moving * momentum + batch * (1 - momentum)}; at inference, the moving
 * statistics. Weights in Keras's order: {@code gamma} (ones; with {@code scale}), {@code beta}
 * (zeros; with {@code center}), then the non-trainable {@code moving_mean} (zeros) and
 * {@code moving_variance} (ones).
 */
public final class BatchNormalization extends Layer {
  private final int axis;
  private final double momentum;
  private final double epsilon;
  private final boolean center;
  private final boolean scale;
  private final Initializer betaInitializer;
  private final Initializer gammaInitializer;
  private final Initializer movingMeanInitializer;
  private final Initializer movingVarianceInitializer;
  private Weight gamma;
  private Weight beta;
  private Weight movingMean;
  private Weight movingVariance;
  /** The feature axis within a batch (1 .. rank - 1), once built. */
  private int featureAxis;

  /** Keras's defaults: the last axis, momentum 0.99, epsilon 1e-3, center and scale. */
  public BatchNormalization() {
    this(-1, 0.99, 1e-3, true, true, null);
  }

  public BatchNormalization(int axis, double momentum, double epsilon, boolean center,
      boolean scale, String name) {
    this(axis, momentum, epsilon, center, scale, Initializers.zeros(), Initializers.ones(),
        Initializers.zeros(), Initializers.ones(), name);
  }

  private BatchNormalization(int axis, double momentum, double epsilon, boolean center,
      boolean scale, Initializer beta, Initializer gamma, Initializer movingMean,
      Initializer movingVariance, String name) {
    super(name);
    if (axis == 0) {
      throw new IllegalArgumentException("BatchNormalization cannot normalise along the batch"
          + " axis (0)");
    }
    if (!(momentum >= 0 && momentum <= 1) || !(epsilon > 0)) {
      throw new IllegalArgumentException("BatchNormalization needs a momentum in [0, 1] and a"
          + " positive epsilon, got " + momentum + " and " + epsilon);
    }
    this.axis = axis;
    this.momentum = momentum;
    this.epsilon = epsilon;
    this.center = center;
    this.scale = scale;
    this.betaInitializer = beta;
    this.gammaInitializer = gamma;
    this.movingMeanInitializer = movingMean;
    this.movingVarianceInitializer = movingVariance;
  }

  /**
   * Keras's {@code BatchNormalization.from_config}; Keras 2's {@code axis} list of one and its
   * {@code fused} flag are read, renormalisation and virtual batches refused.
   */
  public static BatchNormalization fromConfig(Config c) {
    var a = c.get("axis");
    int axis = -1;
    if (a != null && a.isInt()) {
      axis = a.asInt();
    } else if (a != null && a.isArray() && a.size() == 1 && a.get(0).isInt()) {
      axis = a.get(0).asInt();
    } else if (a != null) {
      throw c.unsupported("axis", a);
    }
    c.fixed("renorm", false);
    c.ignore("renorm_clipping");
    c.ignore("renorm_momentum");
    c.none("virtual_batch_size", "adjustment");
    c.ignore("fused");
    return betaAndGamma(c, new BatchNormalization(axis, c.number("momentum", 0.99),
        c.number("epsilon", 1e-3),
        c.bool("center", true), c.bool("scale", true),
        initializer(c, "beta_initializer", Initializers.zeros()),
        initializer(c, "gamma_initializer", Initializers.ones()),
        initializer(c, "moving_mean_initializer", Initializers.zeros()),
        initializer(c, "moving_variance_initializer", Initializers.ones()), c.name()));
  }

  /**
   * {@code layer} with a config's {@code beta_regularizer}, {@code gamma_regularizer},
   * {@code beta_constraint} and {@code gamma_constraint} on its weights {@code beta} and
   * {@code gamma}.
   */
  public static <L extends Layer> L betaAndGamma(Config c, L layer) {
    for (String w : new String[] {"beta", "gamma"}) {
      withRegularizer(c, layer, w + "_regularizer", w);
      withConstraint(c, layer, w + "_constraint", w);
    }
    return layer;
  }

  @Override
  protected int[] doBuild(int[] in) {
    int rank = in.length + 1;
    featureAxis = axis < 0 ? rank + axis : axis;
    if (featureAxis < 1 || featureAxis >= rank || in[featureAxis - 1] <= 0) {
      throw new IllegalArgumentException("layer " + name() + " (BatchNormalization): axis "
          + axis + " is not a feature axis of known size for inputs of shape "
          + java.util.Arrays.toString(in));
    }
    int[] features = {in[featureAxis - 1]};
    if (scale) {
      gamma = addWeight("gamma", features, gammaInitializer);
    }
    if (center) {
      beta = addWeight("beta", features, betaInitializer);
    }
    movingMean = addWeight("moving_mean", features, movingMeanInitializer, false);
    movingVariance = addWeight("moving_variance", features, movingVarianceInitializer, false);
    return in;
  }

  @Override
  public boolean usesTraining() {
    return true;
  }

  @Override
  public Operand<TFloat32> call(Operand<TFloat32> x, CallContext ctx) {
    Ops tf = ctx.tf();
    int rank = inputShape().length + 1;
    int[] broadcast = new int[rank];
    List<Integer> reduce = new ArrayList<>();
    for (int i = 0; i < rank; i++) {
      broadcast[i] = i == featureAxis ? -1 : 1;
      if (i != featureAxis) {
        reduce.add(i);
      }
    }
    Operand<TFloat32> mean;
    Operand<TFloat32> variance;
    if (ctx.training()) {
      Operand<org.tensorflow.types.TInt32> axes = tf.constant(reduce.stream()
          .mapToInt(Integer::intValue).toArray());
      Operand<TFloat32> m = tf.math.mean(x, axes, Mean.keepDims(true));
      Operand<TFloat32> v = tf.math.mean(tf.math.squaredDifference(x, m), axes,
          Mean.keepDims(true));
      Operand<org.tensorflow.types.TInt32> flat = tf.constant(new int[] {-1});
      ctx.update(movingMean, moving(tf, ctx.get(movingMean), tf.reshape(m, flat)));
      ctx.update(movingVariance, moving(tf, ctx.get(movingVariance), tf.reshape(v, flat)));
      mean = m;
      variance = v;
    } else {
      mean = shaped(tf, ctx.get(movingMean), broadcast);
      variance = shaped(tf, ctx.get(movingVariance), broadcast);
    }
    Operand<TFloat32> y = tf.math.mul(tf.math.sub(x, mean),
        tf.math.rsqrt(tf.math.add(variance, tf.constant((float) epsilon))));
    if (scale) {
      y = tf.math.mul(y, shaped(tf, ctx.get(gamma), broadcast));
    }
    if (center) {
      y = tf.math.add(y, shaped(tf, ctx.get(beta), broadcast));
    }
    return y;
  }

  /** {@code moving * momentum + batch * (1 - momentum)}. */
  private Operand<TFloat32> moving(Ops tf, Operand<TFloat32> moving, Operand<TFloat32> batch) {
    return tf.math.add(tf.math.mul(moving, tf.constant((float) momentum)),
        tf.math.mul(batch, tf.constant((float) (1 - momentum))));
  }

  private static Operand<TFloat32> shaped(Ops tf, Operand<TFloat32> v, int[] broadcast) {
    return tf.reshape(v, tf.constant(broadcast));
  }

  /** Keras's {@code supports_masking}: it passes its input's mask on, as Keras's does. */
  @Override
  public boolean supportsMasking() {
    return true;
  }

  @Override
  protected void addConfig(Map<String, Object> c) {
    c.put("axis", axis);
    c.put("momentum", momentum);
    c.put("epsilon", epsilon);
    c.put("center", center);
    c.put("scale", scale);
    c.put("beta_initializer", KerasInitializer.serialize(betaInitializer));
    c.put("gamma_initializer", KerasInitializer.serialize(gammaInitializer));
    c.put("moving_mean_initializer", KerasInitializer.serialize(movingMeanInitializer));
    c.put("moving_variance_initializer", KerasInitializer.serialize(movingVarianceInitializer));
    c.put("beta_regularizer", regularizerConfig("beta"));
    c.put("gamma_regularizer", regularizerConfig("gamma"));
    c.put("beta_constraint", constraintConfig("beta"));
    c.put("gamma_constraint", constraintConfig("gamma"));
    c.put("synchronized", false);
  }
}
