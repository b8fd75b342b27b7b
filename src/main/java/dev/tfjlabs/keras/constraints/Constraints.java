package dev.tfjlabs.keras.constraints;

import dev.tfjlabs.keras.config.Registry;

/** Keras's constraints by their names, as a layer's config names them. */
public final class Constraints {
  /** Every constraint class by its Keras names: the class name and its snake case. */
  public static final Registry<Constraint> REGISTRY = new Registry<Constraint>("constraint")
      .add("MaxNorm", MaxNorm::fromConfig)
      .add("MinMaxNorm", MinMaxNorm::fromConfig)
      .add("NonNeg", NonNeg::fromConfig)
      .add("UnitNorm", UnitNorm::fromConfig);

  private Constraints() {}
}
