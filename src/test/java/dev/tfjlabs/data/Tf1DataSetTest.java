package dev.tfjlabs.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** TF1's {@code next_batch}: passes, the batch that crosses a pass, and the seed. */
class Tf1DataSetTest {
  @Test
  void eachPassIsAPermutationAndACrossingBatchIsCompletedFromTheNextPass() {
    Tf1DataSet d = new Tf1DataSet(10, 5);
    int[] a = d.nextBatch(4);
    int[] b = d.nextBatch(4);
    assertEquals(0, d.epochsCompleted());
    int[] c = d.nextBatch(4); // 2 left in pass 1, then 2 from pass 2
    assertEquals(1, d.epochsCompleted());
    Set<Integer> firstPass = new HashSet<>();
    IntStream.of(a).forEach(firstPass::add);
    IntStream.of(b).forEach(firstPass::add);
    firstPass.add(c[0]);
    firstPass.add(c[1]);
    assertEquals(10, firstPass.size(), "the first pass sees every example once");
    // the next 8 of pass 2 plus c's last two are pass 2 entire
    Set<Integer> secondPass = new HashSet<>(Set.of(c[2], c[3]));
    IntStream.of(d.nextBatch(4)).forEach(secondPass::add);
    IntStream.of(d.nextBatch(4)).forEach(secondPass::add);
    assertEquals(10, secondPass.size());
    assertEquals(1, d.epochsCompleted(), "exactly at the end of a pass: no wrap yet");
    d.nextBatch(1);
    assertEquals(2, d.epochsCompleted());
  }

  @Test
  void theSeedFixesTheOrderAndPassesDiffer() {
    Tf1DataSet one = new Tf1DataSet(50, 9);
    Tf1DataSet two = new Tf1DataSet(50, 9);
    int[] first = one.nextBatch(50);
    assertArrayEquals(first, two.nextBatch(50));
    int[] second = one.nextBatch(50);
    assertNotEquals(Arrays.toString(first), Arrays.toString(second), "reshuffled each pass");
    int[] sorted = second.clone();
    Arrays.sort(sorted);
    assertArrayEquals(IntStream.range(0, 50).toArray(), sorted);
  }
}
