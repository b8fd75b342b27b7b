package dev.tfjlabs.reports;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;

/**
 * A logarithmic value axis whose labelled ticks are round numbers, {@code 1, 2, 5 x 10^k} (every
 * {@code m x 10^k}, m = 1..9, when that gives fewer than three in range, and within less than a
 * decade the round steps of 1, 2 or 5 x 10^j a linear axis would take), each written with the
 * digits it needs ({@code 0.002}, {@code 0.5}, {@code 0.88}), so no two labels read alike and
 * none is a rounding of an odd power of ten; its label says "log scale". JFreeChart's own
 * {@code LogAxis} ticks at fractions of a decade and rounds their labels ({@code 0.891},
 * {@code 0.794}, or "0.001" twice).
 */
public final class ReadableLogAxis extends LogAxis {
  private static final int[] ROUND = {1, 2, 5};
  private static final int[] ALL = {1, 2, 3, 4, 5, 6, 7, 8, 9};

  public ReadableLogAxis(String label) {
    super(label + " (log scale)");
  }

  @Override
  @SuppressWarnings({"rawtypes", "unchecked"})
  public List refreshTicks(Graphics2D g2, AxisState state, Rectangle2D dataArea,
      RectangleEdge edge) {
    List<NumberTick> ticks = ticks(ROUND);
    if (ticks.size() < 3) {
      ticks = ticks(ALL);
    }
    if (ticks.size() < 3) {
      ticks = linear();
    }
    return ticks;
  }

  /**
   * Within less than a decade: multiples of the smallest round step (1, 2 or 5 x 10^j) that
   * gives at most eight ticks in range.
   */
  private List<NumberTick> linear() {
    double lower = getLowerBound();
    double upper = getUpperBound();
    if (!(lower > 0) || !(upper > lower)) {
      return new ArrayList<>();
    }
    int top = (int) Math.floor(Math.log10(upper)) + 1;
    for (int j = (int) Math.floor(Math.log10(upper - lower)) - 2; j <= top; j++) {
      for (int m : ROUND) {
        BigDecimal step = BigDecimal.valueOf(m).scaleByPowerOfTen(j);
        BigDecimal first = BigDecimal.valueOf(lower).divide(step, 0, java.math.RoundingMode.CEILING)
            .multiply(step);
        List<NumberTick> ticks = new ArrayList<>();
        for (BigDecimal v = first; v.doubleValue() <= upper; v = v.add(step)) {
          ticks.add(tick(v));
        }
        if (ticks.size() <= 8 && ticks.size() >= 2) {
          return ticks;
        }
      }
    }
    return ticks(ALL);
  }

  private static NumberTick tick(BigDecimal value) {
    return new NumberTick(TickType.MAJOR, value.doubleValue(),
        value.stripTrailingZeros().toPlainString(), TextAnchor.CENTER_RIGHT, TextAnchor.CENTER,
        0.0);
  }

  /** The values {@code m x 10^k} in the axis range, for the given mantissas, labelled. */
  private List<NumberTick> ticks(int[] mantissas) {
    double lower = getLowerBound();
    double upper = getUpperBound();
    List<NumberTick> out = new ArrayList<>();
    if (!(lower > 0) || !(upper > lower)) {
      return out;
    }
    int from = (int) Math.floor(Math.log10(lower));
    int to = (int) Math.ceil(Math.log10(upper));
    for (int k = from; k <= to; k++) {
      for (int m : mantissas) {
        BigDecimal value = BigDecimal.valueOf(m).scaleByPowerOfTen(k);
        double v = value.doubleValue();
        if (v >= lower && v <= upper) {
          out.add(tick(value));
        }
      }
    }
    return out;
  }
}
