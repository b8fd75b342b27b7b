package dev.tfjlabs.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tfjlabs.keras.data.FloatArray;
import dev.tfjlabs.keras.layers.Dense;
import dev.tfjlabs.keras.losses.MeanSquaredError;
import dev.tfjlabs.keras.models.FitOptions;
import dev.tfjlabs.keras.models.Sequential;
import dev.tfjlabs.keras.optimizers.Adadelta;
import dev.tfjlabs.keras.optimizers.Adagrad;
import dev.tfjlabs.keras.optimizers.Adam;
import dev.tfjlabs.keras.optimizers.AdamW;
import dev.tfjlabs.keras.optimizers.Adamax;
import dev.tfjlabs.keras.optimizers.Nadam;
import dev.tfjlabs.keras.optimizers.Optimizer;
import dev.tfjlabs.keras.optimizers.RMSprop;
import dev.tfjlabs.keras.optimizers.SGD;
import dev.tfjlabs.keras.optimizers.TorchAdam;
import dev.tfjlabs.keras.optimizers.schedules.CosineDecay;
import dev.tfjlabs.keras.optimizers.schedules.CosineDecayRestarts;
import dev.tfjlabs.keras.optimizers.schedules.ExponentialDecay;
import dev.tfjlabs.keras.optimizers.schedules.PiecewiseConstantDecay;
import dev.tfjlabs.keras.optimizers.schedules.PolynomialDecay;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Optimizer steps against Keras's update rules computed by hand in double precision, on a
 * linear model {@code p = x w + b} with mean squared error, whose gradient is
 * {@code dL/dw_j = 2/n sum (p - y) x_j}, {@code dL/db = 2/n sum (p - y)}.
 */
class OptimizerStepTest {
  private static final float[][] X = {{0.5f, -1.0f}, {1.5f, 0.25f}, {-0.75f, 2.0f}};
  private static final float[] Y = {1.0f, -0.5f, 0.25f};
  private static final float[] W0 = {0.3f, -0.2f};
  private static final float B0 = 0.1f;

  /** Keras's update of one parameter vector given its gradient, step t (1-based). */
  private interface Rule {
    void apply(double[] params, double[] grads, int t);
  }

  private static double[] gradients(double[] p, float[][] x) {
    double[] g = new double[3];
    for (int n = 0; n < x.length; n++) {
      double pred = x[n][0] * p[0] + x[n][1] * p[1] + p[2];
      double d = 2 * (pred - Y[n]) / x.length;
      g[0] += d * x[n][0];
      g[1] += d * x[n][1];
      g[2] += d;
    }
    return g;
  }

  private static void check(Optimizer optimizer, Rule rule, int steps) {
    check(optimizer, rule, steps, 1f);
  }

  private static void check(Optimizer optimizer, Rule rule, int steps, float inputScale) {
    check(optimizer, rule, steps, inputScale, 1e-6);
  }

  /**
   * With {@code inputScale} 1e-6 the kernel's gradients are about 1e-6, where epsilon counts;
   * {@code tolerance} is absolute, on weights of about 0.1 to 1.
   */
  private static void check(Optimizer optimizer, Rule rule, int steps, float inputScale,
      double tolerance) {
    float[][] x = new float[X.length][2];
    for (int n = 0; n < X.length; n++) {
      x[n][0] = X[n][0] * inputScale;
      x[n][1] = X[n][1] * inputScale;
    }
    double[] p = {W0[0], W0[1], B0};
    for (int t = 1; t <= steps; t++) {
      rule.apply(p, gradients(p, x), t);
    }
    try (Sequential m = new Sequential("linear", 2).add(new Dense(1))) {
      m.compile(optimizer, new MeanSquaredError());
      m.setWeights(List.of(W0.clone(), new float[] {B0}));
      float[] xs = {x[0][0], x[0][1], x[1][0], x[1][1], x[2][0], x[2][1]};
      m.fit(new FloatArray(xs, 3, 2), FloatArray.of(Y.clone()), FitOptions.defaults()
          .batchSize(3).epochs(steps).shuffle(false).verbose(false));
      List<float[]> w = m.getWeights();
      assertEquals(p[0], w.get(0)[0], tolerance, "w0");
      assertEquals(p[1], w.get(0)[1], tolerance, "w1");
      assertEquals(p[2], w.get(1)[0], tolerance, "b");
    }
  }

  @Test
  void sgdIsPlainGradientDescent() {
    check(new SGD(0.1), (p, g, t) -> {
      for (int i = 0; i < 3; i++) {
        p[i] -= 0.1 * g[i];
      }
    }, 3);
  }

