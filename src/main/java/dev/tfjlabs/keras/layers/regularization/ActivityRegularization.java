package dev.tfjlabs.keras.layers.regularization;

import dev.tfjlabs.keras.config.Config;
import dev.tfjlabs.keras.layers.CallContext;
import dev.tfjlabs.keras.layers.Layer;
import dev.tfjlabs.keras.regularizers.L1L2;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * {@code keras.layers.ActivityRegularization(l1=0.0, l2=0.0)}: the identity, whose output adds
 * {@code (l1 sum|y| + l2 sum y^2) / batch} to the training loss (its activity regularizer, see
 * {@link Layer#activityRegularizer(dev.tfjlabs.keras.regularizers.Regularizer)}).
 */
public final class ActivityRegularization extends Layer {
  private final double l1;
  private final double l2;

  public ActivityRegularization(double l1, double l2, String name) {
    super(name);
    this.l1 = l1;
    this.l2 = l2;
    activityRegularizer(new L1L2(l1, l2));
  }

  /** Keras's {@code ActivityRegularization.from_config}: {@code l1}, {@code l2}. */
  public static ActivityRegularization fromConfig(Config c) {
    return new ActivityRegularization(c.number("l1", 0.0), c.number("l2", 0.0), c.name());
  }

  @Override
  protected int[] doBuild(int[] in) {
    return in;
  }

  @Override
  public Operand<TFloat32> call(Operand<TFloat32> x, CallContext ctx) {
    return x;
  }

  /** Keras's {@code supports_masking}: it passes its input's mask on. */
  @Override
  public boolean supportsMasking() {
    return true;
  }

  @Override
  protected void addConfig(Map<String, Object> c) {
    c.put("l1", l1);
    c.put("l2", l2);
  }
}
