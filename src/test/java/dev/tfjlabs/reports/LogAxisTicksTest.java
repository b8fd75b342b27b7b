package dev.tfjlabs.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.axis.ValueTick;
import org.jfree.chart.ui.RectangleEdge;
import org.junit.jupiter.api.Test;

/**
 * The tick labels JFreeChart gives a logarithmic chart of every committed history column, and
 * of the ranges that read badly before: at least two, none repeated, each a round number (at
 * most three significant digits) inside the axis range, and the axis says it is a log scale.
 */
class LogAxisTicksTest {

  private static List<String> labels(Map<String, List<Double>> series) {
    JFreeChart chart = Charts.lines("t", "epoch", "value", true, series);
    ValueAxis axis = chart.getXYPlot().getRangeAxis();
    assertTrue(axis.getLabel().endsWith("(log scale)"), axis.getLabel());
    BufferedImage img = new BufferedImage(800, 500, BufferedImage.TYPE_INT_RGB);
    List<String> out = new ArrayList<>();
    for (Object t : axis.refreshTicks(img.createGraphics(), new AxisState(),
        new Rectangle2D.Double(0, 0, 700, 400), RectangleEdge.LEFT)) {
      ValueTick tick = (ValueTick) t;
      double v = Double.parseDouble(tick.getText());
      assertEquals(tick.getValue(), v, Math.abs(v) * 1e-12, tick.getText());
      assertTrue(v >= axis.getLowerBound() && v <= axis.getUpperBound(), tick.getText());
      assertTrue(new java.math.BigDecimal(tick.getText()).stripTrailingZeros().precision() <= 3,
          "round: " + tick.getText());
      out.add(tick.getText());
    }
    return out;
  }

  private static void readable(Map<String, List<Double>> series, String what) {
    List<String> l = labels(series);
    assertTrue(l.size() >= 2, what + ": " + l);
    Set<String> unique = new HashSet<>(l);
    assertEquals(l.size(), unique.size(), what + " repeats a label: " + l);
  }

  @Test
  void theRangesThatReadBadlyGetRoundDistinctLabels() {
    readable(Map.of("a", List.of(0.0005, 0.002, 0.01)), "multiplication's val_loss");
    readable(Map.of("a", List.of(0.79, 0.85, 0.9)), "an accuracy");
    readable(Map.of("a", List.of(0.3, 2.5, 40.0)), "several decades");
  }

  @Test
  void everyCommittedHistoryColumnGetsReadableLogTicks() throws Exception {
    List<Path> histories;
    try (Stream<Path> s = Files.walk(Path.of("reports"))) {
      histories = s.filter(p -> p.getFileName().toString().endsWith("-history.csv")).sorted()
          .toList();
    }
    assertTrue(histories.size() >= 5, "committed histories: " + histories);
    int columns = 0;
    for (Path h : histories) {
      List<String> lines = Files.readAllLines(h);
      String[] head = lines.get(0).split(",");
      for (int c = 1; c < head.length; c++) {
        List<Double> values = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
          String[] cells = line.split(",");
          if (c < cells.length && !cells[c].isBlank()) {
            values.add(Double.parseDouble(cells[c]));
          }
        }
        if (values.stream().anyMatch(v -> v > 0)) {
          Map<String, List<Double>> series = new LinkedHashMap<>();
          series.put(head[c], values);
          readable(series, h + " " + head[c]);
          columns++;
        }
      }
    }
    assertTrue(columns > 10, "columns checked: " + columns);
  }
}
