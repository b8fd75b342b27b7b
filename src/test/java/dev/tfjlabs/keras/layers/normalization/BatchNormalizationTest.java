package dev.tfjlabs.keras.layers.normalization;

import static dev.tfjlabs.keras.TestData.assertClose;
import static dev.tfjlabs.keras.TestData.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tfjlabs.keras.data.FloatArray;
import dev.tfjlabs.keras.layers.Flatten;
import dev.tfjlabs.keras.layers.Dense;
import dev.tfjlabs.keras.losses.MeanSquaredError;
import dev.tfjlabs.keras.models.FitOptions;
import dev.tfjlabs.keras.models.Model;
import dev.tfjlabs.keras.models.Sequential;
import dev.tfjlabs.keras.optimizers.SGD;
import dev.tfjlabs.keras.saving.KerasFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BatchNormalization against its equations in plain Java double precision: at inference the
 * moving statistics, in training the batch's mean and biased variance, with the moving
 * statistics updated by the momentum inside the training step and gamma and beta moved by the
 * gradient of the loss (a central difference of the reference loss); the channels-first axis;
 * Keras's counts in summary; the moving statistics through a {@code .keras} file.
 */
class BatchNormalizationTest {
  private static final int N = 6;
  private static final int F = 3;
  private static final double EPS = 1e-3;

  /** y[n][f] = (x - mean[f]) / sqrt(var[f] + eps) * gamma[f] + beta[f]. */
  private static double[] normalise(float[] x, double[] mean, double[] var, float[] gamma,
      float[] beta) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      int f = i % F;
      y[i] = (x[i] - mean[f]) / Math.sqrt(var[f] + EPS) * gamma[f] + beta[f];
    }
    return y;
  }

  private static double[][] batchMoments(float[] x) {
    double[] mean = new double[F];
    double[] var = new double[F];
    for (int i = 0; i < x.length; i++) {
      mean[i % F] += x[i] / (double) N;
    }
    for (int i = 0; i < x.length; i++) {
      var[i % F] += Math.pow(x[i] - mean[i % F], 2) / N;
    }
    return new double[][] {mean, var};
  }

  private static double[] toDouble(float[] v) {
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      d[i] = v[i];
    }
    return d;
  }

  /** The MSE of the training-mode output against {@code t}, for gamma and beta. */
  private static double loss(float[] x, float[] t, float[] gamma, float[] beta) {
    double[][] m = batchMoments(x);
    double[] y = normalise(x, m[0], m[1], gamma, beta);
    double s = 0;
    for (int i = 0; i < y.length; i++) {
      s += Math.pow(y[i] - t[i], 2) / y.length;
    }
    return s;
  }

  @Test
  void inferenceUsesTheMovingStatisticsAndTrainingTheBatchs() {
    FloatArray x = uniform(1, 2, N, F);
    FloatArray t = uniform(2, 1, N, F);
    float[] gamma = uniform(3, 1, F).values();
    float[] beta = uniform(4, 1, F).values();
    float[] mean = uniform(5, 1, F).values();
    float[] var = {0.5f, 1.5f, 2.0f};
    try (Sequential m = new Sequential("bn", F).add(new BatchNormalization())) {
      assertEquals(12, m.countParams());
      assertEquals(6, m.countTrainableParams());
      assertTrue(m.summary().contains("Non-trainable params: 6\n"), m.summary());
      m.setWeights(List.of(gamma, beta, mean, var));
      assertClose(normalise(x.values(), toDouble(mean), toDouble(var), gamma, beta),
          m.predict(x, N).values(), 1e-5);

      double lr = 0.5;
      m.compile(new SGD(lr), new MeanSquaredError());
      m.setWeights(List.of(gamma, beta, mean, var));
      var logs = m.trainOnBatch(x, t);
      assertEquals(loss(x.values(), t.values(), gamma, beta), logs.get("loss"), 1e-5);
      List<float[]> after = m.getWeights();
      double[][] batch = batchMoments(x.values());
      double[] movedMean = new double[F];
      double[] movedVar = new double[F];
      for (int f = 0; f < F; f++) {
        movedMean[f] = mean[f] * 0.99 + batch[0][f] * 0.01;
        movedVar[f] = var[f] * 0.99 + batch[1][f] * 0.01;
      }
      assertClose(movedMean, after.get(2), 1e-6);
      assertClose(movedVar, after.get(3), 1e-6);
      for (int which = 0; which < 2; which++) {
        float[] w = which == 0 ? gamma : beta;
        double[] expected = new double[F];
        for (int f = 0; f < F; f++) {
          float[] plus = w.clone();
          float[] minus = w.clone();
          plus[f] += 1e-3f;
          minus[f] -= 1e-3f;
          double grad = (which == 0
              ? loss(x.values(), t.values(), plus, beta) - loss(x.values(), t.values(), minus, beta)
              : loss(x.values(), t.values(), gamma, plus)
                  - loss(x.values(), t.values(), gamma, minus)) / (plus[f] - (double) minus[f]);
          expected[f] = w[f] - lr * grad;
        }
        assertClose(expected, after.get(which), 1e-4);
      }
    }
  }

  /** axis=1 on (channels, steps) samples normalises each channel over the batch and steps. */
  @Test
  void aChannelsFirstAxisNormalisesEachChannel() {
    FloatArray x = uniform(6, 1, N, 2, 4);
    float[] gamma = {1.5f, 0.5f};
    float[] beta = {0.1f, -0.2f};
    float[] mean = {0.2f, -0.3f};
    float[] var = {0.8f, 1.2f};
    try (Sequential m = new Sequential("cf", 2, 4)
        .add(new BatchNormalization(1, 0.99, EPS, true, true, null))) {
      m.setWeights(List.of(gamma, beta, mean, var));
      double[] expected = new double[x.values().length];
      for (int i = 0; i < expected.length; i++) {
        int c = (i / 4) % 2;
        expected[i] = (x.values()[i] - mean[c]) / Math.sqrt(var[c] + EPS) * gamma[c] + beta[c];
      }
      assertClose(expected, m.predict(x, N).values(), 1e-5);
    }
  }

  /** The moving statistics a training run leaves go through a .keras file unchanged. */
  @Test
  void theMovingStatisticsSaveAndLoad(@TempDir Path tmp) {
    FloatArray x = uniform(7, 1, N, 2, 2);
    FloatArray y = uniform(8, 1, N, 1);
    Path file = tmp.resolve("bn.keras");
    List<float[]> trained;
    float[] predicted;
    try (Sequential m = new Sequential("bnfile", 2, 2).add(new BatchNormalization())
        .add(new Flatten()).add(new Dense(1))) {
      m.compile(new SGD(0.1), new MeanSquaredError());
      m.fit(x, y, FitOptions.defaults().batchSize(3).epochs(2).verbose(false));
      trained = new ArrayList<>(m.getWeights());
      predicted = m.predict(x, N).values();
      KerasFile.save(m, file);
    }
    try (Model back = KerasFile.load(file)) {
      List<float[]> loaded = back.getWeights();
      for (int i = 0; i < trained.size(); i++) {
        assertArrayEquals(trained.get(i), loaded.get(i), "weight " + i);
      }
      assertArrayEquals(predicted, back.predict(x, N).values());
      assertEquals(2 * 2, back.countParams() - back.countTrainableParams());
    }
  }
}
