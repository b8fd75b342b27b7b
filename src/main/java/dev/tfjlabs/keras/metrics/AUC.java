package dev.tfjlabs.keras.metrics;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * {@code keras.metrics.AUC(num_thresholds=200, curve="ROC", summation_method="interpolation",
 * thresholds=None, from_logits=False)}: the area under the ROC or precision-recall curve from
 * the epoch's confusion counts at each threshold (prediction above it: positive). The
 * thresholds are {@code -1e-7}, {@code i / (n - 1)} for i = 1..n-2 and {@code 1 + 1e-7}, or the
 * given ones between {@code -1e-7} and {@code 1 + 1e-7}. The area is a Riemann sum over
 * consecutive thresholds, {@code (x_i - x_{i+1}) h_i} with x the false-positive rate (ROC) or
 * the recall (PR) and h the mean ("interpolation"), smaller ("minoring") or larger
 * ("majoring") of the two y values (recall, or precision); PR with "interpolation" is Davis and
 * Goadrich's interpolation, as Keras's {@code interpolate_pr_auc}. Single-label only.
 */
public final class AUC implements Metric {
  private static final float EPSILON = 1e-7f;
  private final float[] thresholds;
  private final boolean roc;
  private final String summation;
  private final boolean fromLogits;
  private final String name;
  /** Whether the thresholds were given (Keras's {@code _init_from_thresholds}). */
  private final boolean given;

  /** Keras's defaults: 200 thresholds, ROC, interpolation. */
  public AUC() {
    this(200, null, "ROC", "interpolation", false, "auc");
  }

  /**
   * @param numThresholds at least 2 (ignored when {@code thresholds} is given)
   * @param thresholds Keras's {@code thresholds}: values in [0, 1], or null for evenly spaced
   * @param curve "ROC" or "PR"
   * @param summationMethod "interpolation", "minoring" or "majoring"
   */
  public AUC(int numThresholds, double[] thresholds, String curve, String summationMethod,
      boolean fromLogits, String name) {
    if (!"ROC".equals(curve) && !"PR".equals(curve)) {
      throw new IllegalArgumentException("AUC's curve must be 'ROC' or 'PR' here, got '"
          + curve + "'");
    }
    if (!java.util.List.of("interpolation", "minoring", "majoring").contains(summationMethod)) {
      throw new IllegalArgumentException("AUC's summation_method must be 'interpolation',"
          + " 'minoring' or 'majoring', got '" + summationMethod + "'");
    }
    if (thresholds == null) {
      if (numThresholds < 2) {
        throw new IllegalArgumentException("AUC's num_thresholds must be at least 2, got "
            + numThresholds);
      }
      this.thresholds = new float[numThresholds];
      for (int i = 1; i < numThresholds - 1; i++) {
        this.thresholds[i] = (float) i / (numThresholds - 1);
      }
    } else {
      this.thresholds = new float[thresholds.length + 2];
      for (int i = 0; i < thresholds.length; i++) {
        if (!(thresholds[i] >= 0 && thresholds[i] <= 1)) {
          throw new IllegalArgumentException("AUC's thresholds must be in [0, 1], got "
              + thresholds[i]);
        }
        this.thresholds[i + 1] = (float) thresholds[i];
      }
    }
    this.given = thresholds != null;
    this.thresholds[0] = -EPSILON;
    this.thresholds[this.thresholds.length - 1] = 1 + EPSILON;
    this.roc = curve.equals("ROC");
    this.summation = summationMethod;
    this.fromLogits = fromLogits;
    this.name = name;
  }

  /**
   * Keras's {@code AUC.from_config}; {@code multi_label}, {@code num_labels},
   * {@code label_weights} and the PRGAIN curve are refused in one line.
   */
  public static AUC fromConfig(dev.tfjlabs.keras.config.Config c) {
    c.fixed("multi_label", false);
    c.none("num_labels", "label_weights");
    var t = c.get("thresholds");
    double[] thresholds = null;
    if (t != null) {
      if (!t.isArray()) {
        throw c.unsupported("thresholds", t);
      }
      thresholds = new double[t.size()];
      for (int i = 0; i < thresholds.length; i++) {
        thresholds[i] = t.get(i).asDouble();
      }
    }
    try {
      return new AUC(c.has("num_thresholds") ? c.positive("num_thresholds") : 200, thresholds,
          c.text("curve", "ROC"), c.text("summation_method", "interpolation"),
          c.bool("from_logits", false), c.text("name", "auc"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(c.who() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Object serialize() {
    java.util.Map<String, Object> config = Metrics.baseConfig(name);
    config.put("num_thresholds", thresholds.length);
    config.put("curve", roc ? "ROC" : "PR");
    config.put("summation_method", summation);
    config.put("multi_label", false);
    config.put("num_labels", null);
    config.put("label_weights", null);
    config.put("from_logits", fromLogits);
    if (given) {
      java.util.List<Double> inner = new java.util.ArrayList<>();
      for (int i = 1; i < thresholds.length - 1; i++) {
        inner.add((double) thresholds[i]);
      }
      config.put("thresholds", inner);
    }
    return Metrics.serialized("AUC", config);
  }

  /** TP, FP, TN and FN at each threshold. */
  @Override
  public int accumulators() {
    return 4 * thresholds.length;
  }

  @Override
  public Operand<TFloat32> sums(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
    Operand<TFloat32> p = fromLogits ? tf.math.sigmoid(yPred) : yPred;
    return Confusion.counts(tf, yTrue, p, thresholds);
  }

  @Override
  public double result(double[] totals, long samples) {
    int n = thresholds.length;
    double[] tp = java.util.Arrays.copyOfRange(totals, 0, n);
    double[] fp = java.util.Arrays.copyOfRange(totals, n, 2 * n);
    double[] tn = java.util.Arrays.copyOfRange(totals, 2 * n, 3 * n);
    double[] fn = java.util.Arrays.copyOfRange(totals, 3 * n, 4 * n);
    if (!roc && summation.equals("interpolation")) {
      return interpolatedPr(tp, fp, fn);
    }
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double recall = Confusion.divideNoNan(tp[i], tp[i] + fn[i]);
      x[i] = roc ? Confusion.divideNoNan(fp[i], fp[i] + tn[i]) : recall;
      y[i] = roc ? recall : Confusion.divideNoNan(tp[i], tp[i] + fp[i]);
    }
    double area = 0;
    for (int i = 0; i < n - 1; i++) {
      double h = switch (summation) {
        case "minoring" -> Math.min(y[i], y[i + 1]);
        case "majoring" -> Math.max(y[i], y[i + 1]);
        default -> (y[i] + y[i + 1]) / 2;
      };
      area += (x[i] - x[i + 1]) * h;
    }
    return area;
  }

  /** Keras's {@code interpolate_pr_auc} (Davis and Goadrich 2006). */
  private static double interpolatedPr(double[] tp, double[] fp, double[] fn) {
    double area = 0;
    for (int i = 0; i < tp.length - 1; i++) {
      double dtp = tp[i] - tp[i + 1];
      double pa = tp[i] + fp[i];
      double pb = tp[i + 1] + fp[i + 1];
      double slope = Confusion.divideNoNan(dtp, Math.max(pa - pb, 0));
      double intercept = tp[i + 1] - slope * pb;
      double ratio = pa > 0 && pb > 0 ? Confusion.divideNoNan(pa, Math.max(pb, 0)) : 1;
      area += Confusion.divideNoNan(slope * (dtp + intercept * Math.log(ratio)),
          Math.max(tp[i + 1] + fn[i + 1], 0));
    }
    return area;
  }
}
