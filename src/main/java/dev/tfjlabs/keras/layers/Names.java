package dev.tfjlabs.keras.layers;

import java.util.HashMap;
import java.util.Map;

/**
 * Keras's {@code backend.get_uid}: the names a layer gets when none is given and it is first
 * called on symbolic tensors, unique in this JVM as they are in a Keras session ({@code dense},
 * {@code dense_1}, ...). {@code Sequential} names its own layers per model instead.
 */
final class Names {
  private static final Map<String, Integer> COUNTS = new HashMap<>();

  private Names() {}

  static synchronized String unique(String base) {
    int n = COUNTS.merge(base, 1, Integer::sum) - 1;
    return n == 0 ? base : base + "_" + n;
  }
}