  /**
   * Keras's loss_scale_factor: gradients of the scaled loss, divided back before clipping, so
   * the steps are clipped plain gradient descent (scaling after the clip would not be).
   */
  @Test
  void lossScalingIsUndoneBeforeClipping() {
    check(new SGD(0.1).lossScaleFactor(1024).clipvalue(0.05), (p, g, t) -> {
      for (int i = 0; i < 3; i++) {
        p[i] -= 0.1 * Math.max(-0.05, Math.min(0.05, g[i]));
      }
    }, 3);
  }

  /**
   * Keras's use_ema: a = m a + (1 - m) w after each update (m 0 at the first), the weights
   * taking the averages every ema_overwrite_frequency steps and at the end of fit.
   */
  @Test
  void emaAveragesTheWeightsAndOverwritesThem() {
    for (Integer every : new Integer[] {null, 2}) {
      double[] a = new double[3];
      check(new SGD(0.1).ema(0.5, every), (p, g, t) -> {
        double m = t == 1 ? 0 : 0.5;
        for (int i = 0; i < 3; i++) {
          p[i] -= 0.1 * g[i];
          a[i] = m * a[i] + (1 - m) * p[i];
        }
        if ((every != null && t % every == 0) || t == 4) {
          System.arraycopy(a, 0, p, 0, 3);
        }
      }, 4);
    }
  }

  /**
   * Keras's gradient_accumulation_steps: steps that are not a multiple of N only add their
   * gradient; the N-th updates with (g + sum) / N. Adam's bias correction counts every step
   * (t = 3 at its first update with N = 3), as Keras's iterations do.
   */
  @Test
  void gradientAccumulationUpdatesEveryNthStep() {
    double[] acc = new double[3];
    double[] velocity = new double[3];
    check(new SGD(0.1, 0.9).gradientAccumulationSteps(2), (p, g, t) -> {
      if (t % 2 != 0) {
        for (int i = 0; i < 3; i++) {
          acc[i] += g[i];
        }
        return;
      }
      for (int i = 0; i < 3; i++) {
        velocity[i] = 0.9 * velocity[i] - 0.1 * (g[i] + acc[i]) / 2;
        p[i] += velocity[i];
        acc[i] = 0;
      }
    }, 4);
    double[] sum = new double[3];
    double[] m = new double[3];
    double[] v = new double[3];
    check(new Adam(0.05).gradientAccumulationSteps(3), (p, g, t) -> {
      if (t % 3 != 0) {
        for (int i = 0; i < 3; i++) {
          sum[i] += g[i];
        }
        return;
      }
      double alpha = 0.05 * Math.sqrt(1 - Math.pow(0.999, t)) / (1 - Math.pow(0.9, t));
      for (int i = 0; i < 3; i++) {
        double mean = (g[i] + sum[i]) / 3;
        m[i] += (mean - m[i]) * 0.1;
        v[i] += (mean * mean - v[i]) * 0.001;
        p[i] -= alpha * m[i] / (Math.sqrt(v[i]) + 1e-7);
        sum[i] = 0;
      }
    }, 3);
  }

  @Test
  void sgdWithMomentum() {
    double[] v = new double[3];
    check(new SGD(0.05, 0.9), (p, g, t) -> {
      for (int i = 0; i < 3; i++) {
        v[i] = 0.9 * v[i] - 0.05 * g[i];
        p[i] += v[i];
      }
    }, 3);
  }

  /** Keras's Adam at learning rate 0.01 with its defaults, moments starting at zero. */
  private static Rule kerasAdam() {
    double[] m = new double[3];
    double[] v = new double[3];
    return (p, g, t) -> {
      double lrT = 0.01 * Math.sqrt(1 - Math.pow(0.999, t)) / (1 - Math.pow(0.9, t));
      for (int i = 0; i < 3; i++) {
        m[i] = 0.9 * m[i] + 0.1 * g[i];
        v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
        p[i] -= lrT * m[i] / (Math.sqrt(v[i]) + 1e-7);
      }
    };
  }

  @Test
  void adamWithKerasEpsilonAndBiasCorrection() {
    check(new Adam(0.01), kerasAdam(), 3);
  }

  @Test
  void adamUsesKerasEpsilon() {
    check(new Adam(0.01), kerasAdam(), 2, 1e-6f);
  }

  /**
   * torch.optim.Adam ({@code torch/optim/adam.py}, single-tensor path) at learning rate
   * {@code lr}: eps added to the bias-corrected sqrt(v).
   */
  private static Rule torchAdam(double lr) {
    double[] m = new double[3];
    double[] v = new double[3];
    return (p, g, t) -> {
      double stepSize = lr / (1 - Math.pow(0.9, t));
      double c2 = Math.sqrt(1 - Math.pow(0.999, t));
      for (int i = 0; i < 3; i++) {
        m[i] = 0.9 * m[i] + 0.1 * g[i];
        v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
        p[i] -= stepSize * m[i] / (Math.sqrt(v[i]) / c2 + 1e-8);
      }
    };
  }

