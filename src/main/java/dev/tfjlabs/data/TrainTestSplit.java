package dev.tfjlabs.data;

import dev.tfjlabs.keras.data.Shuffling;
import java.util.Arrays;
import java.util.Random;

/**
 * scikit-learn's {@code train_test_split(test_size, random_state)} on indices: a seeded
 * permutation whose first {@code ceil(testSize * n)} entries are the test set and the rest the
 * training set. The seed gives a fixed split, though not NumPy's split for the same seed.
 *
 * @param train indices of the training samples
 * @param test indices of the test samples
 */
public record TrainTestSplit(int[] train, int[] test) {

  /** Splits {@code n} samples, holding out the fraction {@code testSize} (0 < testSize < 1). */
  public static TrainTestSplit of(int n, double testSize, long seed) {
    if (!(testSize > 0 && testSize < 1)) {
      throw new IllegalArgumentException("testSize must be between 0 and 1, got " + testSize);
    }
    int nTest = (int) Math.ceil(testSize * n);
    if (nTest == 0 || nTest == n) {
      throw new IllegalArgumentException("testSize " + testSize + " of " + n
          + " samples leaves an empty train or test set");
    }
    int[] perm = Shuffling.permutation(n, new Random(seed));
    return new TrainTestSplit(Arrays.copyOfRange(perm, nTest, n), Arrays.copyOfRange(perm, 0, nTest));
  }
}
