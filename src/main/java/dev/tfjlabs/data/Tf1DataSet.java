package dev.tfjlabs.data;

import dev.tfjlabs.keras.data.Shuffling;
import java.util.Random;

/**
 * The batching of TensorFlow 1's {@code mnist.train.next_batch(batch_size)}
 * ({@code tensorflow/contrib/learn/.../datasets/mnist.py}): the order is shuffled before the
 * first batch and at the start of every pass; a batch that would cross the end of a pass takes
 * the rest of this pass and is completed from the start of the next, shuffled one. It hands out
 * indices into the data set; the seed makes the order repeat. (TF1 shuffles the arrays
 * themselves, composing permutations; a fresh uniform permutation per pass has the same
 * distribution.)
 */
public final class Tf1DataSet {
  private final int numExamples;
  private final Random rng;
  private int[] order;
  private int indexInEpoch;
  private int epochsCompleted;

  public Tf1DataSet(int numExamples, long seed) {
    if (numExamples <= 0) {
      throw new IllegalArgumentException("a data set needs examples, got " + numExamples);
    }
    this.numExamples = numExamples;
    this.rng = new Random(seed);
  }

  public int numExamples() {
    return numExamples;
  }

  /** Passes over the data completed so far. */
  public int epochsCompleted() {
    return epochsCompleted;
  }

  /** The indices of the next {@code batchSize} examples. */
  public int[] nextBatch(int batchSize) {
    if (batchSize <= 0 || batchSize > numExamples) {
      throw new IllegalArgumentException("batch size must be in 1.." + numExamples + ", got "
          + batchSize);
    }
    if (order == null) {
      order = Shuffling.permutation(numExamples, rng);
    }
    int start = indexInEpoch;
    int[] batch = new int[batchSize];
    if (start + batchSize > numExamples) {
      epochsCompleted++;
      int rest = numExamples - start;
      System.arraycopy(order, start, batch, 0, rest);
      order = Shuffling.permutation(numExamples, rng);
      indexInEpoch = batchSize - rest;
      System.arraycopy(order, 0, batch, rest, indexInEpoch);
    } else {
      System.arraycopy(order, start, batch, 0, batchSize);
      indexInEpoch += batchSize;
    }
    return batch;
  }
}
