package dev.tfjlabs.keras.optimizers;

import dev.tfjlabs.keras.config.Config;

/**
 * {@code keras.optimizers.AdamW} (Loshchilov and Hutter 2019), like Keras's a subclass of
 * {@link Adam}: Adam's update after the decoupled weight decay every Keras optimizer can apply,
 * here on by default, {@code w -= w * weight_decay * lr} with {@code weight_decay} 0.004;
 * learning rate 0.001, beta1 0.9, beta2 0.999, epsilon 1e-7, amsgrad false.
 */
public final class AdamW extends Adam {
  public static final double WEIGHT_DECAY_DEFAULT = 0.004;

  public AdamW() {
    this(Adam.LEARNING_RATE_DEFAULT, WEIGHT_DECAY_DEFAULT);
  }

  public AdamW(double learningRate, double weightDecay) {
    this(learningRate, weightDecay, Adam.BETA_ONE_DEFAULT, Adam.BETA_TWO_DEFAULT,
        Adam.EPSILON_DEFAULT, false);
  }

  public AdamW(double learningRate, double weightDecay, double beta1, double beta2,
      double epsilon, boolean amsgrad) {
    super(learningRate, beta1, beta2, epsilon, amsgrad);
    weightDecay(weightDecay);
  }

  /** Keras's {@code AdamW.from_config}. */
  public static AdamW fromConfig(Config c) {
    double lr = readBaseConfig(c, Adam.LEARNING_RATE_DEFAULT);
    AdamW o = new AdamW(lr, c.has("weight_decay") ? c.number("weight_decay", null)
        : WEIGHT_DECAY_DEFAULT, c.number("beta_1", Adam.BETA_ONE_DEFAULT),
        c.number("beta_2", Adam.BETA_TWO_DEFAULT), c.number("epsilon", Adam.EPSILON_DEFAULT),
        c.bool("amsgrad", false));
    return withBaseOptions(c, o);
  }

  @Override
  public String name() {
    return "AdamW";
  }
}
