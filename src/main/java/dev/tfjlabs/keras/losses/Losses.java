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

  public static Loss get(String name) {
    Supplier<Loss> s = BY_NAME.get(name);
    if (s == null) {
      throw new IllegalArgumentException("Unknown loss '" + name + "'; expected one of "
          + new java.util.TreeSet<>(BY_NAME.keySet()));
    }
    return s.get();
  }
}