  @Test
  void torchAdamIsPyTorchsRule() {
    check(new TorchAdam(0.01), torchAdam(0.01), 3);
  }

  @Test
  void torchAdamAddsEpsilonAfterTheBiasCorrection() {
    // gradients near 1e-6: Keras's placement of epsilon moves the weights differently
    check(new TorchAdam(0.01), torchAdam(0.01), 2, 1e-6f);
  }

  /**
   * Steps of 0.2 make the bias corrections' precision visible: computed in float32,
   * {@code 1 - 0.999^2} is off by 6.7e-6 relative and a weight by 2e-7 after 3 steps;
   * PyTorch computes them in double.
   */
  @Test
  void torchAdamComputesTheBiasCorrectionsInDoublePrecision() {
    check(new TorchAdam(0.2), torchAdam(0.2), 3, 1f, 1e-7);
  }

  /**
   * Keras 3's RMSprop ({@code keras/src/optimizers/rmsprop.py}), all slots starting at zero:
   * epsilon inside the square root, an optional centered second moment and momentum.
   */
  private static Rule keras3Rmsprop(double lr, double momentum, boolean centered) {
    double[] v = new double[3];
    double[] a = new double[3];
    double[] mom = new double[3];
    return (p, g, t) -> {
      for (int i = 0; i < 3; i++) {
        v[i] = 0.9 * v[i] + 0.1 * g[i] * g[i];
        double denominator = v[i] + 1e-7;
        if (centered) {
          a[i] = 0.9 * a[i] + 0.1 * g[i];
          denominator = v[i] - a[i] * a[i] + 1e-7;
        }
        double increment = lr * g[i] / Math.sqrt(denominator);
        if (momentum > 0) {
          mom[i] = momentum * mom[i] + increment;
          p[i] -= mom[i];
        } else {
          p[i] -= increment;
        }
      }
    };
  }

  @Test
  void rmspropFollowsKeras3() {
    check(new RMSprop(0.01), keras3Rmsprop(0.01, 0, false), 3);
  }

  @Test
  void rmspropWithMomentum() {
    check(new RMSprop(0.01, 0.9, 0.9, 1e-7, false), keras3Rmsprop(0.01, 0.9, false), 3);
  }

  @Test
  void rmspropCentered() {
    check(new RMSprop(0.01, 0.9, 0, 1e-7, true), keras3Rmsprop(0.01, 0, true), 3);
  }

  @Test
  void rmspropCenteredWithMomentum() {
    check(new RMSprop(0.01, 0.9, 0.9, 1e-7, true), keras3Rmsprop(0.01, 0.9, true), 3);
  }

  /**
   * Gradients near 1e-7, where epsilon's place counts: tf.keras 2's {@code sqrt(v) + eps}
   * would move each weight by about a third less than Keras 3's {@code sqrt(v + eps)}.
   */
  @Test
  void rmspropPutsEpsilonInsideTheSquareRoot() {
    check(new RMSprop(0.01), keras3Rmsprop(0.01, 0, false), 3, 1e-7f, 1e-7);
  }

  /** Keras 3's Adagrad: the accumulator starts at 0.1, w -= lr g / sqrt(a + 1e-7). */
  @Test
  void adagradStartsItsAccumulatorAtTheInitialValue() {
    double[] a = {0.1, 0.1, 0.1};
    check(new Adagrad(0.1), (p, g, t) -> {
      for (int i = 0; i < 3; i++) {
        a[i] += g[i] * g[i];
        p[i] -= 0.1 * g[i] / Math.sqrt(a[i] + 1e-7);
      }
    }, 3);
  }

  /** Keras 3's Adamax: the infinity norm u = max(beta2 u, |g|), lr / (1 - beta1^t). */
  @Test
  void adamaxFollowsKeras() {
    double[] m = new double[3];
    double[] u = new double[3];
    check(new Adamax(0.02), (p, g, t) -> {
      for (int i = 0; i < 3; i++) {
        m[i] = 0.9 * m[i] + 0.1 * g[i];
        u[i] = Math.max(0.999 * u[i], Math.abs(g[i]));
        p[i] -= 0.02 / (1 - Math.pow(0.9, t)) * m[i] / (u[i] + 1e-7);
      }
    }, 3);
  }

