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

  /** Series drawn together share the bins of their common range. */
  @Test
  void seriesShareTheBinsOfTheirCommonRange() {
    double[] a = {0, 1, 2};
    double[] b = {4, 5, 6};
    double[] both = {0, 1, 2, 4, 5, 6};
    List<double[]> binsA = Histogram.bins(a, 3, both);
    List<double[]> binsB = Histogram.bins(b, 3, both);
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(new double[] {2 * i, 2 * i + 2}, new double[] {binsA.get(i)[0],
          binsA.get(i)[1]}, 1e-12);
      assertArrayEquals(new double[] {binsA.get(i)[0], binsA.get(i)[1]},
          new double[] {binsB.get(i)[0], binsB.get(i)[1]}, 1e-12);
    }
    assertArrayEquals(new double[] {2, 1, 0}, binsA.stream().mapToDouble(r -> r[2]).toArray());
    assertArrayEquals(new double[] {0, 0, 3}, binsB.stream().mapToDouble(r -> r[2]).toArray());
    // drawn side by side: no two series' bars overlap within a bin
    var chart = Charts.histogram("t", "x", "count", new java.util.LinkedHashMap<>(
        java.util.Map.of("a", binsA)));
    var data = (org.jfree.data.xy.XYIntervalSeriesCollection) chart.getXYPlot().getDataset();
    assertEquals(1, data.getSeriesCount());
    var two = new java.util.LinkedHashMap<String, List<double[]>>();
    two.put("a", binsA);
    two.put("b", binsB);
    var d2 = (org.jfree.data.xy.XYIntervalSeriesCollection) Charts.histogram("t", "x", "count",
        two).getXYPlot().getDataset();
    for (int i = 0; i < 3; i++) {
      assertEquals(d2.getEndXValue(0, i), d2.getStartXValue(1, i), 1e-12, "bin " + i);
    }
  }
}
