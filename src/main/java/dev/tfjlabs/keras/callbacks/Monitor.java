package dev.tfjlabs.keras.callbacks;

/**
 * Keras's {@code mode="auto"} for a monitored quantity: larger is better when its name contains
 * {@code acc}, smaller otherwise. {@code minDelta} is the least change that counts as an
 * improvement.
 */
record Monitor(String name, boolean maximize, double minDelta) {

  static Monitor auto(String name, double minDelta) {
    return new Monitor(name, name.contains("acc"), Math.abs(minDelta));
  }

  /** The starting "best": minus or plus infinity. */
  double worst() {
    return maximize ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
  }

  boolean improves(double current, double best) {
    return maximize ? current - minDelta > best : current + minDelta < best;
  }
}
