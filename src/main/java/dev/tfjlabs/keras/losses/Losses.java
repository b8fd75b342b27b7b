package dev.tfjlabs.keras.losses;

import dev.tfjlabs.keras.config.Config;
import dev.tfjlabs.keras.config.KerasVersion;
import dev.tfjlabs.keras.config.Registry;
import dev.tfjlabs.keras.config.Source;
import java.util.Map;

/** Keras's losses by every name Keras accepts, in {@code compile(loss=...)} and in configs. */
public final class Losses {
  /** Every loss class by its Keras names (class, function name, Keras 2's shorthands). */
  public static final Registry<Loss> REGISTRY = new Registry<Loss>("loss")
      .add("SparseCategoricalCrossentropy", reduced(SparseCategoricalCrossentropy::fromConfig))
      .add("CategoricalCrossentropy", reduced(CategoricalCrossentropy::fromConfig))
      .add("BinaryCrossentropy", reduced(BinaryCrossentropy::fromConfig))
      .add("BinaryFocalCrossentropy", reduced(BinaryFocalCrossentropy::fromConfig))
      .add("CategoricalFocalCrossentropy", reduced(CategoricalFocalCrossentropy::fromConfig))
      .add("MeanSquaredError", reduced(MeanSquaredError::fromConfig), "mse", "MSE")
      .add("MeanAbsoluteError", reduced(MeanAbsoluteError::fromConfig), "mae", "MAE")
      .add("MeanAbsolutePercentageError", reduced(MeanAbsolutePercentageError::fromConfig), "mape", "MAPE")
      .add("MeanSquaredLogarithmicError", reduced(MeanSquaredLogarithmicError::fromConfig), "msle", "MSLE")
      .add("Huber", reduced(Huber::fromConfig), "huber_loss")
      .add("LogCosh", reduced(LogCosh::fromConfig), "logcosh")
      .add("KLDivergence", reduced(KLDivergence::fromConfig), "kl_divergence", "kld", "KLD",
          "kullback_leibler_divergence")
      .add("Poisson", reduced(Poisson::fromConfig))
      .add("Hinge", reduced(Hinge::fromConfig))
      .add("SquaredHinge", reduced(SquaredHinge::fromConfig))
      .add("CategoricalHinge", reduced(CategoricalHinge::fromConfig))
      .add("CosineSimilarity", reduced(CosineSimilarity::fromConfig))
      .add("Dice", reduced(Dice::fromConfig))
      .add("Tversky", reduced(Tversky::fromConfig));

  private Losses() {}

  /** A loss class's {@code fromConfig} with the config's {@code reduction} applied. */
  private static java.util.function.Function<Config, Loss> reduced(
      java.util.function.Function<Config, ? extends Loss> fromConfig) {
    return c -> Reduced.of(c, fromConfig.apply(c));
  }

  /**
   * Keras 3's serialised form of {@code loss} in a {@code compile_config}: its name when it has
   * its class's default settings, else the class with its config ({@code from_logits},
   * {@code label_smoothing}, Huber's {@code delta}...), so that a saved model compiles back the
   * same.
   */
  public static Object serialize(Loss loss) {
    String cls = REGISTRY.className(loss.name());
    Map<String, Object> config = loss.getConfig();
    Loss plain = REGISTRY.build(cls, null, new Source(KerasVersion.CURRENT));
    if (config.equals(plain.getConfig())) {
      return loss.name();
    }
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    out.put("module", "keras.losses");
    out.put("class_name", cls);
    out.put("config", config);
    out.put("registered_name", null);
    return out;
  }
}
