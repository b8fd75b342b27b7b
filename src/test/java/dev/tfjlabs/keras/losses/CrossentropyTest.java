package dev.tfjlabs.keras.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tfjlabs.keras.backend.Tensors;
import dev.tfjlabs.keras.data.FloatArray;
import dev.tfjlabs.keras.layers.Activation;
import dev.tfjlabs.keras.layers.Dense;
import dev.tfjlabs.keras.models.FitOptions;
import dev.tfjlabs.keras.models.Sequential;
import dev.tfjlabs.keras.optimizers.SGD;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The cross-entropies against Keras 3's TensorFlow backend ({@code keras/src/backend/tensorflow/
 * nn.py}) written out in double precision: clipping to [1e-7, 1 - 1e-7] with no epsilon added
 * inside the logs, and the logits behind a final sigmoid or softmax.
 */
class CrossentropyTest {
  private static final double EPS = 1e-7;

  /** The per-sample losses of {@code loss} on constant targets and outputs. */
  private static float[] perSample(Loss loss, float[][] y, float[][] p, boolean sigmoidFirst) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> out = tf.constant(p);
      if (sigmoidFirst) {
        out = tf.math.sigmoid(out);
      }
      try (Result r = s.runner().fetch(loss.call(tf, tf.constant(y), out)).run()) {
        return Tensors.values((TFloat32) r.get(0));
      }
    }
  }

  private static double clip(double p) {
    return Math.min(Math.max(p, EPS), (double) (1f - (float) EPS));
  }

  /** Keras 3 on probabilities: {@code -(y log q + (1 - y) log(1 - q))}, q clipped. */
  private static double bce(double y, double p) {
    double q = clip(p);
    return -(y * Math.log(q) + (1 - y) * Math.log(1 - q));
  }

  private static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  @Test
  void binaryCrossentropyClipsWithoutAddingEpsilon() {
    float[][] y = {{1}, {0}, {1}, {0}};
    float[][] p = {{0f}, {0.3f}, {0.9f}, {1e-9f}};
    float[] got = perSample(new BinaryCrossentropy(), y, p, false);
    assertEquals(16.1181, got[0], 1e-4, "a clipped probability: -log(1e-7), not 15.42");
    for (int i = 0; i < y.length; i++) {
      assertEquals(bce(y[i][0], p[i][0]), got[i], 1e-5, "sample " + i);
    }
  }

  @Test
  void binaryCrossentropyAveragesTheLastAxis() {
    float[][] y = {{1, 0, 1}};
    float[][] p = {{0.2f, 0.4f, 0.7f}};
    double expected = (bce(1, 0.2) + bce(0, 0.4) + bce(1, 0.7)) / 3;
    assertEquals(expected, perSample(new BinaryCrossentropy(), y, p, false)[0], 1e-6);
  }

  @Test
  void binaryCrossentropyFromLogitsEqualsTheProbabilityFormOnModerateValues() {
    float[][] y = {{1}, {0}, {1}, {0}, {1}};
    float[][] x = {{-2.5f}, {-0.3f}, {0f}, {1.7f}, {4f}};
    float[] got = perSample(new BinaryCrossentropy(true), y, x, false);
    float[] viaSigmoid = perSample(new BinaryCrossentropy(true), y, x, true);
    for (int i = 0; i < y.length; i++) {
      double expected = bce(y[i][0], sigmoid(x[i][0]));
      assertEquals(expected, got[i], 1e-5, "from logits, sample " + i);
      assertEquals(expected, viaSigmoid[i], 1e-5, "logits read behind the sigmoid, sample " + i);
    }
  }

  @Test
  void binaryCrossentropyFromLogitsStaysFiniteWhenSaturated() {
    float[][] y = {{0}, {1}, {0}, {1}};
    float[][] x = {{40f}, {-40f}, {200f}, {200f}};
    float[] got = perSample(new BinaryCrossentropy(true), y, x, false);
    float[] viaSigmoid = perSample(new BinaryCrossentropy(), y, x, true);
    // max(x, 0) - x y + log(1 + exp(-|x|)): the exact cross-entropy of sigmoid(x)
    double[] expected = {40, 40, 200, 0};
    for (int i = 0; i < y.length; i++) {
      assertTrue(Float.isFinite(got[i]));
      assertEquals(expected[i], got[i], 1e-4, "sample " + i);
      assertEquals(expected[i], viaSigmoid[i], 1e-4, "behind the sigmoid, sample " + i);
    }
  }

  @Test
  void sparseCategoricalNormalisesTheClippedProbabilities() {
    // Keras 3: log(clip(p)) as logits, i.e. -log(q_y / sum_j q_j)
    float[][] label = {{1}};
    float[][] p = {{0f, 0.5f, 1.5f}};
    double q0 = EPS;
    double q2 = 1 - 1.1920929e-7;
    double expected = -Math.log(0.5 / (q0 + 0.5 + q2));
    assertEquals(expected, perSample(new SparseCategoricalCrossentropy(), label, p, false)[0],
        1e-5);
  }

  @Test
  void categoricalNormalisesBeforeClipping() {
    // Keras 3: p / sum p, then clip: -log(0.25)
    float[][] oneHot = {{0, 1, 0}};
    float[][] p = {{0f, 0.5f, 1.5f}};
    assertEquals(-Math.log(0.25),
        perSample(new CategoricalCrossentropy(), oneHot, p, false)[0], 1e-5);
    float[][] missed = {{1, 0, 0}};
    assertEquals(-Math.log(EPS),
        perSample(new CategoricalCrossentropy(), missed, p, false)[0], 1e-4);
  }

  /** A one-input model whose output layer sees the logits {@code x w + b}. */
  private static Sequential oneInput(int units, Activation activation, float[] w, Loss loss) {
    Sequential m = new Sequential("logits", 1).add(new Dense(units, activation));
    m.compile(new SGD(0.1), loss);
    m.setWeights(List.of(w, new float[units]));
    return m;
  }

  @Test
  void aModelEndingInSigmoidIsTrainedOnItsLogits() {
    try (Sequential m = oneInput(1, Activation.SIGMOID, new float[] {50f},
        new BinaryCrossentropy())) {
      FloatArray x = new FloatArray(new float[] {1f}, 1, 1);
      FloatArray y = FloatArray.of(0f);
      // sigmoid(50) is 1 in float32: the probability form would give -log(1.19e-7) = 15.94
      assertEquals(50.0, m.evaluate(x, y, 1).get("loss"), 1e-4);
      // d loss / d logit = sigmoid(50) - 0 = 1: SGD moves w by 0.1 x and b by 0.1
      m.fit(x, y, FitOptions.defaults().batchSize(1).epochs(1).shuffle(false).verbose(false));
      List<float[]> w = m.getWeights();
      assertEquals(49.9, w.get(0)[0], 1e-5);
      assertEquals(-0.1, w.get(1)[0], 1e-6);
    }
  }

  @Test
  void aModelEndingInSoftmaxIsTrainedOnItsLogits() {
    FloatArray x = new FloatArray(new float[] {1f}, 1, 1);
    try (Sequential m = oneInput(3, Activation.SOFTMAX, new float[] {0f, 0f, 60f},
        new SparseCategoricalCrossentropy())) {
      // logsumexp(0, 0, 60) - 0; the clipped probability form would give 16.12
      assertEquals(60.0, m.evaluate(x, FloatArray.of(0f), 1).get("loss"), 1e-4);
    }
    try (Sequential m = oneInput(3, Activation.SOFTMAX, new float[] {0f, 0f, 60f},
        new CategoricalCrossentropy())) {
      FloatArray oneHot = new FloatArray(new float[] {1f, 0f, 0f}, 1, 3);
      assertEquals(60.0, m.evaluate(x, oneHot, 1).get("loss"), 1e-4);
    }
  }

  /** The losses of {@code loss} on constant rank-3 targets and outputs, flattened. */
  private static float[] values3(Loss loss, float[][][] y, float[][][] p) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      try (Result r = s.runner().fetch(loss.call(tf, tf.constant(y), tf.constant(p))).run()) {
        return Tensors.values((TFloat32) r.get(0));
      }
    }
  }

  /**
   * Keras's {@code axis} of the cross-entropies: classes along axis 1 of [batch 2, classes 3,
   * positions 2] (channels first), one loss per sample and position, against plain Java over
   * that axis; binary averaged over axis 1; configs with the axis round-trip.
   */
  @Test
  void theCrossentropiesComputeOverTheirAxis() {
    float[][][] p = {{{0.2f, 0.5f}, {0.3f, 0.1f}, {0.5f, 0.4f}},
        {{0.6f, 0.25f}, {0.3f, 0.25f}, {0.1f, 0.5f}}};
    float[][][] y = {{{0, 1}, {0, 0}, {1, 0}}, {{1, 0}, {0, 0}, {0, 1}}};
    float[] cce = values3(new CategoricalCrossentropy(false, 0, 1), y, p);
    float[] bce = values3(new BinaryCrossentropy(false, 0, 1), y, p);
    assertEquals(4, cce.length);
    for (int b = 0; b < 2; b++) {
      for (int j = 0; j < 2; j++) {
        double sum = 0;
        for (int c = 0; c < 3; c++) {
          sum += p[b][c][j];
        }
        double want = 0;
        double binary = 0;
        for (int c = 0; c < 3; c++) {
          want -= y[b][c][j] * Math.log(clip(p[b][c][j] / sum));
          binary += bce(y[b][c][j], p[b][c][j]) / 3;
        }
        assertEquals(want, cce[b * 2 + j], 1e-5, "categorical, sample " + b + " position " + j);
        assertEquals(binary, bce[b * 2 + j], 1e-5, "binary, sample " + b + " position " + j);
      }
    }
    // axis -2 is axis 1 of a rank-3 tensor; the last axis is the default
    assertArrayEquals(cce, values3(new CategoricalCrossentropy(false, 0, -2), y, p), 1e-7f);
    assertArrayEquals(values3(new CategoricalCrossentropy(), y, p),
        values3(new CategoricalCrossentropy(false, 0, 2), y, p), 1e-7f);

    var source = new dev.tfjlabs.keras.config.Source(dev.tfjlabs.keras.config.KerasVersion.CURRENT);
    Loss read = Losses.REGISTRY.get(dev.tfjlabs.keras.config.Config.parse("{\"class_name\":"
        + " \"CategoricalCrossentropy\", \"config\": {\"axis\": 1}}"), source);
    assertArrayEquals(cce, values3(read, y, p), 1e-7f);
    assertEquals(1, read.getConfig().get("axis"));
    assertEquals(1, new BinaryCrossentropy(false, 0, 1).getConfig().get("axis"));
  }

  /**
   * The focal cross-entropies' {@code axis}: classes along axis 1 of [batch 2, classes 3,
   * positions 2], against Keras 3's equations in plain Java over that axis (categorical:
   * normalised, clipped q, {@code -alpha (1 - q)^gamma y log q} summed; binary: {@code (1 -
   * p_t)^gamma bce} averaged), and read from a config with its axis.
   */
  @Test
  void theFocalCrossentropiesComputeOverTheirAxis() {
    float[][][] p = {{{0.2f, 0.5f}, {0.3f, 0.1f}, {0.5f, 0.4f}},
        {{0.6f, 0.25f}, {0.3f, 0.25f}, {0.1f, 0.5f}}};
    float[][][] y = {{{0, 1}, {0, 0}, {1, 0}}, {{1, 0}, {0, 0}, {0, 1}}};
    float[] cfce = values3(new CategoricalFocalCrossentropy(0.25, 2.0, false, 0, 1), y, p);
    float[] bfce = values3(new BinaryFocalCrossentropy(false, 0.25, 2.0, false, 0, 1), y, p);
    assertEquals(4, cfce.length);
    for (int b = 0; b < 2; b++) {
      for (int j = 0; j < 2; j++) {
        double sum = 0;
        for (int c = 0; c < 3; c++) {
          sum += p[b][c][j];
        }
        double categorical = 0;
        double binary = 0;
        for (int c = 0; c < 3; c++) {
          double q = clip(p[b][c][j] / sum);
          categorical -= 0.25 * Math.pow(1 - q, 2) * y[b][c][j] * Math.log(q);
          double pt = y[b][c][j] * p[b][c][j] + (1 - y[b][c][j]) * (1 - p[b][c][j]);
          binary += Math.pow(1 - pt, 2) * bce(y[b][c][j], p[b][c][j]) / 3;
        }
        assertEquals(categorical, cfce[b * 2 + j], 1e-6, "categorical, " + b + ", " + j);
        assertEquals(binary, bfce[b * 2 + j], 1e-6, "binary, " + b + ", " + j);
      }
    }
    var source = new dev.tfjlabs.keras.config.Source(dev.tfjlabs.keras.config.KerasVersion.CURRENT);
    Loss read = Losses.REGISTRY.get(dev.tfjlabs.keras.config.Config.parse("{\"class_name\":"
        + " \"CategoricalFocalCrossentropy\", \"config\": {\"axis\": 1}}"), source);
    assertArrayEquals(cfce, values3(read, y, p), 1e-7f);
    assertEquals(1, read.getConfig().get("axis"));
    Loss binaryRead = Losses.REGISTRY.get(dev.tfjlabs.keras.config.Config.parse("{\"class_name\":"
        + " \"BinaryFocalCrossentropy\", \"config\": {\"axis\": -2}}"), source);
    assertArrayEquals(bfce, values3(binaryRead, y, p), 1e-7f);
  }
}
