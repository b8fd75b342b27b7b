package dev.tfjlabs.keras.losses;

import dev.tfjlabs.keras.config.Config;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A loss with a Keras {@code reduction} other than the default {@code sum_over_batch_size}:
 * {@code "sum"} (the batch's sum of sample losses), {@code "mean"} (the same as the default) or
 * {@code "mean_with_sample_weight"} (the sum divided by the sum of the sample weights), which the
 * model applies when it reduces the sample losses ({@code keras/src/losses/loss.py},
 * {@code reduce_values}).
 */
final class Reduced implements Loss {
  private static final java.util.List<String> REDUCTIONS = java.util.List.of(
      "sum_over_batch_size", "auto", "sum", "mean", "mean_with_sample_weight");
  private final Loss inner;
  private final String reduction;

  private Reduced(Loss inner, String reduction) {
    this.inner = inner;
    this.reduction = reduction;
  }

  /**
   * {@code loss} with the config's {@code reduction}: itself for Keras's default (or Keras 2's
   * {@code auto}); {@code none} and unknown names are refused in one line.
   */
  static Loss of(Config c, Loss loss) {
    String r = c.text("reduction", "sum_over_batch_size");
    if (!REDUCTIONS.contains(r)) {
      throw c.unsupported("reduction", "\"" + r + "\"");
    }
    return r.equals("sum_over_batch_size") || r.equals("auto") ? loss : new Reduced(loss, r);
  }

  @Override
  public String reduction() {
    return reduction;
  }

  @Override
  public String name() {
    return inner.name();
  }

  @Override
  public boolean fromLogits() {
    return inner.fromLogits();
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> c = new java.util.LinkedHashMap<>(inner.getConfig());
    c.put("reduction", reduction);
    return c;
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
    return inner.call(tf, yTrue, yPred);
  }
}
