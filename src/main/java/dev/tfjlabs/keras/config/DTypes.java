package dev.tfjlabs.keras.config;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A layer's {@code dtype}: Keras 2's string ({@code "float32"}) or Keras 3's
 * {@code DTypePolicy} dict. This library computes in float32: a {@code mixed_float16} or
 * {@code mixed_bfloat16} policy (float32 variables, half-precision compute) loads and computes
 * in float32, with one warning line; any other dtype is refused.
 */
final class DTypes {
  private DTypes() {}

  static void check(JsonNode dtype, Config owner) {
    String name = dtype.isNull() ? "" : dtype.isTextual() ? dtype.asText()
        : dtype.path("config").path("name").asText(dtype.path("class_name").asText());
    switch (name) {
      case "float32", "" -> { }
      case "mixed_float16", "mixed_bfloat16" -> owner.source().warn("the model's dtype policy "
          + name + " computes in float32 here (this library has no half-precision kernels)");
      default -> throw owner.unsupported("dtype", dtype);
    }
  }
}
