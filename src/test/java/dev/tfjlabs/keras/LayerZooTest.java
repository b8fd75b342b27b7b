package dev.tfjlabs.keras;

import static dev.tfjlabs.keras.KerasReference.affine;
import static dev.tfjlabs.keras.TestData.assertClose;
import static dev.tfjlabs.keras.TestData.matrix;
import static dev.tfjlabs.keras.TestData.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tfjlabs.keras.data.FloatArray;
import dev.tfjlabs.keras.layers.Activation;
import dev.tfjlabs.keras.layers.Dense;
import dev.tfjlabs.keras.layers.Flatten;
import dev.tfjlabs.keras.layers.Layer;
import dev.tfjlabs.keras.layers.normalization.LayerNormalization;
import dev.tfjlabs.keras.layers.pooling.AveragePooling1D;
import dev.tfjlabs.keras.layers.pooling.AveragePooling2D;
import dev.tfjlabs.keras.layers.pooling.GlobalAveragePooling1D;
import dev.tfjlabs.keras.layers.pooling.GlobalAveragePooling2D;
import dev.tfjlabs.keras.layers.pooling.GlobalMaxPooling1D;
import dev.tfjlabs.keras.layers.pooling.GlobalMaxPooling2D;
import dev.tfjlabs.keras.layers.pooling.MaxPooling1D;
import dev.tfjlabs.keras.layers.regularization.AlphaDropout;
import dev.tfjlabs.keras.layers.regularization.GaussianNoise;
import dev.tfjlabs.keras.layers.regularization.SpatialDropout1D;
import dev.tfjlabs.keras.layers.reshaping.Cropping1D;
import dev.tfjlabs.keras.layers.reshaping.Cropping2D;
import dev.tfjlabs.keras.layers.reshaping.Permute;
import dev.tfjlabs.keras.layers.reshaping.RepeatVector;
import dev.tfjlabs.keras.layers.reshaping.Reshape;
import dev.tfjlabs.keras.layers.reshaping.UpSampling1D;
import dev.tfjlabs.keras.layers.reshaping.UpSampling2D;
import dev.tfjlabs.keras.layers.reshaping.ZeroPadding1D;
import dev.tfjlabs.keras.layers.reshaping.ZeroPadding2D;
import dev.tfjlabs.keras.layers.rnn.TimeDistributed;
import dev.tfjlabs.keras.losses.MeanSquaredError;
import dev.tfjlabs.keras.models.Sequential;
import dev.tfjlabs.keras.optimizers.SGD;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * The pooling, reshaping, normalization, noise and wrapper layers, each between two Dense
 * layers ({@code Dense(tanh) -> Reshape -> layer -> Flatten -> Dense}): the layer's output
 * against a plain-Java double-precision loop over its equation, and one SGD step's change of
 * every weight against the central difference of the reference loss, so that the gradient
 * flows through the layer as its equation says.
 */
class LayerZooTest {
  private static final int B = 3;
  private static final int F = 2;

  /** A layer's reference: one sample's input (row-major, of the layer's input shape) to output. */
  interface Reference extends BiFunction<double[], List<float[]>, double[]> {}

