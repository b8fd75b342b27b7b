package dev.tfjlabs.data;

import dev.tfjlabs.keras.data.FloatArray;
import java.util.Random;

/**
 * The multiplication problem of Hochreiter and Schmidhuber's LSTM paper, as the notebook
 * generates it: each sample is {@code steps} pairs (marker, value) with values uniform in
 * [0, 1) and exactly two distinct steps marked 1; the target is the product of the two marked
 * values.
 *
 * @param x shape [count, steps, 2]: (marker, value) per step
 * @param y shape [count]: the product of the marked values
 * @param marked the two marked step indices of each sample, in ascending order
 */
public record MultiplicationProblem(FloatArray x, FloatArray y, int[][] marked) {
  /** The notebook's sample count. */
  public static final int DEFAULT_COUNT = 3000;
  /** The notebook's sequence length. */
  public static final int DEFAULT_STEPS = 100;

  /** Generates {@code count} sequences of {@code steps} steps from {@code seed}. */
  public static MultiplicationProblem generate(int count, int steps, long seed) {
    if (steps < 2) {
      throw new IllegalArgumentException("steps must be >= 2, got " + steps);
    }
    Random rng = new Random(seed);
    float[] x = new float[count * steps * 2];
    float[] y = new float[count];
    int[][] marked = new int[count][];
    for (int i = 0; i < count; i++) {
      int base = i * steps * 2;
      for (int t = 0; t < steps; t++) {
        x[base + 2 * t + 1] = rng.nextFloat();
      }
      int a = rng.nextInt(steps);
      int b = rng.nextInt(steps - 1);
      if (b >= a) {
        b++;
      }
      marked[i] = new int[] {Math.min(a, b), Math.max(a, b)};
      x[base + 2 * a] = 1f;
      x[base + 2 * b] = 1f;
      y[i] = x[base + 2 * a + 1] * x[base + 2 * b + 1];
    }
    return new MultiplicationProblem(new FloatArray(x, count, steps, 2), FloatArray.of(y), marked);
  }
}
