package dev.tfjlabs.reports;

import java.util.ArrayList;
import java.util.List;

/**
 * matplotlib's {@code plt.hist(values, bins=n)} binning: {@code n} bins of equal width from the
 * smallest to the largest value, each [from, to) except the last, which includes its right edge.
 */
public final class Histogram {
  private Histogram() {}

  /** Rows of {from, to, count}; one bin [v - 0.5, v + 0.5] when all values are equal. */
  public static List<double[]> bins(double[] values, int n) {
    if (values.length == 0 || n <= 0) {
      throw new IllegalArgumentException("a histogram needs values and a positive bin count");
    }
    return bins(values, n, values);
  }

  /**
   * As {@link #bins(double[], int)}, on the range of {@code range} (the values of every series
   * to be drawn together), so that series share their bins, as {@code plt.hist([a, b], bins=n)}
   * bins them.
   */
  public static List<double[]> bins(double[] values, int n, double[] range) {
    if (range.length == 0 || n <= 0) {
      throw new IllegalArgumentException("a histogram needs values and a positive bin count");
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : range) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    if (min == max) {
      min -= 0.5;
      max += 0.5;
    }
    double width = (max - min) / n;
    double[] counts = new double[n];
    for (double v : values) {
      counts[Math.max(0, Math.min(n - 1, (int) ((v - min) / width)))]++;
    }
    List<double[]> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(new double[] {min + i * width, i == n - 1 ? max : min + (i + 1) * width, counts[i]});
    }
    return rows;
  }
}
