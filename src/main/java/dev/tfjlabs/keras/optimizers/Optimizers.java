package dev.tfjlabs.keras.optimizers;

import dev.tfjlabs.keras.config.KerasVersion;
import dev.tfjlabs.keras.config.Registry;
import dev.tfjlabs.keras.config.Source;

/** Keras's optimizer strings, as {@code compile(optimizer="adam")} accepts them. */
public final class Optimizers {
  /** The optimizers a Keras config may name, by every name Keras accepts. */
  public static final Registry<Optimizer> REGISTRY = new Registry<Optimizer>("optimizer")
      .add("Adam", Adam::fromConfig, "adam")
      .add("RMSprop", RMSprop::fromConfig, "rmsprop")
      .add("SGD", SGD::fromConfig, "sgd")
      .add("AdamW", AdamW::fromConfig, "adamw")
      .add("Adagrad", Adagrad::fromConfig, "adagrad")
      .add("Adamax", Adamax::fromConfig, "adamax")
      .add("Adadelta", Adadelta::fromConfig, "adadelta")
      .add("Nadam", Nadam::fromConfig, "nadam")
      .add("Ftrl", Ftrl::fromConfig, "ftrl")
      .add("Lion", Lion::fromConfig, "lion")
      .add("Lamb", Lamb::fromConfig, "lamb");

  private Optimizers() {}

  /**
   * An optimizer by any Keras name ({@code "adam"}, {@code "RMSprop"}, {@code "sgd"}) with
   * Keras's default settings.
   *
   * @throws IllegalArgumentException naming the optimizers this library has
   */
  public static Optimizer get(String name) {
    return REGISTRY.build(name, null, new Source(KerasVersion.CURRENT));
  }
}