  private static int size(int[] shape) {
    return java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b);
  }

  private static double[][] referenceOut(double[][] h, List<float[]> w, int layerWeights,
      Reference ref) {
    double[][] out = new double[h.length][];
    for (int n = 0; n < h.length; n++) {
      out[n] = ref.apply(h[n], w.subList(2, 2 + layerWeights));
    }
    return out;
  }

  /**
   * Checks {@code layer} on inputs of {@code shape}: forward (its own output) and the gradient
   * of every weight of {@code Dense(tanh) -> Reshape(shape) -> layer -> Flatten -> Dense(1)}.
   */
  static void check(Layer layer, int[] shape, int layerWeights, Reference ref) {
    FloatArray x = uniform(11, 1, B, F);
    FloatArray y = uniform(12, 1, B, 1);
    try (Sequential m = new Sequential("zoo", F).add(new Dense(size(shape), Activation.TANH))
        .add(new Reshape(shape, null)).add(layer).add(new Flatten()).add(new Dense(1))) {
      List<float[]> w = LayerForwardTest.randomize(m, 13);
      double[][] h = affine(matrix(x), w.get(0), w.get(1), size(shape));
      for (double[] row : h) {
        for (int i = 0; i < row.length; i++) {
          row[i] = Math.tanh(row[i]);
        }
      }
      assertClose(TestData.flat(referenceOut(h, w, layerWeights, ref)),
          m.layerOutput(2, x, B).values(), 1e-5);
      int outSize = size(layer.outputShape());
      GradientCheckTest.check(m, x, y, v -> {
        double[][] hv = affine(matrix(x), v.get(0), v.get(1), size(shape));
        for (double[] row : hv) {
          for (int i = 0; i < row.length; i++) {
            row[i] = Math.tanh(row[i]);
          }
        }
        double[][] o = affine(referenceOut(hv, v, layerWeights, ref), v.get(2 + layerWeights),
            v.get(3 + layerWeights), 1);
        double s = 0;
        for (int n = 0; n < B; n++) {
          s += Math.pow(o[n][0] - y.values()[n], 2);
        }
        assertEquals(outSize, referenceOut(hv, v, layerWeights, ref)[0].length);
        return s / B;
      });
    }
  }

  /** Windows of {@code pool} steps at {@code stride} over [steps][channels], max or mean. */
  private static Reference pool1d(int steps, int channels, int pool, int stride, boolean same,
      boolean max) {
    return (in, w) -> {
      int out = same ? (steps + stride - 1) / stride : (steps - pool) / stride + 1;
      int before = same ? Math.max((out - 1) * stride + pool - steps, 0) / 2 : 0;
      double[] y = new double[out * channels];
      for (int o = 0; o < out; o++) {
        for (int c = 0; c < channels; c++) {
          double acc = max ? Double.NEGATIVE_INFINITY : 0;
          int cells = 0;
          for (int j = 0; j < pool; j++) {
            int t = o * stride + j - before;
            if (t >= 0 && t < steps) {
              double v = in[t * channels + c];
              acc = max ? Math.max(acc, v) : acc + v;
              cells++;
            }
          }
          y[o * channels + c] = max ? acc : acc / cells;
        }
      }
      return y;
    };
  }

  @Test
  void poolingOverSteps() {
    check(new MaxPooling1D(new int[] {2}, new int[] {1}, "valid", null), new int[] {4, 2}, 0,
        pool1d(4, 2, 2, 1, false, true));
    check(new AveragePooling1D(new int[] {3}, new int[] {2}, "same", null), new int[] {5, 2}, 0,
        pool1d(5, 2, 3, 2, true, false));
    check(new GlobalAveragePooling1D(null), new int[] {3, 2}, 0, (in, w) ->
        new double[] {(in[0] + in[2] + in[4]) / 3, (in[1] + in[3] + in[5]) / 3});
    check(new GlobalMaxPooling1D(null), new int[] {3, 2}, 0, (in, w) ->
        new double[] {Math.max(in[0], Math.max(in[2], in[4])),
            Math.max(in[1], Math.max(in[3], in[5]))});
  }

  /** 2x2 windows at stride 2, "same", on 3x3x1: the border windows average their inside cells. */
  @Test
  void poolingOverPixels() {
    check(new AveragePooling2D(new int[] {2, 2}, null, "same", null), new int[] {3, 3, 1}, 0,
        (in, w) -> new double[] {
            (in[0] + in[1] + in[3] + in[4]) / 4, (in[2] + in[5]) / 2,
            (in[6] + in[7]) / 2, in[8]});
    check(new GlobalAveragePooling2D(true, false, null), new int[] {2, 2, 2}, 0, (in, w) ->
        new double[] {(in[0] + in[1] + in[2] + in[3]) / 4, (in[4] + in[5] + in[6] + in[7]) / 4});
    check(new GlobalMaxPooling2D(false, true, null), new int[] {2, 1, 2}, 0, (in, w) ->
        new double[] {Math.max(in[0], in[2]), Math.max(in[1], in[3])});
  }

  @Test
  void reshaping() {
    check(new Permute(new int[] {2, 1}, null), new int[] {2, 3}, 0, (in, w) ->
        new double[] {in[0], in[3], in[1], in[4], in[2], in[5]});
    check(new Reshape(new int[] {-1, 2}, null), new int[] {3, 2}, 0, (in, w) -> in.clone());
    check(new RepeatVector(3, null), new int[] {2}, 0, (in, w) ->
        new double[] {in[0], in[1], in[0], in[1], in[0], in[1]});
    check(new ZeroPadding1D(new int[][] {{1, 2}}, null), new int[] {2, 1}, 0, (in, w) ->
        new double[] {0, in[0], in[1], 0, 0});
    check(new Cropping1D(new int[][] {{1, 1}}, null), new int[] {4, 1}, 0, (in, w) ->
        new double[] {in[1], in[2]});
    check(new UpSampling1D(new int[][] {{2}}, null), new int[] {2, 2}, 0, (in, w) ->
        new double[] {in[0], in[1], in[0], in[1], in[2], in[3], in[2], in[3]});
    // [2][2][1] padded (top 1, bottom 0) x (left 0, right 1) -> [3][3][1]
    check(new ZeroPadding2D(new int[][] {{1, 0}, {0, 1}}, null), new int[] {2, 2, 1}, 0,
        (in, w) -> new double[] {0, 0, 0, in[0], in[1], 0, in[2], in[3], 0});
    check(new Cropping2D(new int[][] {{1, 0}, {0, 1}}, null), new int[] {2, 3, 1}, 0,
        (in, w) -> new double[] {in[3], in[4]});
    // rows twice, columns once: [2][1][2] -> [4][1][2]
    check(new UpSampling2D(new int[][] {{2}, {1}}, null), new int[] {2, 1, 2}, 0, (in, w) ->
        new double[] {in[0], in[1], in[0], in[1], in[2], in[3], in[2], in[3]});
  }

  /**
   * Bilinear up-sampling as TensorFlow's {@code tf.image.resize} computes it for Keras:
   * output o of an axis of n cells at factor f samples {@code s = (o + 0.5) / f - 0.5},
   * {@code (1 - l) x[max(floor(s), 0)] + l x[min(ceil(s), n - 1)]} with {@code l = s - floor(s)}.
   */
  @Test
  void bilinearUpSampling() {
    int h = 3;
    int w = 2;
    int c = 2;
    int fh = 2;
    int fw = 3;
    check(new UpSampling2D(new int[][] {{fh}, {fw}}, "bilinear", null), new int[] {h, w, c}, 0,
        (in, weights) -> {
          double[] y = new double[h * fh * w * fw * c];
          for (int i = 0; i < h * fh; i++) {
            double si = (i + 0.5) / fh - 0.5;
            int i0 = Math.max((int) Math.floor(si), 0);
            int i1 = Math.min((int) Math.ceil(si), h - 1);
            double li = si - Math.floor(si);
            for (int j = 0; j < w * fw; j++) {
              double sj = (j + 0.5) / fw - 0.5;
              int j0 = Math.max((int) Math.floor(sj), 0);
              int j1 = Math.min((int) Math.ceil(sj), w - 1);
              double lj = sj - Math.floor(sj);
              for (int k = 0; k < c; k++) {
                double top = (1 - lj) * in[(i0 * w + j0) * c + k] + lj * in[(i0 * w + j1) * c + k];
                double bottom = (1 - lj) * in[(i1 * w + j0) * c + k]
                    + lj * in[(i1 * w + j1) * c + k];
                y[(i * w * fw + j) * c + k] = (1 - li) * top + li * bottom;
              }
            }
          }
          return y;
        });
  }

  /**
   * Windows of {@code pool} at {@code stride} over [d][h][w][c], max or mean of the cells inside
   * the input ("same" pads half before, the odd one after).
   */
  private static Reference pool3d(int[] n, int c, int[] pool, int[] stride, boolean same,
      boolean max) {
    return (in, w) -> {
      int[] out = new int[3];
      int[] before = new int[3];
      for (int a = 0; a < 3; a++) {
        out[a] = same ? (n[a] + stride[a] - 1) / stride[a] : (n[a] - pool[a]) / stride[a] + 1;
        before[a] = same ? Math.max((out[a] - 1) * stride[a] + pool[a] - n[a], 0) / 2 : 0;
      }
      double[] y = new double[out[0] * out[1] * out[2] * c];
      for (int i = 0; i < out[0]; i++) {
        for (int j = 0; j < out[1]; j++) {
          for (int l = 0; l < out[2]; l++) {
            for (int k = 0; k < c; k++) {
              double acc = max ? Double.NEGATIVE_INFINITY : 0;
              int cells = 0;
              for (int u = 0; u < pool[0]; u++) {
                for (int v = 0; v < pool[1]; v++) {
                  for (int q = 0; q < pool[2]; q++) {
                    int[] at = {i * stride[0] + u - before[0], j * stride[1] + v - before[1],
                        l * stride[2] + q - before[2]};
                    if (at[0] >= 0 && at[0] < n[0] && at[1] >= 0 && at[1] < n[1] && at[2] >= 0
                        && at[2] < n[2]) {
                      double x = in[((at[0] * n[1] + at[1]) * n[2] + at[2]) * c + k];
                      acc = max ? Math.max(acc, x) : acc + x;
                      cells++;
                    }
                  }
                }
              }
              y[((i * out[1] + j) * out[2] + l) * c + k] = max ? acc : acc / cells;
            }
          }
        }
      }
      return y;
    };
  }

  @Test
  void poolingOverVoxels() {
    check(new dev.tfjlabs.keras.layers.pooling.MaxPooling3D(new int[] {2, 2, 1}, null, "valid",
        null), new int[] {2, 3, 2, 2}, 0, pool3d(new int[] {2, 3, 2}, 2, new int[] {2, 2, 1},
            new int[] {2, 2, 1}, false, true));
    check(new dev.tfjlabs.keras.layers.pooling.AveragePooling3D(new int[] {2, 2, 2},
        new int[] {1, 2, 1}, "same", null), new int[] {3, 3, 2, 1}, 0, pool3d(new int[] {3, 3, 2},
            1, new int[] {2, 2, 2}, new int[] {1, 2, 1}, true, false));
  }

  /**
   * The volume reshapings and global poolings on [d][h][w][c]: padding, cropping and repeating
   * each axis, and the max or mean over every voxel of a channel.
   */
  @Test
  void volumeReshapingAndGlobalPooling() {
    int[] n = {2, 3, 2};
    int c = 2;
    java.util.function.BiFunction<double[], int[], Double> at = (in, i) -> in[((i[0] * n[1]
        + i[1]) * n[2] + i[2]) * c + i[3]];
    // padding ((1, 0), (0, 1), (1, 1)): [3][4][4][c], zero outside
    check(new dev.tfjlabs.keras.layers.reshaping.ZeroPadding3D(new int[][] {{1, 0}, {0, 1},
        {1, 1}}, null), new int[] {2, 3, 2, c}, 0, (in, w) -> {
          double[] y = new double[3 * 4 * 4 * c];
          for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
              for (int l = 0; l < 4; l++) {
                for (int k = 0; k < c; k++) {
                  int[] src = {i - 1, j, l - 1, k};
                  boolean inside = src[0] >= 0 && src[0] < n[0] && src[1] < n[1] && src[2] >= 0
                      && src[2] < n[2];
                  y[((i * 4 + j) * 4 + l) * c + k] = inside ? at.apply(in, src) : 0;
                }
              }
            }
          }
          return y;
        });
    // cropping ((1, 0), (1, 1), (0, 1)): [1][1][1][c]
    check(new dev.tfjlabs.keras.layers.reshaping.Cropping3D(new int[][] {{1, 0}, {1, 1},
        {0, 1}}, null), new int[] {2, 3, 2, c}, 0, (in, w) -> new double[] {
            at.apply(in, new int[] {1, 1, 0, 0}), at.apply(in, new int[] {1, 1, 0, 1})});
    // size (1, 2, 3): [2][6][6][c], each cell repeated in place
    check(new dev.tfjlabs.keras.layers.reshaping.UpSampling3D(new int[][] {{1}, {2}, {3}}, null),
        new int[] {2, 3, 2, c}, 0, (in, w) -> {
          double[] y = new double[2 * 6 * 6 * c];
          for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 6; j++) {
              for (int l = 0; l < 6; l++) {
                for (int k = 0; k < c; k++) {
                  y[((i * 6 + j) * 6 + l) * c + k] = at.apply(in, new int[] {i, j / 2, l / 3, k});
                }
              }
            }
          }
          return y;
        });
    for (boolean mean : new boolean[] {false, true}) {
      check(mean ? new dev.tfjlabs.keras.layers.pooling.GlobalAveragePooling3D(false, false, null)
          : new dev.tfjlabs.keras.layers.pooling.GlobalMaxPooling3D(false, true, null),
          new int[] {2, 3, 2, c}, 0, (in, w) -> {
            double[] y = new double[c];
            for (int k = 0; k < c; k++) {
              double acc = mean ? 0 : Double.NEGATIVE_INFINITY;
              for (int v = 0; v < 12; v++) {
                acc = mean ? acc + in[v * c + k] : Math.max(acc, in[v * c + k]);
              }
              y[k] = mean ? acc / 12 : acc;
            }
            return y;
          });
    }
  }

  /** SpatialDropout3D drops whole channels of a sample, every voxel alike, scaling the rest. */
  @Test
  void spatialDropoutOverVoxels() {
    FloatArray x = uniform(23, 1, 32, 2, 2, 2, 4);
    try (Sequential m = new Sequential("noise3d", 2, 2, 2, 4)
        .add(new dev.tfjlabs.keras.layers.regularization.SpatialDropout3D(0.5, null))) {
      assertArrayEquals(x.values(), m.predict(x, 32).values());
      m.compile(new SGD(0.1), new MeanSquaredError());
      float[] y = m.call(x, true).values();
      int dropped = 0;
      for (int s = 0; s < 32; s++) {
        for (int k = 0; k < 4; k++) {
          boolean zero = y[s * 32 + k] == 0;
          dropped += zero ? 1 : 0;
          for (int v = 0; v < 8; v++) {
            int i = s * 32 + v * 4 + k;
            assertEquals(zero ? 0 : 2 * x.values()[i], y[i], 1e-6, "sample " + s + " channel " + k);
          }
        }
      }
      assertTrue(dropped > 32 && dropped < 96, "dropped " + dropped + " of 128 channels");
    }
  }

  /** y = (x - mean) / sqrt(var + 1e-3) * gamma + beta over each step's features. */
  @Test
  void layerNormalization() {
    check(new LayerNormalization(1e-3, true, true, null), new int[] {2, 3}, 2, (in, w) -> {
      double[] y = new double[in.length];
      for (int t = 0; t < 2; t++) {
        double mean = (in[3 * t] + in[3 * t + 1] + in[3 * t + 2]) / 3;
        double var = 0;
        for (int f = 0; f < 3; f++) {
          var += Math.pow(in[3 * t + f] - mean, 2) / 3;
        }
        for (int f = 0; f < 3; f++) {
          y[3 * t + f] = (in[3 * t + f] - mean) / Math.sqrt(var + 1e-3) * w.get(0)[f]
              + w.get(1)[f];
        }
      }
      return y;
    });
  }

  /** One Dense(2, tanh) on every one of 3 steps, one set of weights. */
  @Test
  void timeDistributedDense() {
    check(new TimeDistributed(new Dense(2, Activation.TANH), null), new int[] {3, 2}, 2,
        (in, w) -> {
          double[] y = new double[6];
          for (int t = 0; t < 3; t++) {
            double[][] step = affine(new double[][] {{in[2 * t], in[2 * t + 1]}}, w.get(0),
                w.get(1), 2);
            y[2 * t] = Math.tanh(step[0][0]);
            y[2 * t + 1] = Math.tanh(step[0][1]);
          }
          return y;
        });
  }

  /**
   * Noise layers: the identity at inference; in training, SpatialDropout1D drops whole channels
   * (every step of a sample's channel alike) and scales the rest by 1 / (1 - rate), and
   * GaussianNoise adds draws of the given standard deviation.
   */
  @Test
  void noiseLayersActOnlyInTraining() {
    FloatArray x = uniform(21, 1, 64, 8, 4);
    try (Sequential m = new Sequential("noise", 8, 4).add(new SpatialDropout1D(0.5, null))) {
      assertArrayEquals(x.values(), m.predict(x, 64).values());
      m.compile(new SGD(0.1), new MeanSquaredError());
      float[] y = m.call(x, true).values();
      int dropped = 0;
      for (int n = 0; n < 64; n++) {
        for (int c = 0; c < 4; c++) {
          boolean zero = y[(n * 8) * 4 + c] == 0;
          dropped += zero ? 1 : 0;
          for (int t = 0; t < 8; t++) {
            int i = (n * 8 + t) * 4 + c;
            assertEquals(zero ? 0 : 2 * x.values()[i], y[i], 1e-6, "sample " + n + " channel " + c);
          }
        }
      }
      assertTrue(dropped > 64 && dropped < 192, "dropped " + dropped + " of 256 channels");
    }
    try (Sequential m = new Sequential("gauss", 8, 4).add(new GaussianNoise(0.3, null))) {
      assertArrayEquals(x.values(), m.predict(x, 64).values());
      m.compile(new SGD(0.1), new MeanSquaredError());
      float[] y = m.call(x, true).values();
      double sum = 0;
      double squares = 0;
      for (int i = 0; i < y.length; i++) {
        double d = y[i] - x.values()[i];
        sum += d;
        squares += d * d;
      }
      double mean = sum / y.length;
      assertEquals(0, mean, 0.05);
      assertEquals(0.3, Math.sqrt(squares / y.length - mean * mean), 0.03);
    }
  }

  /**
   * AlphaDropout in training: each value kept as a x + b or dropped to a alpha' + b, with the
   * paper's a = (q + alpha'^2 q (1 - q))^(-1/2), b = -a (1 - q) alpha' for the keep probability
   * q; about rate of them dropped, and standard normal inputs keep mean 0 and variance 1.
   */
  @Test
  void alphaDropoutKeepsMeanAndVariance() {
    java.util.Random r = new java.util.Random(5);
    float[] v = new float[64 * 8 * 4];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) r.nextGaussian();
    }
    FloatArray x = new FloatArray(v, 64, 8, 4);
    double q = 0.7;
    double alphaPrime = -1.0507009873554805 * 1.6732632423543772;
    double a = 1 / Math.sqrt(q + alphaPrime * alphaPrime * q * (1 - q));
    double b = -a * (1 - q) * alphaPrime;
    try (Sequential m = new Sequential("alpha", 8, 4).add(new AlphaDropout(1 - q, null))) {
      assertArrayEquals(x.values(), m.predict(x, 64).values());
      m.compile(new SGD(0.1), new MeanSquaredError());
      float[] y = m.call(x, true).values();
      int dropped = 0;
      double sum = 0;
      double squares = 0;
      for (int i = 0; i < y.length; i++) {
        boolean drop = Math.abs(y[i] - (a * alphaPrime + b)) < 1e-5;
        dropped += drop ? 1 : 0;
        if (!drop) {
          assertEquals(a * v[i] + b, y[i], 1e-5, "value " + i);
        }
        sum += y[i];
        squares += y[i] * y[i];
      }
      assertEquals(0.3, dropped / (double) y.length, 0.04);
      double mean = sum / y.length;
      assertEquals(0, mean, 0.1);
      assertEquals(1, squares / y.length - mean * mean, 0.1);
    }
  }

  @Test
  void badArgumentsAreRefusedInOneLine() {
    assertThrows(IllegalArgumentException.class, () -> new Reshape(new int[] {-1, -1}, null));
    var e = assertThrows(IllegalArgumentException.class, () ->
        new Sequential("r", 3, 2).add(new Reshape(new int[] {4}, "r4")));
    assertTrue(e.getMessage().contains("r4") && e.getMessage().contains("6 values"),
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Permute(new int[] {1, 3}, null));
    e = assertThrows(IllegalArgumentException.class, () ->
        new Sequential("c", 2, 1).add(new Cropping1D(new int[][] {{1, 1}}, "crop")));
    assertTrue(e.getMessage().contains("crop"), e.getMessage());
  }

  /** TimeDistributed's weights go to and come from a .keras file where Keras nests them. */
  @Test
  void timeDistributedSavesItsLayersWeightsWhereKerasDoes(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path tmp) throws Exception {
    FloatArray x = uniform(31, 1, 2, 3, 2);
    java.nio.file.Path file = tmp.resolve("td.keras");
    float[] before;
    try (Sequential m = new Sequential("td", 3, 2)
        .add(new TimeDistributed(new Dense(4, Activation.RELU), null))) {
      before = m.predict(x, 2).values();
      dev.tfjlabs.keras.saving.KerasFile.save(m, file);
    }
    try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile());
        io.jhdf.HdfFile h5 = io.jhdf.HdfFile.fromBytes(zip.getInputStream(
            zip.getEntry("model.weights.h5")).readAllBytes())) {
      assertArrayEquals(new int[] {2, 4}, ((io.jhdf.api.Dataset) h5.getByPath(
          "layers/time_distributed/layer/vars/0")).getDimensions());
    }
    try (var back = dev.tfjlabs.keras.saving.KerasFile.load(file)) {
      assertArrayEquals(before, back.predict(x, 2).values());
    }
  }
}
