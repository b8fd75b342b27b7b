package dev.tfjlabs.keras.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tfjlabs.keras.data.FloatArray;
import dev.tfjlabs.keras.layers.Dense;
import dev.tfjlabs.keras.models.FitOptions;
import dev.tfjlabs.keras.models.Sequential;
import dev.tfjlabs.keras.optimizers.SGD;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * Keras 3's regression, margin and similarity losses, and the cross-entropies' label smoothing,
 * against their formulas in plain Java double precision ({@code keras/src/losses/losses.py}):
 * the mean loss {@code evaluate} reports, and one SGD step's change of a kernel W (predictions
 * p = x W) against the central difference of the reference loss.
 */
class RegressionLossesTest {
  private static final int N = 4;
  private static final int K = 3;
  private static final double EPS = 1e-7;

  /** One sample's loss from its targets and predictions. */
  private interface Reference extends BiFunction<double[], double[], Double> {}

  private static double meanOf(double[] v) {
    double s = 0;
    for (double d : v) {
      s += d;
    }
    return s / v.length;
  }

  private static double[] each(double[] y, double[] p,
      java.util.function.DoubleBinaryOperator f) {
    double[] out = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      out[i] = f.applyAsDouble(y[i], p[i]);
    }
    return out;
  }

  private static final Map<Loss, Reference> CASES = Map.ofEntries(
      Map.entry(new MeanAbsoluteError(), (y, p) -> meanOf(each(y, p, (a, b) -> Math.abs(a - b)))),
      Map.entry(new MeanAbsolutePercentageError(), (y, p) -> 100 * meanOf(each(y, p,
          (a, b) -> Math.abs(a - b) / Math.max(Math.abs(a), EPS)))),
      Map.entry(new MeanSquaredLogarithmicError(), (y, p) -> meanOf(each(y, p,
          (a, b) -> Math.pow(Math.log(Math.max(b, EPS) + 1) - Math.log(Math.max(a, EPS) + 1),
              2)))),
      Map.entry(new Huber(0.3), (y, p) -> meanOf(each(y, p, (a, b) -> {
        double e = Math.abs(a - b);
        return e <= 0.3 ? 0.5 * e * e : 0.3 * e - 0.5 * 0.3 * 0.3;
      }))),
      Map.entry(new LogCosh(), (y, p) -> meanOf(each(y, p, (a, b) -> Math.log(Math.cosh(b - a))))),
      Map.entry(new Poisson(), (y, p) -> meanOf(each(y, p, (a, b) -> b - a * Math.log(b + EPS)))),
      Map.entry(new KLDivergence(), (y, p) -> {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
          double a = Math.min(Math.max(y[i], EPS), 1);
          double b = Math.min(Math.max(p[i], EPS), 1);
          s += a * Math.log(a / b);
        }
        return s;
      }),
      Map.entry(new CosineSimilarity(), (y, p) -> {
        double dot = 0;
        double ny = 0;
        double np = 0;
        for (int i = 0; i < y.length; i++) {
          dot += y[i] * p[i];
          ny += y[i] * y[i];
          np += p[i] * p[i];
        }
        return -dot / Math.sqrt(ny * np);
      }));

  private static final Map<Loss, Reference> MARGINS = Map.of(
      new Hinge(), (y, p) -> meanOf(each(y, p, (a, b) -> Math.max(1 - (2 * a - 1) * b, 0))),
      new SquaredHinge(), (y, p) -> meanOf(each(y, p,
          (a, b) -> Math.pow(Math.max(1 - (2 * a - 1) * b, 0), 2))),
      new CategoricalHinge(), (y, p) -> {
        double pos = 0;
        double neg = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < y.length; i++) {
          pos += y[i] * p[i];
          neg = Math.max(neg, (1 - y[i]) * p[i]);
        }
        return Math.max(neg - pos + 1, 0);
      });

  private static float[] uniform(long seed, double lo, double hi, int n) {
    Random r = new Random(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (lo + (hi - lo) * r.nextDouble());
    }
    return v;
  }

  /** A loss of the whole batch from its targets and predictions, [sample][class] each. */
  private interface BatchReference extends BiFunction<double[][], double[][], Double> {}

  /** The reference loss of predictions x W against y. */
  private static double reference(BatchReference ref, float[] x, float[] w, float[] y) {
    double[][] p = new double[N][K];
    double[][] t = new double[N][K];
    for (int n = 0; n < N; n++) {
      for (int j = 0; j < K; j++) {
        for (int i = 0; i < K; i++) {
          p[n][j] += x[n * K + i] * (double) w[i * K + j];
        }
        t[n][j] = y[n * K + j];
      }
    }
    return ref.apply(t, p);
  }

  /** The batch's mean of a per-sample reference. */
  private static BatchReference mean(Reference ref) {
    return (t, p) -> {
      double total = 0;
      for (int n = 0; n < N; n++) {
        total += ref.apply(t[n], p[n]);
      }
      return total / N;
    };
  }

  private static void check(Loss loss, Reference ref, float[] y) {
    checkBatch(loss, mean(ref), y);
  }

  private static void checkBatch(Loss loss, BatchReference ref, float[] y) {
    float[] x = uniform(1, 0.2, 1.0, N * K);
    float[] w = uniform(2, 0.1, 0.6, K * K);
    try (Sequential m = new Sequential("loss", K).add(Dense.builder(K).useBias(false).build())) {
      m.compile(new SGD(1.0), loss);
      m.setWeights(List.of(w.clone()));
      FloatArray xs = new FloatArray(x, N, K);
      FloatArray ys = new FloatArray(y, N, K);
      double expected = reference(ref, x, w, y);
      assertEquals(expected, m.evaluate(xs, ys, N).get("loss"), 1e-6 * (1 + Math.abs(expected)),
          loss.name());
      m.fit(xs, ys, FitOptions.defaults().batchSize(N).epochs(1).shuffle(false).verbose(false));
      float[] after = m.getWeights().get(0);
      for (int i = 0; i < w.length; i++) {
        float[] plus = w.clone();
        float[] minus = w.clone();
        plus[i] += 1e-3f;
        minus[i] -= 1e-3f;
        double grad = (reference(ref, x, plus, y) - reference(ref, x, minus, y))
            / ((double) plus[i] - minus[i]);
        assertEquals(w[i] - grad, after[i], 2e-3 * (1 + Math.abs(grad)), loss.name() + " w" + i);
      }
    }
  }

  @Test
  void regressionAndSimilarityLossesFollowKerassFormulas() {
    float[] y = uniform(3, 0.1, 1.0, N * K);
    CASES.forEach((loss, ref) -> check(loss, ref, y));
  }

  /** Targets smoothed as Keras 3 smooths them, y (1 - s) + s / 2 or + s / K, then the loss. */
  @Test
  void crossEntropiesSmoothTheirLabels() {
    float[] binary = {1, 0, 1, 0, 0, 1, 1, 1, 0, 0, 1, 0};
    check(new BinaryCrossentropy(true, 0.2), (y, x) -> meanOf(each(y, x, (a, b) -> {
      double t = a * 0.8 + 0.1;
      return Math.max(b, 0) - b * t + Math.log1p(Math.exp(-Math.abs(b)));
    })), binary);
    float[] oneHot = {1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0};
    check(new CategoricalCrossentropy(true, 0.3), (y, x) -> {
      double max = Math.max(x[0], Math.max(x[1], x[2]));
      double sum = 0;
      for (double v : x) {
        sum += Math.exp(v - max);
      }
      double loss = 0;
      for (int j = 0; j < K; j++) {
        loss -= (y[j] * 0.7 + 0.3 / K) * (x[j] - max - Math.log(sum));
      }
      return loss;
    }, oneHot);
    check(new CategoricalCrossentropy(false, 0.3), (y, p) -> {
      double sum = p[0] + p[1] + p[2];
      double loss = 0;
      for (int j = 0; j < K; j++) {
        loss -= (y[j] * 0.7 + 0.3 / K) * Math.log(p[j] / sum);
      }
      return loss;
    }, oneHot);
  }

  /**
   * Keras 3's focal cross-entropies: the binary one on logits with class balancing and label
   * smoothing, (1 - p_t)^gamma times the element's cross-entropy; the categorical one on
   * normalised, clipped probabilities, -alpha (1 - q)^gamma y log(q) summed over the classes.
   */
  @Test
  void focalCrossEntropiesFollowKeras() {
    float[] binary = {1, 0, 1, 0, 0, 1, 1, 1, 0, 0, 1, 0};
    check(new BinaryFocalCrossentropy(true, 0.3, 1.5, true, 0.1), (y, x) -> meanOf(each(y, x,
        (a, b) -> {
          double t = a * 0.9 + 0.05;
          double p = 1 / (1 + Math.exp(-b));
          double bce = Math.max(b, 0) - b * t + Math.log1p(Math.exp(-Math.abs(b)));
          double pt = t * p + (1 - t) * (1 - p);
          return Math.pow(1 - pt, 1.5) * bce * (t * 0.3 + (1 - t) * 0.7);
        })), binary);
    float[] oneHot = {1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0};
    check(new CategoricalFocalCrossentropy(), (y, p) -> {
      double sum = p[0] + p[1] + p[2];
      double loss = 0;
      for (int j = 0; j < K; j++) {
        double q = Math.min(Math.max(p[j] / sum, EPS), 1 - EPS);
        loss -= 0.25 * Math.pow(1 - q, 2) * y[j] * Math.log(q);
      }
      return loss;
    }, oneHot);
  }

  /**
   * Keras 3's Dice and Tversky with axis None: one value over every element of the batch, which
   * fit minimises and evaluate reports.
   */
  @Test
  void diceAndTverskyTakeTheWholeBatch() {
    float[] y = {1, 0, 1, 0, 0, 1, 1, 1, 0, 0, 1, 0};
    checkBatch(new Dice(), (t, p) -> {
      double overlap = 0;
      double total = 0;
      for (int n = 0; n < N; n++) {
        for (int j = 0; j < K; j++) {
          overlap += t[n][j] * p[n][j];
          total += t[n][j] + p[n][j];
        }
      }
      return 1 - 2 * overlap / (total + EPS);
    }, y);
    checkBatch(new Tversky(0.3, 0.7), (t, p) -> {
      double tp = 0;
      double fp = 0;
      double fn = 0;
      for (int n = 0; n < N; n++) {
        for (int j = 0; j < K; j++) {
          tp += t[n][j] * p[n][j];
          fp += (1 - t[n][j]) * p[n][j];
          fn += t[n][j] * (1 - p[n][j]);
        }
      }
      return 1 - tp / (tp + 0.3 * fp + 0.7 * fn + EPS);
    }, y);
  }

  /**
   * Dice and Tversky with an axis (here the classes, 1 and -1): one value per sample over that
   * axis, averaged over the batch by Keras's sum_over_batch_size.
   */
  @Test
  void diceAndTverskyOverAnAxisPerSample() {
    float[] y = {1, 0, 1, 0, 0, 1, 1, 1, 0, 0, 1, 0};
    checkBatch(new Dice(new int[] {1}), (t, p) -> {
      double mean = 0;
      for (int n = 0; n < N; n++) {
        double overlap = 0;
        double total = 0;
        for (int j = 0; j < K; j++) {
          overlap += t[n][j] * p[n][j];
          total += t[n][j] + p[n][j];
        }
        mean += (1 - 2 * overlap / (total + EPS)) / N;
      }
      return mean;
    }, y);
    checkBatch(new Tversky(0.3, 0.7, new int[] {-1}), (t, p) -> {
      double mean = 0;
      for (int n = 0; n < N; n++) {
        double tp = 0;
        double fp = 0;
        double fn = 0;
        for (int j = 0; j < K; j++) {
          tp += t[n][j] * p[n][j];
          fp += (1 - t[n][j]) * p[n][j];
          fn += t[n][j] * (1 - p[n][j]);
        }
        mean += (1 - tp / (tp + 0.3 * fp + 0.7 * fn + EPS)) / N;
      }
      return mean;
    }, y);
  }

  @Test
  void marginLossesTakeZeroOneTargetsAsMinusOneOne() {
    float[] binary = {1, 0, 1, 0, 0, 1, 1, 1, 0, 0, 1, 0};
    MARGINS.forEach((loss, ref) -> check(loss, ref, loss instanceof CategoricalHinge
        ? new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0} : binary));
  }
}
