package dev.tfjlabs.keras.losses;

import dev.tfjlabs.keras.config.Registry;
import java.util.Map;

/** Keras's losses by every name Keras accepts, in {@code compile(loss=...)} and in configs. */
public final class Losses {
  /** Every loss class by its Keras names (class, function name, Keras 2's shorthands). */
  public static final Registry<Loss> REGISTRY = new Registry<Loss>("loss")
      .add("SparseCategoricalCrossentropy", SparseCategoricalCrossentropy::fromConfig)
      .add("CategoricalCrossentropy", CategoricalCrossentropy::fromConfig)
      .add("BinaryCrossentropy", BinaryCrossentropy::fromConfig)
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
      .add("CosineSimilarity", CosineSimilarity::fromConfig);

  private Losses() {}

  /**
   * Keras 3's serialised form of {@code loss} in a {@code compile_config}: its name, or with
   * {@code from_logits} the class with its config.
   */
  public static Object serialize(Loss loss) {
    if (!loss.fromLogits()) {
      return loss.name();
    }
    Map<String, Object> config = loss.getConfig();
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    out.put("module", "keras.losses");
    out.put("class_name", className(loss.name()));
    out.put("config", config);
    out.put("registered_name", null);
    return out;
  }

  /** {@code sparse_categorical_crossentropy} -> {@code SparseCategoricalCrossentropy}. */
  public static String className(String name) {
    StringBuilder b = new StringBuilder();
    for (String part : name.split("_")) {
      b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return b.toString();
  }
}
