package dev.tfjlabs.keras.optimizers.schedules;

import dev.tfjlabs.keras.config.Config;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * {@code keras.optimizers.schedules.PiecewiseConstantDecay(boundaries, values)}: {@code values[0]}
 * up to and including {@code boundaries[0]}, {@code values[i]} for steps in
 * {@code (boundaries[i-1], boundaries[i]]}, the last value after the last boundary.
 */
public final class PiecewiseConstantDecay implements LearningRateSchedule {
  private final double[] boundaries;
  private final double[] values;

  public PiecewiseConstantDecay(double[] boundaries, double[] values) {
    if (values.length != boundaries.length + 1) {
      throw new IllegalArgumentException("PiecewiseConstantDecay needs one more value than"
          + " boundaries, got " + boundaries.length + " boundaries and " + values.length
          + " values");
    }
    this.boundaries = boundaries.clone();
    this.values = values.clone();
  }

  /** Keras's {@code PiecewiseConstantDecay.from_config}. */
  public static PiecewiseConstantDecay fromConfig(Config c) {
    c.ignore("name");
    return new PiecewiseConstantDecay(numbers(c, "boundaries"), numbers(c, "values"));
  }

  private static double[] numbers(Config c, String key) {
    var v = c.require(key);
    if (!v.isArray()) {
      throw c.unsupported(key, v);
    }
    double[] out = new double[v.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = v.get(i).asDouble();
    }
    return out;
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> step) {
    Operand<TFloat32> lr = tf.constant((float) values[values.length - 1]);
    for (int i = boundaries.length - 1; i >= 0; i--) {
      lr = tf.select(tf.math.lessEqual(step, tf.constant((float) boundaries[i])),
          tf.constant((float) values[i]), lr);
    }
    return lr;
  }

  @Override
  public double initialLearningRate() {
    return values[0];
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("boundaries", Arrays.stream(boundaries).boxed().toList());
    c.put("values", Arrays.stream(values).boxed().toList());
    c.put("name", "PiecewiseConstant");
    return c;
  }
}
