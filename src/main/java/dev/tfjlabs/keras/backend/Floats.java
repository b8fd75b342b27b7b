package dev.tfjlabs.keras.backend;

/** Float settings as a Keras config writes them. */
public final class Floats {
  private Floats() {}

  /**
   * The double a user wrote for a setting stored as float: 0.4f gives 0.4, not
   * 0.4000000059604645, as Keras's config keeps the Python float it was given.
   */
  public static double decimal(float value) {
    return Double.parseDouble(Float.toString(value));
  }
}
