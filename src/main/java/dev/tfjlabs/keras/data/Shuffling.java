package dev.tfjlabs.keras.data;

import java.util.Random;

/**
 * Seeded index permutations, the project's one source of data-order randomness. Uses
 * {@link java.util.Random}, whose sequence is specified, so a seed gives the same order on every
 * JVM.
 */
public final class Shuffling {
  private Shuffling() {}

  /** A uniformly random permutation of {@code 0..n-1} (Fisher-Yates). */
  public static int[] permutation(int n, Random rng) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    shuffle(p, rng);
    return p;
  }

  /** Shuffles {@code values} in place (Fisher-Yates). */
  public static void shuffle(int[] values, Random rng) {
    for (int i = values.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = values[i];
      values[i] = values[j];
      values[j] = t;
    }
  }
}
