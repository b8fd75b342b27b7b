package dev.tfjlabs.keras.losses;

import java.util.Map;
import java.util.function.Supplier;

/** Keras's loss strings, as {@code compile(loss="...")} accepts them. */
public final class Losses {
  private static final Map<String, Supplier<Loss>> BY_NAME = Map.of(
      "sparse_categorical_crossentropy", SparseCategoricalCrossentropy::new,
      "categorical_crossentropy", CategoricalCrossentropy::new,
      "binary_crossentropy", BinaryCrossentropy::new,
      "mean_squared_error", MeanSquaredError::new,
      "mse", MeanSquaredError::new);

  private Losses() {}

  /** The loss {@code name} with {@code from_logits} as given. */
  public static Loss get(String name, boolean fromLogits) {
    if (!fromLogits) {
      return get(name);
    }
    return switch (name) {
      case "sparse_categorical_crossentropy" -> new SparseCategoricalCrossentropy(true);
      case "categorical_crossentropy" -> new CategoricalCrossentropy(true);
      case "binary_crossentropy" -> new BinaryCrossentropy(true);
      default -> throw new IllegalArgumentException("loss '" + name + "' has no from_logits");
    };
  }

  /**
   * Keras 3's serialised form of {@code loss} in a {@code compile_config}: its name, or with
   * {@code from_logits} the class with its config.
   */
  public static Object serialize(Loss loss) {
    if (!loss.fromLogits()) {
      return loss.name();
    }
    Map<String, Object> config = new java.util.LinkedHashMap<>();
    config.put("name", loss.name());
    config.put("reduction", "sum_over_batch_size");
    config.put("from_logits", true);
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

  /** The loss of a Keras class name ({@code SparseCategoricalCrossentropy}), or null. */
  public static String nameOfClass(String className) {
    for (String name : BY_NAME.keySet()) {
      if (className(name).equals(className)) {
        return name;
      }
    }
    return null;
  }

  public static Loss get(String name) {
    Supplier<Loss> s = BY_NAME.get(name);
    if (s == null) {
      throw new IllegalArgumentException("Unknown loss '" + name + "'; expected one of "
          + new java.util.TreeSet<>(BY_NAME.keySet()));
    }
    return s.get();
  }
}
