package dev.tfjlabs.keras.losses;

import dev.tfjlabs.keras.config.KerasVersion;
import dev.tfjlabs.keras.config.Registry;
import dev.tfjlabs.keras.config.Source;
import java.util.Map;

/** Keras's losses by every name Keras accepts, in {@code compile(loss=...)} and in configs. */
public final class Losses {
  /** Every loss class by its Keras names (class, function name, Keras 2's shorthands). */
  public static final Registry<Loss> REGISTRY = new Registry<Loss>("loss")
      .add("SparseCategoricalCrossentropy", SparseCategoricalCrossentropy::fromConfig)
      .add("CategoricalCrossentropy", CategoricalCrossentropy::fromConfig)
      .add("BinaryCrossentropy", BinaryCrossentropy::fromConfig)
      .add("BinaryFocalCrossentropy", BinaryFocalCrossentropy::fromConfig)
      .add("CategoricalFocalCrossentropy", CategoricalFocalCrossentropy::fromConfig)
      .add("MeanSquaredError", MeanSquaredError::fromConfig, "mse", "MSE")
      .add("MeanAbsoluteError", MeanAbsoluteError::fromConfig, "mae", "MAE")
      .add("MeanAbsolutePercentageError", MeanAbsolutePercentageError::fromConfig, "mape", "MAPE")
      .add("MeanSquaredLogarithmicError", MeanSquaredLogarithmicError::fromConfig, "msle", "MSLE")
      .add("Huber", Huber::fromConfig, "huber_loss")
      .add("LogCosh", LogCosh::fromConfig, "logcosh")
      .add("KLDivergence", KLDivergence::fromConfig, "kl_divergence", "kld", "KLD",
          "kullback_leibler_divergence")
      .add("Poisson", Poisson::fromConfig)
      .add("Hinge", Hinge::fromConfig)
      .add("SquaredHinge", SquaredHinge::fromConfig)
      .add("CategoricalHinge", CategoricalHinge::fromConfig)
      .add("CosineSimilarity", CosineSimilarity::fromConfig)
      .add("Dice", Dice::fromConfig)
      .add("Tversky", Tversky::fromConfig);

  private Losses() {}

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
