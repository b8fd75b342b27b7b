package dev.tfjlabs.keras.layers;

/** Keras's padding rules for convolution and pooling windows. */
public final class Pooling {
  private Pooling() {}

  /** {@code "valid"} or {@code "same"}, as Keras accepts them (any case). */
  public static String padding(String value) {
    String p = value == null ? "" : value.toLowerCase();
    if (!p.equals("valid") && !p.equals("same")) {
      throw new IllegalArgumentException("padding must be 'valid' or 'same', got '" + value + "'");
    }
    return p;
  }

  /**
   * The output size of one spatial axis of {@code n}: {@code "valid"} windows of {@code k} at
   * stride {@code s} give {@code floor((n - k) / s) + 1}, {@code "same"} gives
   * {@code ceil(n / s)}.
   */
  public static int outputSize(int n, int k, int s, String padding) {
    return padding.equals("same") ? (n + s - 1) / s : (n - k) / s + 1;
  }
}