  /**
   * Keras 3's Lamb: Adam's bias-corrected step u scaled per weight by ||w|| / ||u|| (the kernel
   * and the bias each their own ratio).
   */
  @Test
  void lambScalesAdamsStepPerWeight() {
    double[] m = new double[3];
    double[] v = new double[3];
    check(new dev.tfjlabs.keras.optimizers.Lamb(0.05), (p, g, t) -> {
      double[] u = new double[3];
      for (int i = 0; i < 3; i++) {
        m[i] += (g[i] - m[i]) * 0.1;
        v[i] += (g[i] * g[i] - v[i]) * 0.001;
        u[i] = m[i] / (1 - Math.pow(0.9, t)) / (Math.sqrt(v[i] / (1 - Math.pow(0.999, t)))
            + 1e-7);
      }
      double kernel = Math.hypot(p[0], p[1]) / Math.hypot(u[0], u[1]);
      double bias = Math.abs(p[2]) / Math.abs(u[2]);
      p[0] -= kernel * 0.05 * u[0];
      p[1] -= kernel * 0.05 * u[1];
      p[2] -= bias * 0.05 * u[2];
    }, 3);
  }

  /** Keras 3's Adadelta with rms(a) = sqrt(a + 1e-7), at learning rate 1. */
  @Test
  void adadeltaFollowsKeras() {
    double[] acc = new double[3];
    double[] accDelta = new double[3];
    check(new Adadelta(1.0), (p, g, t) -> {
      for (int i = 0; i < 3; i++) {
        acc[i] = 0.95 * acc[i] + 0.05 * g[i] * g[i];
        double d = -Math.sqrt(accDelta[i] + 1e-7) / Math.sqrt(acc[i] + 1e-7) * g[i];
        accDelta[i] = 0.95 * accDelta[i] + 0.05 * d * d;
        p[i] += d;
      }
    }, 3);
  }

  /** AdamW: w -= w * weight_decay * lr, then Keras's Adam update on the decayed weight. */
  @Test
  void adamWDecaysTheWeightsBeforeAdamsUpdate() {
    Rule adam = kerasAdam();
    check(new AdamW(0.01, 0.1), (p, g, t) -> {
      for (int i = 0; i < 3; i++) {
        p[i] -= p[i] * 0.1 * 0.01;
      }
      adam.apply(p, g, t);
    }, 3);
  }

  /** AdamW under a schedule: the decay and Adam's step both use the scheduled rate. */
  @Test
  void adamWFollowsItsSchedule() {
    double[] m = new double[3];
    double[] v = new double[3];
    check(new AdamW(1, 0.5).learningRateSchedule(new ExponentialDecay(0.05, 1, 0.5, false)),
        (p, g, t) -> {
          double lr = 0.05 * Math.pow(0.5, t - 1);
          double alpha = lr * Math.sqrt(1 - Math.pow(0.999, t)) / (1 - Math.pow(0.9, t));
          for (int i = 0; i < 3; i++) {
            p[i] -= p[i] * 0.5 * lr;
            m[i] = 0.9 * m[i] + 0.1 * g[i];
            v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
            p[i] -= alpha * m[i] / (Math.sqrt(v[i]) + 1e-7);
          }
        }, 3, 1f, 2e-6);
  }

  /** SGD with Nesterov momentum: v = momentum v - lr g; w += momentum v - lr g. */
  @Test
  void sgdWithNesterovMomentum() {
    double[] v = new double[3];
    check(new SGD(0.05, 0.9, true), (p, g, t) -> {
      for (int i = 0; i < 3; i++) {
        v[i] = 0.9 * v[i] - 0.05 * g[i];
        p[i] += 0.9 * v[i] - 0.05 * g[i];
      }
    }, 3);
  }

  /**
   * Adam with amsgrad divides by the largest v so far. With beta2 0.5 and shrinking gradients v
   * falls, so the rule differs from plain Adam's (checked, so the test can tell them apart).
   */
  @Test
  void adamWithAmsgrad() {
    java.util.function.Function<Boolean, Rule> rule = ams -> {
      double[] m = new double[3];
      double[] v = new double[3];
      double[] vHat = new double[3];
      return (p, g, t) -> {
        double alpha = 0.1 * Math.sqrt(1 - Math.pow(0.5, t)) / (1 - Math.pow(0.9, t));
        for (int i = 0; i < 3; i++) {
          m[i] = 0.9 * m[i] + 0.1 * g[i];
          v[i] = 0.5 * v[i] + 0.5 * g[i] * g[i];
          vHat[i] = Math.max(vHat[i], v[i]);
          p[i] -= alpha * m[i] / (Math.sqrt(ams ? vHat[i] : v[i]) + 1e-7);
        }
      };
    };
    double[] plain = {W0[0], W0[1], B0};
    double[] ams = plain.clone();
    Rule a = rule.apply(false);
    Rule b = rule.apply(true);
    for (int t = 1; t <= 6; t++) {
      a.apply(plain, gradients(plain, X), t);
      b.apply(ams, gradients(ams, X), t);
    }
    org.junit.jupiter.api.Assertions.assertTrue(Math.abs(plain[0] - ams[0]) > 1e-3,
        "amsgrad changes these 6 steps");
    check(new Adam(0.1, 0.9, 0.5, 1e-7, true), rule.apply(true), 6, 1f, 2e-6);
  }

