package dev.tfjlabs.keras.optimizers.schedules;

import dev.tfjlabs.keras.config.Registry;

/** Keras's learning-rate schedules by their names, as an optimizer's config names them. */
public final class Schedules {
  /** Every schedule class by its Keras names. */
  public static final Registry<LearningRateSchedule> REGISTRY =
      new Registry<LearningRateSchedule>("learning-rate schedule")
          .add("ExponentialDecay", ExponentialDecay::fromConfig)
          .add("InverseTimeDecay", ExponentialDecay::inverseTimeFromConfig)
          .add("PiecewiseConstantDecay", PiecewiseConstantDecay::fromConfig)
          .add("PolynomialDecay", PolynomialDecay::fromConfig)
          .add("CosineDecay", CosineDecay::fromConfig)
          .add("CosineDecayRestarts", CosineDecayRestarts::fromConfig);

  private Schedules() {}
}
