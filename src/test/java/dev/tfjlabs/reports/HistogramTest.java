package dev.tfjlabs.reports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** matplotlib's binning, by hand: equal widths from min to max, the last bin closed. */
class HistogramTest {
  @Test
  void binsCountValuesInHalfOpenIntervalsTheLastClosed() {
    // min 0, max 10, 5 bins of width 2: [0,2) [2,4) [4,6) [6,8) [8,10]
    List<double[]> bins = Histogram.bins(new double[] {0, 1.9, 2, 5, 7.99, 8, 10, 10}, 5);
    assertEquals(5, bins.size());
    double[] counts = bins.stream().mapToDouble(b -> b[2]).toArray();
    assertArrayEquals(new double[] {2, 1, 1, 1, 3}, counts);
    assertArrayEquals(new double[] {8, 10, 3}, bins.get(4), 1e-12);
  }

  @Test
  void equalValuesMakeOneUnitWideRange() {
    List<double[]> bins = Histogram.bins(new double[] {3, 3, 3}, 2);
    assertArrayEquals(new double[] {2.5, 3, 0}, bins.get(0), 1e-12);
    assertArrayEquals(new double[] {3, 3.5, 3}, bins.get(1), 1e-12);
  }
}