  /**
   * Keras 3's Nadam: u_t = beta1 (1 - 0.5 0.96^t), the product of u_1..u_t, Nesterov's
   * look-ahead momentum and Adam's bias-corrected velocity.
   */
  @Test
  void nadamFollowsKeras() {
    double[] m = new double[3];
    double[] v = new double[3];
    double[] product = {1};
    check(new Nadam(0.02), (p, g, t) -> {
      double u = 0.9 * (1 - 0.5 * Math.pow(0.96, t));
      double uNext = 0.9 * (1 - 0.5 * Math.pow(0.96, t + 1));
      product[0] *= u;
      for (int i = 0; i < 3; i++) {
        m[i] = 0.9 * m[i] + 0.1 * g[i];
        v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
        double mHat = uNext * m[i] / (1 - product[0] * uNext) + (1 - u) * g[i] / (1 - product[0]);
        double vHat = v[i] / (1 - Math.pow(0.999, t));
        p[i] -= 0.02 * mHat / (Math.sqrt(vHat) + 1e-7);
      }
    }, 4, 1f, 2e-6);
  }

  /**
   * Keras 3's gradient clipping, on the gradient of the current weights: clipnorm per variable
   * (the kernel [w0, w1] and the bias [b] apart), global_clipnorm over all, clipvalue per
   * element.
   */
  @Test
  void clippingFollowsKeras() {
    check(new SGD(0.1).clipnorm(0.3), (p, g, t) -> {
      double kernel = Math.hypot(g[0], g[1]);
      double k = 0.3 / Math.max(kernel, 0.3);
      double b = 0.3 / Math.max(Math.abs(g[2]), 0.3);
      p[0] -= 0.1 * g[0] * k;
      p[1] -= 0.1 * g[1] * k;
      p[2] -= 0.1 * g[2] * b;
    }, 3);
    check(new SGD(0.1).globalClipnorm(0.3), (p, g, t) -> {
      double norm = Math.sqrt(g[0] * g[0] + g[1] * g[1] + g[2] * g[2]);
      double scale = 0.3 / Math.max(norm, 0.3);
      for (int i = 0; i < 3; i++) {
        p[i] -= 0.1 * g[i] * scale;
      }
    }, 3);
    check(new SGD(0.1).clipvalue(0.2), (p, g, t) -> {
      for (int i = 0; i < 3; i++) {
        p[i] -= 0.1 * Math.max(-0.2, Math.min(0.2, g[i]));
      }
    }, 3);
    var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new SGD(0.1).clipnorm(1).clipvalue(1));
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("Only one of"),
        e.getMessage());
  }

  /** Weight decay on any optimizer, as Keras 3's base optimizer applies it. */
  @Test
  void weightDecayOnSgd() {
    check(new SGD(0.1).weightDecay(0.5), (p, g, t) -> {
      for (int i = 0; i < 3; i++) {
        p[i] -= p[i] * 0.5 * 0.1;
        p[i] -= 0.1 * g[i];
      }
    }, 3);
  }

  /** SGD under a schedule: update t (1-based) uses the rate at iterations = t - 1. */
  private static Rule sgdAt(java.util.function.IntToDoubleFunction rate) {
    return (p, g, t) -> {
      double lr = rate.applyAsDouble(t - 1);
      for (int i = 0; i < 3; i++) {
        p[i] -= lr * g[i];
      }
    };
  }

  /** Keras 3's schedules, each formula from {@code keras/src/optimizers/schedules}. */
  @Test
  void learningRateSchedulesFollowKeras() {
    check(new SGD(1).learningRateSchedule(new ExponentialDecay(0.1, 2, 0.5, false)),
        sgdAt(k -> 0.1 * Math.pow(0.5, k / 2.0)), 4);
    check(new SGD(1).learningRateSchedule(ExponentialDecay.inverseTime(0.1, 2, 0.5, true)),
        sgdAt(k -> 0.1 / (1 + 0.5 * Math.floor(k / 2.0))), 4);
    check(new SGD(1).learningRateSchedule(new PiecewiseConstantDecay(new double[] {1},
        new double[] {0.1, 0.01})), sgdAt(k -> k <= 1 ? 0.1 : 0.01), 4);
    check(new SGD(1).learningRateSchedule(new PolynomialDecay(0.1, 3, 0.01, 2, false)),
        sgdAt(k -> (0.1 - 0.01) * Math.pow(1 - Math.min(k, 3) / 3.0, 2) + 0.01), 5);
    check(new SGD(1).learningRateSchedule(new PolynomialDecay(0.1, 2, 0.01, 1, true)),
        sgdAt(k -> {
          double d = 2 * Math.max(Math.ceil(k / 2.0), 1);
          return (0.1 - 0.01) * (1 - k / d) + 0.01;
        }), 5);
    check(new SGD(1).learningRateSchedule(new CosineDecay(0.1, 3, 0.2)),
        sgdAt(k -> 0.1 * (0.8 * 0.5 * (1 + Math.cos(Math.PI * Math.min(k, 3) / 3.0)) + 0.2)), 5);
    check(new SGD(1).learningRateSchedule(new CosineDecay(0.01, 2, 0.0, 0.1, 2.0)),
        sgdAt(k -> {
          double s = Math.min(k, 4);
          return s < 2 ? 0.01 + (0.1 - 0.01) * s / 2
              : 0.1 * 0.5 * (1 + Math.cos(Math.PI * (s - 2) / 2));
        }), 5);
    check(new SGD(1).learningRateSchedule(new CosineDecayRestarts(0.1, 2.5, 2, 0.5, 0.1)),
        sgdAt(k -> sgdr(k, 0.1, 2.5, 2, 0.5, 0.1)), 8);
    check(new SGD(1).learningRateSchedule(new CosineDecayRestarts(0.1, 3, 1, 0.8, 0)),
        sgdAt(k -> sgdr(k, 0.1, 3, 1, 0.8, 0)), 7);
  }

  /**
   * SGDR by walking its periods (first, first t_mul, first t_mul^2...) rather than Keras's
   * closed form: the i-th restart at the fraction f of its period.
   */
  private static double sgdr(int step, double initial, double first, double tMul, double mMul,
      double alpha) {
    double f = step / first;
    double period = 1;
    int i = 0;
    while (f >= period) {
      f -= period;
      period *= tMul;
      i++;
    }
    double cosine = 0.5 * Math.pow(mMul, i) * (1 + Math.cos(Math.PI * f / period));
    return initial * ((1 - alpha) * cosine + alpha);
  }

  /** A schedule goes through the optimizer's config and comes back the same. */
  @Test
  void aScheduleRoundTripsThroughTheOptimizersConfig() {
    for (var schedule : List.of(new CosineDecay(0.01, 100, 0.1, 0.05, 10.0),
        new CosineDecayRestarts(0.01, 100, 1.5, 0.9, 0.05))) {
      Optimizer adam = new Adam(0.01).learningRateSchedule(schedule);
      var config = adam.getConfig();
      var entry = java.util.Map.of("class_name", "Adam", "config", config);
      Optimizer back = dev.tfjlabs.keras.optimizers.Optimizers.REGISTRY.get(
          new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(entry),
          new dev.tfjlabs.keras.config.Source(dev.tfjlabs.keras.config.KerasVersion.CURRENT));
      assertEquals(config, back.getConfig());
      assertEquals(0.01f, back.learningRate());
    }
  }

  /**
   * A compiled model with a schedule saves and resumes: Keras keeps no learning_rate variable
   * then (iterations, then the slots), and the resumed steps continue the schedule.
   */
  @Test
  void aScheduledOptimizerSavesAndResumes(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path tmp) throws Exception {
    List<String> shapes = resumesAsUninterrupted(() -> new Adam(0.05)
        .learningRateSchedule(new ExponentialDecay(0.05, 1, 0.5, false)),
        tmp.resolve("scheduled.keras"));
    assertEquals(List.of("[]", "[2, 1]", "[2, 1]", "[1]", "[1]"), shapes,
        "iterations and Adam's m, v of the kernel, then of the bias");
  }

  /**
   * Keras 3's amsgrad Adam keeps iterations, learning_rate, m and v of each weight, then every
   * velocity_hat; saved after 2 steps it resumes to the weights of 4 uninterrupted steps.
   */
  @Test
  void amsgradSavesItsVelocityHatsAfterTheMoments(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path tmp) throws Exception {
    List<String> shapes = resumesAsUninterrupted(() -> new Adam(0.1, 0.9, 0.5, 1e-7, true),
        tmp.resolve("amsgrad.keras"));
    assertEquals(List.of("[]", "[]", "[2, 1]", "[2, 1]", "[1]", "[1]", "[2, 1]", "[1]"), shapes);
  }

  /**
   * Ftrl (accumulator starting at initial_accumulator_value, linear), Lion (momentum) and Lamb
   * (momentum, velocity) save their slots in Keras's order and resume to the weights of
   * uninterrupted training.
   */
  @Test
  void ftrlLionAndLambSaveAndResume(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
      throws Exception {
    List<String> interleaved = List.of("[]", "[]", "[2, 1]", "[2, 1]", "[1]", "[1]");
    assertEquals(interleaved, resumesAsUninterrupted(() -> new dev.tfjlabs.keras.optimizers.Ftrl(
        0.1, -0.5, 0.3, 0.01, 0.02, 0.01, 0.1), tmp.resolve("ftrl.keras")));
    assertEquals(List.of("[]", "[]", "[2, 1]", "[1]"), resumesAsUninterrupted(
        () -> new dev.tfjlabs.keras.optimizers.Lion(0.01), tmp.resolve("lion.keras")));
    assertEquals(interleaved, resumesAsUninterrupted(
        () -> new dev.tfjlabs.keras.optimizers.Lamb(0.05), tmp.resolve("lamb.keras")));
  }

  /**
   * The EMA averages are Keras's first optimizer variables after iterations and learning_rate,
   * one per weight, before the subclass's slots; after fit they equal the weights.
   */
  @Test
  void emaAveragesAreSavedFirst(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
      throws Exception {
    java.nio.file.Path file = tmp.resolve("ema.keras");
    List<float[]> weights;
    try (Sequential m = new Sequential("s", 2).add(new Dense(1))) {
      m.compile(new SGD(0.05, 0.9).ema(0.9, null), new MeanSquaredError());
      m.setWeights(List.of(W0.clone(), new float[] {B0}));
      m.fit(new FloatArray(new float[] {X[0][0], X[0][1], X[1][0], X[1][1], X[2][0], X[2][1]},
          3, 2), FloatArray.of(Y.clone()), FitOptions.defaults().batchSize(3).epochs(3)
          .shuffle(false).verbose(false));
      weights = m.getWeights();
      dev.tfjlabs.keras.saving.KerasFile.save(m, file);
    }
    try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile());
        io.jhdf.HdfFile h5 = io.jhdf.HdfFile.fromBytes(zip.getInputStream(
            zip.getEntry("model.weights.h5")).readAllBytes())) {
      io.jhdf.api.Group vars = (io.jhdf.api.Group) h5.getByPath("optimizer/vars");
      assertEquals(6, vars.getChildren().size());
      float[][] kernel = (float[][]) ((io.jhdf.api.Dataset) vars.getChild("2")).getData();
      float[] bias = (float[]) ((io.jhdf.api.Dataset) vars.getChild("3")).getData();
      assertEquals(weights.get(0)[0], kernel[0][0], 1e-7);
      assertEquals(weights.get(0)[1], kernel[1][0], 1e-7);
      assertEquals(weights.get(1)[0], bias[0], 1e-7);
    }
    try (var back = dev.tfjlabs.keras.saving.KerasFile.load(file)) {
      assertTrue(back.optimizer().usesEma());
    }
  }

  /**
   * Gradient accumulators save after the averages and before the subclass's slots; saved
   * half-way through an accumulation, training resumes to the weights of uninterrupted training.
   */
  @Test
  void accumulatedGradientsSaveAndResume(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path tmp) throws Exception {
    assertEquals(List.of("[]", "[]", "[2, 1]", "[1]", "[2, 1]", "[1]", "[2, 1]", "[1]"),
        resumesAsUninterrupted(() -> new SGD(0.1, 0.9).gradientAccumulationSteps(3)
            .ema(0.8, null), tmp.resolve("acc.keras"), f -> f));
  }

  /**
   * Nadam's u_product, which Keras 3.4 lists after learning_rate, is written there and skipped
   * on reading (it follows from the step count); the resumed steps match.
   */
  @Test
  void nadamSavesItsMomentumProductAfterTheLearningRate(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path tmp) throws Exception {
    List<String> shapes = resumesAsUninterrupted(() -> new Nadam(0.05),
        tmp.resolve("nadam.keras"));
    assertEquals(List.of("[]", "[]", "[]", "[2, 1]", "[2, 1]", "[1]", "[1]"), shapes);
  }

  /**
   * A Nadam file laid out as Keras 3.10 and later write it (keras_version 3.10.0, u_product
   * after every slot rather than after learning_rate) resumes as the Keras 3.4 layout does.
   */
  @Test
  void nadamReadsKeras310sLayout(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
      throws Exception {
    resumesAsUninterrupted(() -> new Nadam(0.05), tmp.resolve("nadam.keras"), saved -> {
      java.nio.file.Path moved = tmp.resolve("nadam-3.10.keras");
      // 3.4: iterations, learning_rate, u_product, 4 slots; 3.10: the slots, then u_product
      java.util.Map<String, String> names = java.util.Map.of("2", "6", "3", "2", "4", "3",
          "5", "4", "6", "5");
      try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(saved.toFile());
          java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(
              java.nio.file.Files.newOutputStream(moved))) {
        for (String entry : List.of("config.json", "metadata.json", "model.weights.h5")) {
          byte[] bytes = zip.getInputStream(zip.getEntry(entry)).readAllBytes();
          if (entry.equals("metadata.json")) {
            var utf8 = java.nio.charset.StandardCharsets.UTF_8;
            bytes = new String(bytes, utf8).replace("\"3.4.1\"", "\"3.10.0\"").getBytes(utf8);
          } else if (entry.equals("model.weights.h5")) {
            java.nio.file.Path h5 = tmp.resolve("moved.h5");
            try (io.jhdf.HdfFile from = io.jhdf.HdfFile.fromBytes(bytes);
                io.jhdf.WritableHdfFile to = io.jhdf.HdfFile.write(h5)) {
              copy(from, to, "", names);
            }
            bytes = java.nio.file.Files.readAllBytes(h5);
          }
          out.putNextEntry(new java.util.zip.ZipEntry(entry));
          out.write(bytes);
          out.closeEntry();
        }
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return moved;
    });
  }

  /** Copies an HDF5 tree, renaming the children of optimizer/vars by {@code varNames}. */
  private static void copy(io.jhdf.api.Group from, io.jhdf.api.WritableGroup to, String path,
      java.util.Map<String, String> varNames) {
    for (io.jhdf.api.Node child : from.getChildren().values()) {
      String name = path.equals("optimizer/vars")
          ? varNames.getOrDefault(child.getName(), child.getName()) : child.getName();
      if (child instanceof io.jhdf.api.Group g) {
        copy(g, to.putGroup(name), path.isEmpty() ? name : path + "/" + name, varNames);
      } else {
        to.putDataset(name, ((io.jhdf.api.Dataset) child).getData());
      }
    }
  }

  /**
   * Trains 4 steps straight, and 2 steps, saved, loaded and 2 more; asserts the weights agree
   * and returns the shapes of the saved optimizer variables in order.
   */
  private static List<String> resumesAsUninterrupted(
      java.util.function.Supplier<Optimizer> optimizer, java.nio.file.Path file)
      throws Exception {
    return resumesAsUninterrupted(optimizer, file, f -> f);
  }

  /** As above, loading the file {@code rewrite} makes of the saved one. */
  private static List<String> resumesAsUninterrupted(
      java.util.function.Supplier<Optimizer> optimizer, java.nio.file.Path file,
      java.util.function.UnaryOperator<java.nio.file.Path> rewrite) throws Exception {
    float[] xs = {X[0][0], X[0][1], X[1][0], X[1][1], X[2][0], X[2][1]};
    FloatArray x = new FloatArray(xs, 3, 2);
    FloatArray y = FloatArray.of(Y.clone());
    List<float[]> straight;
    try (Sequential m = new Sequential("s", 2).add(new Dense(1))) {
      m.compile(optimizer.get(), new MeanSquaredError());
      m.setWeights(List.of(W0.clone(), new float[] {B0}));
      m.fit(x, y, FitOptions.defaults().batchSize(3).epochs(4).shuffle(false).verbose(false));
      straight = m.getWeights();
    }
    try (Sequential m = new Sequential("s", 2).add(new Dense(1))) {
      m.compile(optimizer.get(), new MeanSquaredError());
      m.setWeights(List.of(W0.clone(), new float[] {B0}));
      m.fit(x, y, FitOptions.defaults().batchSize(3).epochs(2).shuffle(false).verbose(false));
      dev.tfjlabs.keras.saving.KerasFile.save(m, file);
    }
    List<String> shapes = new java.util.ArrayList<>();
    try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile());
        io.jhdf.HdfFile h5 = io.jhdf.HdfFile.fromBytes(zip.getInputStream(
            zip.getEntry("model.weights.h5")).readAllBytes())) {
      io.jhdf.api.Group vars = (io.jhdf.api.Group) h5.getByPath("optimizer/vars");
      for (int i = 0; i < vars.getChildren().size(); i++) {
        shapes.add(java.util.Arrays.toString(
            ((io.jhdf.api.Dataset) vars.getChild(Integer.toString(i))).getDimensions()));
      }
    }
    try (var back = dev.tfjlabs.keras.saving.KerasFile.load(rewrite.apply(file))) {
      assertEquals(2, back.optimizerIterations());
      back.fit(x, y, FitOptions.defaults().batchSize(3).epochs(4).initialEpoch(2).shuffle(false)
          .verbose(false));
      List<float[]> resumed = back.getWeights();
      for (int i = 0; i < straight.size(); i++) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(straight.get(i), resumed.get(i), 1e-6f);
      }
    }
    return shapes;
  }
}
