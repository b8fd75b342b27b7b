package dev.tfjlabs.keras.initializers;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * An initializer Keras knows by name: its {@code class_name} and {@code get_config()}
 * ({@code {"seed": null}} for GlorotUniform), and the generator that draws its values.
 */
public record KerasInitializer(String className, Map<String, Object> config,
    Initializer generator) implements Initializer {

  public KerasInitializer {
    config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
  }

  @Override
  public float[] generate(int[] shape, Random rng) {
    return generator.generate(shape, rng);
  }

  /**
   * This initializer drawing from its own generator seeded with {@code seed} (the same values at
   * every call), with {@code seed} in its config.
   */
  public KerasInitializer withSeed(long seed) {
    Map<String, Object> c = new LinkedHashMap<>(config);
    c.put("seed", seed);
    return new KerasInitializer(className, c, (shape, rng) -> generator.generate(shape,
        new Random(seed)));
  }

  /** Keras 3's serialised form: {@code {module, class_name, config, registered_name}}. */
  public Map<String, Object> serialize() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("module", "keras.initializers");
    out.put("class_name", className);
    out.put("config", new LinkedHashMap<>(config));
    out.put("registered_name", null);
    return out;
  }

  /** Keras 3's serialised form of {@code init}, which must be a Keras initializer. */
  public static Map<String, Object> serialize(Initializer init) {
    if (init instanceof KerasInitializer k) {
      return k.serialize();
    }
    throw new IllegalArgumentException("a custom initializer has no Keras config; use one of"
        + " Initializers' factories to save the model as a Keras file");
  }
}
