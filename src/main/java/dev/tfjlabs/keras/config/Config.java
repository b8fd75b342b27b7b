package dev.tfjlabs.keras.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * One Keras object's {@code config} as a class's {@code fromConfig} reads it, key by key, with
 * Keras's defaults for what is absent or null. {@link #done} refuses a key nobody read, so a
 * setting this library would silently drop never loads; every refusal is one
 * {@link IllegalArgumentException} naming the object, the argument and its value.
 *
 * <p>Arguments that later Keras versions add to every layer load when they hold their neutral
 * value ({@link #NEUTRAL}); arguments that never change what a layer computes here
 * ({@code name}, {@code trainable}, shapes, {@code implementation}, ...) are read silently.
 */
public final class Config {
  /** Read silently: they never change what an object computes here. */
  private static final Set<String> IGNORED = Set.of("name", "trainable", "batch_input_shape",
      "batch_shape", "input_shape", "input_dtype", "implementation", "unroll", "time_major",
      "use_cudnn", "input_length", "registered_name", "module", "build_config",
      "autocast", "seed", "zero_output_for_mask");

  /**
   * Keras 3 arguments that load when they hold their neutral value: {@code quantization_config}
   * (3.14), {@code lora_rank} (3.1) unset; {@code lora_alpha} (3.9) only counts with a rank.
   */
  private static final Map<String, String> NEUTRAL = Map.of("quantization_config", "null",
      "lora_rank", "null", "synchronized", "false");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String className;
  private final JsonNode config;
  private final Source source;
  private final Set<String> read = new HashSet<>(IGNORED);

  private Config(String className, JsonNode config, Source source) {
    this.className = className;
    this.config = config == null || config.isNull() ? JsonNodeFactory.instance.objectNode()
        : config;
    this.source = source;
  }

  /** The config of an object of Keras class {@code className}, read from {@code source}. */
  public static Config of(String className, JsonNode config, Source source) {
    return new Config(className, config, source);
  }

  /** Parses a JSON text (a config attribute or file). */
  public static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getMessage());
    }
  }

  public String className() {
    return className;
  }

  /** The file (or Java code) this config comes from: its Keras version and warnings. */
  public Source source() {
    return source;
  }

  /** The object's {@code name}, or null. */
  public String name() {
    JsonNode n = config.get("name");
    return n == null || n.isNull() ? null : n.asText();
  }

  /** Who a message is about: {@code layer dense_1 (Dense)} or the class name. */
  public String who() {
    return name() == null ? className : "layer " + name() + " (" + className + ")";
  }

  /** The refusal of a value this library does not support. */
  public IllegalArgumentException unsupported(String key, Object value) {
    return new IllegalArgumentException(who() + ": " + key + "=" + value + " is not supported");
  }

  /** Whether the config holds a non-null {@code key}. */
  public boolean has(String key) {
    JsonNode v = config.get(key);
    return v != null && !v.isNull();
  }

  /** Whether the config holds {@code key} at all, even as null (Keras's None). */
  public boolean holds(String key) {
    return config.has(key);
  }

  /** Marks {@code key} as read without using it. */
  public void ignore(String key) {
    read.add(key);
  }

  /** The value of {@code key}, or null when absent or null. */
  public JsonNode get(String key) {
    read.add(key);
    JsonNode v = config.get(key);
    return v == null || v.isNull() ? null : v;
  }

  /** The value of {@code key}, which must be present. */
  public JsonNode require(String key) {
    JsonNode v = get(key);
    if (v == null) {
      throw new IllegalArgumentException(who() + ": the config has no " + key);
    }
    return v;
  }

  /** A positive integer that must be present ({@code units}, {@code filters}). */
  public int positive(String key) {
    JsonNode v = require(key);
    if (!v.canConvertToInt() || v.asInt() <= 0 || v.isTextual()) {
      throw unsupported(key, v);
    }
    return v.asInt();
  }

  /** A number; {@code otherwise} null makes it required. */
  public double number(String key, Double otherwise) {
    JsonNode v = otherwise == null ? require(key) : get(key);
    if (v == null) {
      return otherwise;
    }
    if (!v.isNumber()) {
      throw unsupported(key, v);
    }
    return v.asDouble();
  }

  public boolean bool(String key, boolean otherwise) {
    JsonNode v = get(key);
    if (v == null) {
      return otherwise;
    }
    if (!v.isBoolean()) {
      throw unsupported(key, v);
    }
    return v.asBoolean();
  }

  public String text(String key, String otherwise) {
    JsonNode v = get(key);
    return v == null ? otherwise : v.asText();
  }

  /** {@code n} integers, or one for all of them (Keras accepts either); null requires it. */
  public int[] tuple(String key, int n, int[] otherwise) {
    JsonNode v = otherwise == null ? require(key) : get(key);
    if (v == null) {
      return otherwise.clone();
    }
    int[] out = new int[n];
    if (v.canConvertToInt() && !v.isTextual()) {
      java.util.Arrays.fill(out, v.asInt());
      return out;
    }
    if (v.isArray() && v.size() == n) {
      for (int i = 0; i < n; i++) {
        out[i] = v.get(i).asInt();
      }
      return out;
    }
    throw unsupported(key, v);
  }

  /**
   * Keras's {@code axis}-like argument: one integer or a non-empty list of them; null when
   * absent or null.
   */
  public int[] axes(String key) {
    JsonNode v = get(key);
    if (v == null) {
      return null;
    }
    if (v.isInt()) {
      return new int[] {v.asInt()};
    }
    if (v.isArray() && v.size() > 0) {
      int[] out = new int[v.size()];
      for (int i = 0; i < out.length; i++) {
        if (!v.get(i).isInt()) {
          throw unsupported(key, v);
        }
        out[i] = v.get(i).asInt();
      }
      return out;
    }
    throw unsupported(key, v);
  }

  /** Refuses any value of {@code key} other than {@code expected} (absent means Keras's). */
  public void fixed(String key, Object expected) {
    JsonNode v = get(key);
    if (v == null) {
      return;
    }
    Object got = v.isBoolean() ? (Object) v.asBoolean() : v.isInt() ? (Object) v.asInt()
        : v.isNumber() ? (Object) v.asDouble() : v.asText();
    if (!got.equals(expected)) {
      throw unsupported(key, v);
    }
  }

  /** Refuses a non-zero {@code key}. */
  public void zero(String key) {
    JsonNode v = get(key);
    if (v != null && (!v.isNumber() || v.asDouble() != 0)) {
      throw unsupported(key, v);
    }
  }

  /** Refuses any non-null value of these keys (regularizers and constraints). */
  public void none(String... keys) {
    for (String key : keys) {
      JsonNode v = get(key);
      if (v != null) {
        throw unsupported(key, v);
      }
    }
  }

  /**
   * Ends the reading: refuses a key nobody read, and a later Keras's argument that does not
   * hold its neutral value, naming the object, the argument and the value.
   */
  public void done() {
    var it = config.fieldNames();
    while (it.hasNext()) {
      String key = it.next();
      if (read.contains(key)) {
        continue;
      }
      JsonNode v = config.get(key);
      String neutral = NEUTRAL.get(key);
      if (neutral != null) {
        if (!String.valueOf(v).equals(neutral)) {
          throw unsupported(key, v);
        }
      } else if (key.equals("lora_alpha")) {
        if (has("lora_rank")) {
          throw unsupported("lora_rank", config.get("lora_rank"));
        }
      } else if (key.equals("dtype")) {
        DTypes.check(v, this);
      } else {
        throw new IllegalArgumentException(who() + ": unknown argument " + key);
      }
    }
  }
}
