package dev.tfjlabs.keras.initializers;

import java.util.Random;

/**
 * Produces a weight's starting values in Java, in double precision, from a seeded generator, so
 * that the same seed gives the same weights on every run and device.
 */
@FunctionalInterface
public interface Initializer {

  /** Row-major values for a weight of {@code shape}. */
  float[] generate(int[] shape, Random rng);

  static int size(int[] shape) {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    return n;
  }

  /**
   * Keras's fans: for a matrix [in, out] {@code fanIn = in, fanOut = out}; for a convolution
   * kernel [kh, kw, in, out] both are multiplied by the receptive field {@code kh * kw}.
   */
  static double[] fans(int[] shape) {
    if (shape.length < 2) {
      int n = shape.length == 0 ? 1 : shape[0];
      return new double[] {n, n};
    }
    double receptive = 1;
    for (int i = 0; i < shape.length - 2; i++) {
      receptive *= shape[i];
    }
    return new double[] {shape[shape.length - 2] * receptive, shape[shape.length - 1] * receptive};
  }
}
