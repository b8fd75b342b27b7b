package dev.tfjlabs.data;


import dev.tfjlabs.data.Sequences.Side;
import dev.tfjlabs.keras.data.Batches;
import dev.tfjlabs.keras.data.FloatArray;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keras's utilities against examples worked by hand from Keras's documentation. */
class SequencesTest {
  private static final int[][] SEQS = {{1}, {2, 3}, {4, 5, 6}};

  @Test
  void padSequencesDefaultsPadAndTruncateAtTheFront() {
    // keras.utils.pad_sequences([[1], [2, 3], [4, 5, 6]])
    assertArrayEquals(new int[][] {{0, 0, 1}, {0, 2, 3}, {4, 5, 6}},
        Sequences.padSequences(SEQS, null));
    // maxlen=2 keeps the last two values
    assertArrayEquals(new int[][] {{0, 1}, {2, 3}, {5, 6}}, Sequences.padSequences(SEQS, 2));
  }

  @Test
  void padSequencesPostAndValue() {
    assertArrayEquals(new int[][] {{1, -1, -1}, {2, 3, -1}, {4, 5, 6}},
        Sequences.padSequences(SEQS, null, Side.POST, Side.PRE, -1));
    assertArrayEquals(new int[][] {{1, 0}, {2, 3}, {4, 5}},
        Sequences.padSequences(SEQS, 2, Side.POST, Side.POST, 0));
    assertArrayEquals(new int[][] {{0, 0, 0, 1}, {0, 0, 2, 3}, {0, 4, 5, 6}},
        Sequences.padSequences(SEQS, 4));
  }

  @Test
  void toCategoricalIsOneHot() {
    FloatArray y = Sequences.toCategorical(new int[] {0, 2, 1}, null);
    assertArrayEquals(new int[] {3, 3}, y.shape());
    assertArrayEquals(new float[] {1, 0, 0, 0, 0, 1, 0, 1, 0}, y.values());
    assertArrayEquals(new int[] {3, 5}, Sequences.toCategorical(new int[] {0, 2, 1}, 5).shape());
  }

  @Test
  void trainTestSplitIsSeededAndComplete() {
    TrainTestSplit a = TrainTestSplit.of(10, 0.2, 42);
    TrainTestSplit b = TrainTestSplit.of(10, 0.2, 42);
    assertArrayEquals(a.train(), b.train());
    assertEquals(8, a.train().length);
    assertEquals(2, a.test().length);
    int[] all = IntStream.concat(Arrays.stream(a.train()), Arrays.stream(a.test())).sorted().toArray();
    assertArrayEquals(IntStream.range(0, 10).toArray(), all);
    assertNotEquals(Arrays.toString(a.test()), Arrays.toString(TrainTestSplit.of(10, 0.2, 7).test()));
    // sklearn: n_test = ceil(0.25 * 10) = 3
    assertEquals(3, TrainTestSplit.of(10, 0.25, 1).test().length);
    FloatArray x = Sequences.asFloatArray(new int[][] {{0, 1}, {2, 3}, {4, 5}, {6, 7}, {8, 9},
        {10, 11}, {12, 13}, {14, 15}, {16, 17}, {18, 19}});
    FloatArray test = x.take(a.test());
    assertArrayEquals(new int[] {2, 2}, test.shape());
    assertEquals(2 * a.test()[1] + 1, test.get(1, 1));
  }

  @Test
  void batchesKeepTheLastPartialBatchAndReshuffle() {
    Random rng = new Random(1);
    List<Batches.Batch> e1 = Batches.epoch(10, 4, true, rng);
    List<Batches.Batch> e2 = Batches.epoch(10, 4, true, rng);
    assertEquals(List.of(4, 4, 2), e1.stream().map(Batches.Batch::size).toList());
    int[] seen = e1.stream().flatMapToInt(b -> Arrays.stream(b.indices())).sorted().toArray();
    assertArrayEquals(IntStream.range(0, 10).toArray(), seen);
    assertNotEquals(Arrays.toString(e1.get(0).indices()), Arrays.toString(e2.get(0).indices()));
    assertArrayEquals(new int[] {8, 9},
        Batches.epoch(10, 4, false, rng).get(2).indices());
  }

  @Test
  void multiplicationProblemInvariants() {
    MultiplicationProblem p = MultiplicationProblem.generate(50, 100, 3);
    assertArrayEquals(new int[] {50, 100, 2}, p.x().shape());
    assertArrayEquals(new int[] {50}, p.y().shape());
    for (int i = 0; i < 50; i++) {
      int markers = 0;
      double product = 1;
      for (int t = 0; t < 100; t++) {
        float marker = p.x().values()[(i * 100 + t) * 2];
        float value = p.x().values()[(i * 100 + t) * 2 + 1];
        assertTrue(value >= 0 && value < 1);
        assertTrue(marker == 0 || marker == 1);
        if (marker == 1) {
          markers++;
          product *= value;
        }
      }
      assertEquals(2, markers, "sample " + i);
      assertEquals(product, p.y().values()[i], 1e-6);
    }
    assertArrayEquals(p.x().values(), MultiplicationProblem.generate(50, 100, 3).x().values());
    assertNotEquals(p.y().values()[0], MultiplicationProblem.generate(50, 100, 4).y().values()[0]);
  }
}
