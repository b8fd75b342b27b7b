package dev.tfjlabs.keras.regularizers;

import dev.tfjlabs.keras.config.Registry;

/** Keras's regularizers by their names, as a layer's config names them. */
public final class Regularizers {
  /**
   * Every regularizer class by its Keras names: the class name, its snake case ({@code l1},
   * {@code l2}, {@code l1l2}) and {@code l1_l2}.
   */
  public static final Registry<Regularizer> REGISTRY = new Registry<Regularizer>("regularizer")
      .add("L1", L1::fromConfig)
      .add("L2", L2::fromConfig)
      .add("L1L2", L1L2::fromConfig, "l1_l2")
      .add("OrthogonalRegularizer", OrthogonalRegularizer::fromConfig);

  private Regularizers() {}
}
