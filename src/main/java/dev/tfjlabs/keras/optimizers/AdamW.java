package dev.tfjlabs.keras.optimizers;

import dev.tfjlabs.keras.config.Config;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * {@code keras.optimizers.AdamW} (Loshchilov and Hutter 2019): {@link Adam}'s update after the
 * decoupled weight decay every Keras optimizer can apply, here on by default,
 * {@code w -= w * weight_decay * lr} with {@code weight_decay} 0.004; learning rate 0.001,
 * beta1 0.9, beta2 0.999, epsilon 1e-7.
 */
public final class AdamW extends Optimizer {
  public static final double WEIGHT_DECAY_DEFAULT = 0.004;
  private final Adam adam;

  public AdamW() {
    this(Adam.LEARNING_RATE_DEFAULT, WEIGHT_DECAY_DEFAULT);
  }

  public AdamW(double learningRate, double weightDecay) {
    this(learningRate, weightDecay, Adam.BETA_ONE_DEFAULT, Adam.BETA_TWO_DEFAULT,
        Adam.EPSILON_DEFAULT);
  }

  public AdamW(double learningRate, double weightDecay, double beta1, double beta2,
      double epsilon) {
    super(learningRate);
    this.adam = new Adam(learningRate, beta1, beta2, epsilon);
    weightDecay(weightDecay);
  }

  /** Keras's {@code AdamW.from_config}. */
  public static AdamW fromConfig(Config c) {
    double lr = readBaseConfig(c, Adam.LEARNING_RATE_DEFAULT);
    c.fixed("amsgrad", false);
    AdamW o = new AdamW(lr, c.has("weight_decay") ? c.number("weight_decay", null)
        : WEIGHT_DECAY_DEFAULT, c.number("beta_1", Adam.BETA_ONE_DEFAULT),
        c.number("beta_2", Adam.BETA_TWO_DEFAULT), c.number("epsilon", Adam.EPSILON_DEFAULT));
    return withBaseOptions(c, o);
  }

  @Override
  public String name() {
    return "AdamW";
  }

  @Override
  protected List<String> kerasSlotNames() {
    return List.of("m", "v");
  }

  @Override
  protected boolean kerasSlotsByVariable() {
    return true;
  }

  @Override
  protected void addConfig(Map<String, Object> c) {
    Map<String, Object> a = new java.util.LinkedHashMap<>();
    adam.addConfig(a);
    c.putAll(a);
  }

  @Override
  protected Op applyDense(Ops tf, Variable<TFloat32> w, Operand<TFloat32> g, Slots slots,
      Operand<TFloat32> step) {
    return adam.applyDense(tf, w, g, slots, step);
  }
}
