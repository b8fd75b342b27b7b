package dev.tfjlabs.keras.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Keras's {@code deserialize_keras_object} for one kind of object (layers, initializers,
 * optimizers, ...): maps every name Keras accepts to the class's {@code fromConfig}. A name is
 * the class name ({@code GlorotUniform}), its snake case ({@code glorot_uniform}) and Keras's
 * aliases ({@code uniform}); an identifier is a plain string, a Keras 2 dict
 * ({@code class_name}, {@code config}) or a Keras 3 one ({@code module}, {@code class_name},
 * {@code config}, {@code registered_name}). tf.keras's {@code Custom>} prefix on a built-in
 * class is Keras's own and is dropped, as Keras 3 drops it.
 */
public final class Registry<T> {
  private final String kind;
  private final Map<String, Entry<T>> byName = new LinkedHashMap<>();
  private final Map<String, List<String>> aliases = new LinkedHashMap<>();

  /** A registry of {@code kind} ("layer", "initializer"), for messages. */
  public Registry(String kind) {
    this.kind = kind;
  }

  /**
   * Registers a class under its name, its snake-case name and {@code extra} aliases.
   *
   * @return this, to chain registrations
   */
  public Registry<T> add(String className, Function<Config, T> fromConfig, String... extra) {
    Set<String> unique = new LinkedHashSet<>();
    unique.add(className);
    unique.add(snakeCase(className));
    unique.addAll(List.of(extra));
    List<String> names = new ArrayList<>(unique);
    Entry<T> entry = new Entry<>(className, fromConfig);
    for (String n : names) {
      if (byName.putIfAbsent(n, entry) != null) {
        throw new IllegalStateException(kind + " name " + n + " registered twice");
      }
    }
    aliases.put(className, List.copyOf(names.subList(1, names.size())));
    return this;
  }

  /** The registered classes with their other names, in registration order. */
  public Map<String, List<String>> classes() {
    return Collections.unmodifiableMap(aliases);
  }

  /** The Keras class a name resolves to ({@code kld} to {@code KLDivergence}). */
  public String className(String name) {
    Entry<T> entry = byName.get(strip(name));
    if (entry == null) {
      throw new IllegalArgumentException(kind + " " + name + " is not supported");
    }
    return entry.className();
  }

  /** Whether {@code name} resolves. */
  public boolean knows(String name) {
    return byName.containsKey(strip(name));
  }

  /**
   * The object an identifier names: a string (built with an empty config) or a dict.
   *
   * @throws IllegalArgumentException naming the class when it is not known here
   */
  public T get(JsonNode identifier, Source source) {
    if (identifier.isTextual()) {
      return build(identifier.asText(), null, source);
    }
    String module = identifier.path("module").asText("");
    if (!module.isEmpty() && !module.startsWith("keras") && !module.equals("builtins")) {
      throw new IllegalArgumentException(kind + " " + identifier.path("class_name").asText()
          + " comes from Python module " + module + ", code that cannot run in Java");
    }
    String name = identifier.path("class_name").asText();
    if (!knows(name) && identifier.hasNonNull("registered_name")) {
      name = identifier.get("registered_name").asText();
    }
    return build(name, identifier.get("config"), source);
  }

  /** The object of class {@code name} with {@code config} (null: Keras's defaults). */
  public T build(String name, JsonNode config, Source source) {
    Entry<T> entry = byName.get(strip(name));
    if (entry == null) {
      throw new IllegalArgumentException(kind + " " + name + " is not supported (supported: "
          + String.join(", ", aliases.keySet()) + ")");
    }
    Config c = Config.of(entry.className(), config, source);
    T out = entry.fromConfig().apply(c);
    c.done();
    return out;
  }

  /** A registered class: its Keras class name and its {@code fromConfig}. */
  private record Entry<T>(String className, Function<Config, T> fromConfig) {}

  private static String strip(String name) {
    return name.startsWith("Custom>") ? name.substring("Custom>".length()) : name;
  }

  /** Keras's {@code to_snake_case}: {@code GlorotUniform} to {@code glorot_uniform}. */
  public static String snakeCase(String name) {
    String s = name.replaceAll("(.)([A-Z][a-z]+)", "$1_$2");
    return s.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase();
  }
}
