package dev.tfjlabs.keras.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Mini-batches over {@code n} samples as Keras's {@code fit} forms them: an optional fresh
 * shuffle each epoch, then consecutive slices of {@code batchSize}, the last one partial when
 * {@code batchSize} does not divide {@code n} (it is kept, not dropped).
 */
public final class Batches {

  /** One mini-batch: the samples {@code order[from..to)}. */
  public record Batch(int[] order, int from, int to) {
    public int size() {
      return to - from;
    }

    public int[] indices() {
      return java.util.Arrays.copyOfRange(order, from, to);
    }
  }

  private Batches() {}

  /** Number of batches per epoch: {@code ceil(n / batchSize)}. */
  public static int count(int n, int batchSize) {
    return (n + batchSize - 1) / batchSize;
  }

  /** The batches of one epoch; {@code rng} is used (once per epoch) only when shuffling. */
  public static List<Batch> epoch(int n, int batchSize, boolean shuffle, Random rng) {
    if (batchSize <= 0) {
      throw new IllegalArgumentException("batchSize must be positive, got " + batchSize);
    }
    int[] order;
    if (shuffle) {
      order = Shuffling.permutation(n, rng);
    } else {
      order = new int[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
    }
    List<Batch> out = new ArrayList<>(count(n, batchSize));
    for (int from = 0; from < n; from += batchSize) {
      out.add(new Batch(order, from, Math.min(n, from + batchSize)));
    }
    return out;
  }
}
