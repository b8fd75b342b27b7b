package dev.tfjlabs.reports;

import dev.tfjlabs.io.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The project's one chart style (fonts, colours, size, grid) and the PNG writer. Line charts
 * plot one curve per named series against the 1-based epoch, like matplotlib's
 * {@code plt.plot(history[key], label=key)}; validation curves are dashed.
 */
public final class Charts {
  /** Default PNG size in pixels. */
  public static final int WIDTH = 900;
  public static final int HEIGHT = 560;

  private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 18);
  private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
  private static final Font TICKS = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
  private static final Color[] PALETTE = {
    new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
    new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)
  };

  private Charts() {}

  /**
   * A line chart of {@code series} (name to values per epoch).
   *
   * @param logY a logarithmic y axis, as matplotlib's {@code semilogy}
   */
  public static JFreeChart lines(String title, String xLabel, String yLabel, boolean logY,
      Map<String, List<Double>> series) {
    XYSeriesCollection data = new XYSeriesCollection();
    for (Map.Entry<String, List<Double>> e : series.entrySet()) {
      XYSeries s = new XYSeries(e.getKey(), false, true);
      List<Double> values = e.getValue();
      for (int i = 0; i < values.size(); i++) {
        double v = values.get(i);
        if (Double.isFinite(v) && (!logY || v > 0)) {
          s.add(i + 1, v);
        }
      }
      data.addSeries(s);
    }
    NumberAxis x = new NumberAxis(xLabel);
    x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    NumberAxis y;
    if (logY) {
      LogAxis log = new ReadableLogAxis(yLabel);
      log.setSmallestValue(1e-6);
      log.setTickLabelFont(TICKS);
      return style(title, new XYPlot(data, x, log, lineRenderer(series)));
    }
    y = new NumberAxis(yLabel);
    y.setAutoRangeIncludesZero(false);
    return style(title, new XYPlot(data, x, y, lineRenderer(series)));
  }

  /** A bar chart of one value per category (e.g. correctness per model), y from 0. */
  public static JFreeChart bars(String title, String yLabel, Map<String, Double> values,
      double maxY) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    values.forEach((k, v) -> data.addValue(v, yLabel, k));
    JFreeChart chart = org.jfree.chart.ChartFactory.createBarChart(title, null, yLabel, data,
        PlotOrientation.VERTICAL, false, false, false);
    styleBars(title, chart, 1);
    chart.getCategoryPlot().getRangeAxis().setRange(0, maxY);
    ((NumberAxis) chart.getCategoryPlot().getRangeAxis()).setTickUnit(new NumberTickUnit(maxY / 10));
    return chart;
  }

  /**
   * A histogram, as matplotlib's {@code plt.hist} of several series: for each named series the
   * counts of its bins, drawn as bars on a numeric axis; series side by side within each bin (in
   * the colours the legend shows), so none hides another.
   *
   * @param bins per series, rows of {from, to, count}
   */
  public static JFreeChart histogram(String title, String xLabel, String yLabel,
      Map<String, List<double[]>> bins) {
    org.jfree.data.xy.XYIntervalSeriesCollection data =
        new org.jfree.data.xy.XYIntervalSeriesCollection();
    int k = bins.size();
    int index = 0;
    for (Map.Entry<String, List<double[]>> e : bins.entrySet()) {
      org.jfree.data.xy.XYIntervalSeries s = new org.jfree.data.xy.XYIntervalSeries(e.getKey());
      for (double[] b : e.getValue()) {
        // several series share their bins: each takes its own slice of the bin, side by side
        double width = (b[1] - b[0]) / k;
        double from = b[0] + index * width;
        s.add(from + width / 2, from, from + width, b[2], 0, b[2]);
      }
      data.addSeries(s);
      index++;
    }
    org.jfree.chart.renderer.xy.XYBarRenderer r = new org.jfree.chart.renderer.xy.XYBarRenderer();
    r.setBarPainter(new org.jfree.chart.renderer.xy.StandardXYBarPainter());
    r.setShadowVisible(false);
    for (int i = 0; i < k; i++) {
      r.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
    }
    NumberAxis x = new NumberAxis(xLabel);
    x.setAutoRangeIncludesZero(false);
    NumberAxis y = new NumberAxis(yLabel);
    return style(title, new XYPlot(data, x, y, r));
  }

  /**
   * Bars of one value per category and series (a sweep: one category per swept value, one
   * series per model), y from 0.
   */
  public static JFreeChart groupedBars(String title, String xLabel, String yLabel,
      Map<String, Map<String, Double>> series) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    series.forEach((name, values) -> values.forEach((category, v) -> data.addValue(v, name,
        category)));
    JFreeChart chart = org.jfree.chart.ChartFactory.createBarChart(title, xLabel, yLabel, data,
        PlotOrientation.VERTICAL, true, false, false);
    styleBars(title, chart, series.size());
    return chart;
  }

  /** The project's style on a bar chart of {@code seriesCount} series. */
  private static void styleBars(String title, JFreeChart chart, int seriesCount) {
    CategoryPlot plot = chart.getCategoryPlot();
    BarRenderer r = (BarRenderer) plot.getRenderer();
    r.setBarPainter(new StandardBarPainter());
    r.setShadowVisible(false);
    for (int i = 0; i < seriesCount; i++) {
      r.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
    }
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    plot.getDomainAxis().setLabelFont(LABEL);
    plot.getRangeAxis().setLabelFont(LABEL);
    chart.setTitle(new TextTitle(title, TITLE));
    chart.setBackgroundPaint(Color.WHITE);
    chart.setAntiAlias(true);
  }

  private static XYLineAndShapeRenderer lineRenderer(Map<String, List<Double>> series) {
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
    int i = 0;
    for (String name : series.keySet()) {
      r.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
      r.setSeriesStroke(i, name.startsWith("val") ? new BasicStroke(2f, BasicStroke.CAP_BUTT,
          BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f) : new BasicStroke(2f));
      i++;
    }
    return r;
  }

  private static JFreeChart style(String title, XYPlot plot) {
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinesVisible(true);
    plot.setRangeGridlinesVisible(true);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    plot.getDomainAxis().setLabelFont(LABEL);
    plot.getRangeAxis().setLabelFont(LABEL);
    JFreeChart chart = new JFreeChart(title, TITLE, plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    chart.setAntiAlias(true);
    return chart;
  }

  /** One bar of a {@link #timeline}: a run on a row, from {@code start} to {@code end}. */
  public record Span(String name, int row, double start, double end) {}

  /**
   * A timeline (a Gantt chart): one row per worker ({@code rows}, top to bottom), each run a bar
   * from its start to its end in minutes, coloured and named in the legend by {@code name}, so
   * that the gaps where a worker waits show.
   */
  public static JFreeChart timeline(String title, List<String> rows, List<Span> spans) {
    org.jfree.data.xy.XYIntervalSeriesCollection data =
        new org.jfree.data.xy.XYIntervalSeriesCollection();
    Map<String, org.jfree.data.xy.XYIntervalSeries> byName = new java.util.LinkedHashMap<>();
    for (Span s : spans) {
      org.jfree.data.xy.XYIntervalSeries series = byName.computeIfAbsent(s.name(), n -> {
        org.jfree.data.xy.XYIntervalSeries fresh = new org.jfree.data.xy.XYIntervalSeries(n);
        data.addSeries(fresh);
        return fresh;
      });
      series.add(s.start(), s.start(), s.end(), s.row(), s.row() - 0.35, s.row() + 0.35);
    }
    NumberAxis minutes = new NumberAxis("minutes from the start");
    org.jfree.chart.axis.SymbolAxis workers = new org.jfree.chart.axis.SymbolAxis(null,
        rows.toArray(String[]::new));
    workers.setInverted(true);
    workers.setGridBandsVisible(false);
    workers.setTickLabelFont(LABEL);
    org.jfree.chart.renderer.xy.XYBarRenderer bars = new org.jfree.chart.renderer.xy
        .XYBarRenderer();
    bars.setUseYInterval(true);
    bars.setShadowVisible(false);
    bars.setBarPainter(new org.jfree.chart.renderer.xy.StandardXYBarPainter());
    for (int i = 0; i < data.getSeriesCount(); i++) {
      bars.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
    }
    return style(title, new XYPlot(data, minutes, workers, bars));
  }

  /** Writes {@code chart} as a PNG of the default size, atomically. */
  public static void savePng(JFreeChart chart, Path file) {
    savePng(chart, file, WIDTH, HEIGHT);
  }

  public static void savePng(JFreeChart chart, Path file, int width, int height) {
    AtomicFiles.write(file, out -> ChartUtils.writeChartAsPNG(out, chart, width, height));
  }
}
