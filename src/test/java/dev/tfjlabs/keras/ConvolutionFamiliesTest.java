package dev.tfjlabs.keras;

import static dev.tfjlabs.keras.TestData.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tfjlabs.keras.data.FloatArray;
import dev.tfjlabs.keras.layers.Activation;
import dev.tfjlabs.keras.layers.Dense;
import dev.tfjlabs.keras.layers.Flatten;
import dev.tfjlabs.keras.layers.convolutional.Conv1DTranspose;
import dev.tfjlabs.keras.layers.convolutional.Conv2DTranspose;
import dev.tfjlabs.keras.layers.convolutional.Conv3D;
import dev.tfjlabs.keras.layers.convolutional.DepthwiseConv1D;
import dev.tfjlabs.keras.layers.convolutional.DepthwiseConv2D;
import dev.tfjlabs.keras.layers.convolutional.SeparableConv1D;
import dev.tfjlabs.keras.layers.convolutional.SeparableConv2D;
import dev.tfjlabs.keras.models.Sequential;
import dev.tfjlabs.keras.saving.KerasFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transposed, depthwise and separable convolutions against plain-Java double-precision
 * loops over their equations ({@link LayerZooTest#check}: the layer's output and one SGD step's
 * change of every weight, against the central difference of the reference loss). The
 * transposed convolution's reference scatters every input cell into the output as Keras's own
 * test does ({@code np_conv2d_transpose} in
 * {@code keras/src/layers/convolutional/conv_transpose_test.py}), which the layer computes as a
 * correlation instead.
 */
class ConvolutionFamiliesTest {

  /**
   * Keras's transposed convolution of one sample x [h][w][c] (row-major, channels last): kernel
   * [kh][kw][f][c], bias [f] or null; {@code op} the output padding or null.
   */
  static double[] convTranspose(double[] x, int h, int w, int c, float[] k, float[] b, int kh,
      int kw, int f, int[] s, int[] d, boolean same, int[] op) {
    int[] n = {h, w};
    int[] kn = {kh, kw};
    int[] out = new int[2];
    int[] cut = new int[2];
    for (int a = 0; a < 2; a++) {
      int span = (kn[a] - 1) * d[a] + 1;
      if (!same) {
        out[a] = (n[a] - 1) * s[a] + span + (op == null ? Math.max(span, s[a]) - span : op[a]);
        cut[a] = 0;
      } else {
        out[a] = op == null ? n[a] * s[a] : (n[a] - 1) * s[a] + span % 2 + op[a];
        int total = op == null ? s[a] + span - 2 : span + span % 2 - 2 + op[a];
        cut[a] = span - 1 - Math.min(total / 2 + total % 2, span - 1);
      }
    }
    int fullH = (h - 1) * s[0] + (kh - 1) * d[0] + 1 + out[0];
    int fullW = (w - 1) * s[1] + (kw - 1) * d[1] + 1 + out[1];
    double[][][] full = new double[fullH][fullW][f];
    for (int i = 0; i < h; i++) {
      for (int j = 0; j < w; j++) {
        for (int u = 0; u < kh; u++) {
          for (int v = 0; v < kw; v++) {
            for (int o = 0; o < f; o++) {
              for (int ch = 0; ch < c; ch++) {
                full[i * s[0] + u * d[0]][j * s[1] + v * d[1]][o] +=
                    k[((u * kw + v) * f + o) * c + ch] * x[(i * w + j) * c + ch];
              }
            }
          }
        }
      }
    }
    double[] y = new double[out[0] * out[1] * f];
    for (int i = 0; i < out[0]; i++) {
      for (int j = 0; j < out[1]; j++) {
        for (int o = 0; o < f; o++) {
          y[(i * out[1] + j) * f + o] = full[i + cut[0]][j + cut[1]][o] + (b == null ? 0 : b[o]);
        }
      }
    }
    return y;
  }

  /**
   * The depthwise convolution of one sample x [h][w][c]: kernel [kh][kw][c][m], zero padding
   * (half before, the odd one after, for "same"), output channel {@code ch m + j}.
   */
  static double[] depthwise(double[] x, int h, int w, int c, float[] k, int kh, int kw, int m,
      int[] s, int[] d, boolean same) {
    int[] n = {h, w};
    int[] kn = {kh, kw};
    int[] out = new int[2];
    int[] before = new int[2];
    for (int a = 0; a < 2; a++) {
      int span = (kn[a] - 1) * d[a] + 1;
      out[a] = same ? (n[a] + s[a] - 1) / s[a] : (n[a] - span) / s[a] + 1;
      before[a] = same ? Math.max((out[a] - 1) * s[a] + span - n[a], 0) / 2 : 0;
    }
    double[] y = new double[out[0] * out[1] * c * m];
    for (int i = 0; i < out[0]; i++) {
      for (int j = 0; j < out[1]; j++) {
        for (int ch = 0; ch < c; ch++) {
          for (int q = 0; q < m; q++) {
            double acc = 0;
            for (int u = 0; u < kh; u++) {
              for (int v = 0; v < kw; v++) {
                int r = i * s[0] + u * d[0] - before[0];
                int col = j * s[1] + v * d[1] - before[1];
                if (r >= 0 && r < h && col >= 0 && col < w) {
                  acc += k[((u * kw + v) * c + ch) * m + q] * x[(r * w + col) * c + ch];
                }
              }
            }
            y[((i * out[1] + j) * c + ch) * m + q] = acc;
          }
        }
      }
    }
    return y;
  }

  /** y [cells][in] times P [in][f] plus b [f]. */
  static double[] pointwise(double[] y, int in, float[] p, int f, float[] b) {
    int cells = y.length / in;
    double[] out = new double[cells * f];
    for (int q = 0; q < cells; q++) {
      for (int o = 0; o < f; o++) {
        double acc = b == null ? 0 : b[o];
        for (int i = 0; i < in; i++) {
          acc += y[q * in + i] * p[i * f + o];
        }
        out[q * f + o] = acc;
      }
    }
    return out;
  }

  /** Plus a bias per channel (the last axis). */
  static double[] plus(double[] y, float[] b) {
    double[] out = y.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] += b[i % b.length];
    }
    return out;
  }

  /** [c][t] to [t][c]. */
  static double[] channelsLast(double[] x, int c, int t) {
    double[] out = new double[x.length];
    for (int i = 0; i < c; i++) {
      for (int j = 0; j < t; j++) {
        out[j * c + i] = x[i * t + j];
      }
    }
    return out;
  }

  @Test
  void conv2dTransposeStridedSameAsTensorFlowComputesIt() {
    LayerZooTest.check(Conv2DTranspose.builder(2, 3, 3).strides(2, 2).padding("same").build(),
        new int[] {2, 3, 2}, 2, (in, w) -> convTranspose(in, 2, 3, 2, w.get(0), w.get(1), 3, 3, 2,
            new int[] {2, 2}, new int[] {1, 1}, true, null));
    LayerZooTest.check(Conv2DTranspose.builder(1, 2, 3).strides(3, 2).build(),
        new int[] {2, 2, 2}, 2, (in, w) -> convTranspose(in, 2, 2, 2, w.get(0), w.get(1), 2, 3, 1,
            new int[] {3, 2}, new int[] {1, 1}, false, null));
  }

  @Test
  void conv2dTransposeWithOutputPaddingOrDilation() {
    LayerZooTest.check(Conv2DTranspose.builder(2, 2, 3).strides(2, 3).outputPadding(1, 2)
        .build(), new int[] {2, 2, 1}, 2, (in, w) -> convTranspose(in, 2, 2, 1, w.get(0),
            w.get(1), 2, 3, 2, new int[] {2, 3}, new int[] {1, 1}, false, new int[] {1, 2}));
    LayerZooTest.check(Conv2DTranspose.builder(2, 2, 2).strides(2, 2).padding("same")
        .outputPadding(0, 1).useBias(false).build(), new int[] {2, 2, 2}, 1, (in, w) ->
            convTranspose(in, 2, 2, 2, w.get(0), null, 2, 2, 2, new int[] {2, 2},
                new int[] {1, 1}, true, new int[] {0, 1}));
    LayerZooTest.check(Conv2DTranspose.builder(1, 2, 3).dilationRate(2, 1).padding("same")
        .activation(Activation.TANH).build(), new int[] {3, 2, 2}, 2, (in, w) -> tanh(
            convTranspose(in, 3, 2, 2, w.get(0), w.get(1), 2, 3, 1, new int[] {1, 1},
                new int[] {2, 1}, true, null)));
  }

  private static double[] tanh(double[] y) {
    double[] out = y.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] = Math.tanh(out[i]);
    }
    return out;
  }

  @Test
  void conv1dTransposeBothPathsAndChannelsFirst() {
    LayerZooTest.check(Conv1DTranspose.builder(2, 3).strides(2).build(), new int[] {3, 2}, 2,
        (in, w) -> convTranspose(in, 1, 3, 2, w.get(0), w.get(1), 1, 3, 2, new int[] {1, 2},
            new int[] {1, 1}, false, null));
    LayerZooTest.check(Conv1DTranspose.builder(2, 3).strides(3).padding("same").outputPadding(1)
        .build(), new int[] {3, 2}, 2, (in, w) -> convTranspose(in, 1, 3, 2, w.get(0), w.get(1),
            1, 3, 2, new int[] {1, 3}, new int[] {1, 1}, true, new int[] {0, 1}));
    // channels_first: the reference on the transposed input, its output transposed back
    LayerZooTest.check(Conv1DTranspose.builder(2, 2).strides(2).dataFormat("channels_first")
        .build(), new int[] {3, 4}, 2, (in, w) -> {
          double[] y = convTranspose(channelsLast(in, 3, 4), 1, 4, 3, w.get(0), w.get(1), 1, 2, 2,
              new int[] {1, 2}, new int[] {1, 1}, false, null);
          return channelsLast(y, 8, 2);
        });
  }

  @Test
  void depthwiseConvolutions() {
    LayerZooTest.check(DepthwiseConv2D.builder(3, 3).depthMultiplier(2).strides(2, 2)
        .padding("same").build(), new int[] {3, 4, 2}, 2, (in, w) -> plus(depthwise(in, 3, 4, 2,
            w.get(0), 3, 3, 2, new int[] {2, 2}, new int[] {1, 1}, true), w.get(1)));
    LayerZooTest.check(DepthwiseConv2D.builder(2, 2).dilationRate(2, 1).useBias(false).build(),
        new int[] {3, 3, 2}, 1, (in, w) -> depthwise(in, 3, 3, 2, w.get(0), 2, 2, 1,
            new int[] {1, 1}, new int[] {2, 1}, false));
    LayerZooTest.check(DepthwiseConv1D.builder(3).depthMultiplier(2).padding("same").build(),
        new int[] {4, 2}, 2, (in, w) -> plus(depthwise(in, 1, 4, 2, w.get(0), 1, 3, 2,
            new int[] {1, 1}, new int[] {1, 1}, true), w.get(1)));
  }

  @Test
  void separableConvolutions() {
    LayerZooTest.check(SeparableConv2D.builder(3, 3, 3).depthMultiplier(2).padding("same")
        .build(), new int[] {3, 3, 2}, 3, (in, w) -> pointwise(depthwise(in, 3, 3, 2, w.get(0),
            3, 3, 2, new int[] {1, 1}, new int[] {1, 1}, true), 4, w.get(1), 3, w.get(2)));
    LayerZooTest.check(SeparableConv1D.builder(2, 2).strides(2).dataFormat("channels_first")
        .build(), new int[] {2, 5}, 3, (in, w) -> {
          double[] y = pointwise(depthwise(channelsLast(in, 2, 5), 1, 5, 2, w.get(0), 1, 2, 1,
              new int[] {1, 2}, new int[] {1, 1}, false), 2, w.get(1), 2, w.get(2));
          return channelsLast(y, 2, 2);
        });
  }

  /**
   * Conv3D of one sample x [d][h][w][c]: kernel [kd][kh][kw][c / groups][f], strides s,
   * dilation dl, zero padding (half before, the odd one after, for "same"); filter o sees the
   * channels of its group.
   */
  static double[] conv3d(double[] x, int[] n, int c, float[] k, float[] b, int[] kn, int f,
      int[] s, boolean same) {
    return conv3d(x, n, c, k, b, kn, f, s, new int[] {1, 1, 1}, 1, same);
  }

  static double[] conv3d(double[] x, int[] n, int c, float[] k, float[] b, int[] kn, int f,
      int[] s, int[] dl, int groups, boolean same) {
    int[] out = new int[3];
    int[] before = new int[3];
    for (int a = 0; a < 3; a++) {
      int span = (kn[a] - 1) * dl[a] + 1;
      out[a] = same ? (n[a] + s[a] - 1) / s[a] : (n[a] - span) / s[a] + 1;
      before[a] = same ? Math.max((out[a] - 1) * s[a] + span - n[a], 0) / 2 : 0;
    }
    int cg = c / groups;
    double[] y = new double[out[0] * out[1] * out[2] * f];
    for (int i = 0; i < out[0]; i++) {
      for (int j = 0; j < out[1]; j++) {
        for (int l = 0; l < out[2]; l++) {
          for (int o = 0; o < f; o++) {
            double acc = b[o];
            for (int u = 0; u < kn[0]; u++) {
              for (int v = 0; v < kn[1]; v++) {
                for (int q = 0; q < kn[2]; q++) {
                  int[] at = {i * s[0] + u * dl[0] - before[0], j * s[1] + v * dl[1] - before[1],
                      l * s[2] + q * dl[2] - before[2]};
                  if (at[0] < 0 || at[0] >= n[0] || at[1] < 0 || at[1] >= n[1] || at[2] < 0
                      || at[2] >= n[2]) {
                    continue;
                  }
                  int group = o / (f / groups);
                  for (int ch = 0; ch < cg; ch++) {
                    acc += k[((((u * kn[1] + v) * kn[2] + q) * cg + ch) * f) + o]
                        * x[((at[0] * n[1] + at[1]) * n[2] + at[2]) * c + group * cg + ch];
                  }
                }
              }
            }
            y[((i * out[1] + j) * out[2] + l) * f + o] = acc;
          }
        }
      }
    }
    return y;
  }

  @Test
  void conv3dWithItsRegisteredGradient() {
    LayerZooTest.check(new Conv3D(2, new int[] {2, 2, 2}, new int[] {1, 2, 1}, "same",
        "channels_last", Activation.LINEAR, true,
        dev.tfjlabs.keras.initializers.Initializers.glorotUniform(),
        dev.tfjlabs.keras.initializers.Initializers.zeros(), null), new int[] {3, 3, 2, 2}, 2,
        (in, w) -> conv3d(in, new int[] {3, 3, 2}, 2, w.get(0), w.get(1), new int[] {2, 2, 2}, 2,
            new int[] {1, 2, 1}, true));
    LayerZooTest.check(new Conv3D(1, 2, 1, 2), new int[] {3, 2, 3, 1}, 2, (in, w) ->
        conv3d(in, new int[] {3, 2, 3}, 1, w.get(0), w.get(1), new int[] {2, 1, 2}, 1,
            new int[] {1, 1, 1}, false));
    // dilation (2, 1, 2) with "same", and 2 groups of 2 channels for 2 filters
    LayerZooTest.check(new Conv3D(2, new int[] {2, 2, 2}, new int[] {1, 1, 1},
        new int[] {2, 1, 2}, 2, "same", "channels_last", Activation.LINEAR, true,
        dev.tfjlabs.keras.initializers.Initializers.glorotUniform(),
        dev.tfjlabs.keras.initializers.Initializers.zeros(), null), new int[] {3, 2, 3, 4}, 2,
        (in, w) -> conv3d(in, new int[] {3, 2, 3}, 4, w.get(0), w.get(1), new int[] {2, 2, 2}, 2,
            new int[] {1, 1, 1}, new int[] {2, 1, 2}, 2, true));
  }

  @Test
  void badSettingsAreRefusedInOneLine() {
    var e = assertThrows(IllegalArgumentException.class, () -> Conv2DTranspose.builder(1, 3, 3)
        .strides(2, 2).outputPadding(2, 0).build());
    assertTrue(e.getMessage().contains("output_padding"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> DepthwiseConv2D.builder(3, 3)
        .strides(2, 2).dilationRate(2, 2).build());
    assertTrue(e.getMessage().contains("dilation_rate"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new Sequential("s", 2, 2, 1)
        .add(SeparableConv2D.builder(1, 3, 3).name("sep").build()));
    assertTrue(e.getMessage().contains("sep") && !e.getMessage().contains("\n"),
        e.getMessage());
  }

  /** A model of every family trains, saves as .keras and loads back predicting the same. */
  @Test
  void everyFamilyTrainsAndReloads(@TempDir Path tmp) throws Exception {
    FloatArray x = uniform(41, 1, 8, 4, 4, 2);
    FloatArray y = uniform(42, 1, 8, 1);
    Path file = tmp.resolve("families.keras");
    float[] before;
    int layers;
    try (Sequential m = new Sequential("families", 4, 4, 2)
        .add(DepthwiseConv2D.builder(3, 3).depthMultiplier(2).padding("same").build())
        .add(SeparableConv2D.builder(3, 3, 3).strides(2, 2).padding("same").build())
        .add(Conv2DTranspose.builder(2, 3, 3).strides(2, 2).outputPadding(1, 1).build())
        .add(new dev.tfjlabs.keras.layers.reshaping.Reshape(new int[] {-1, 2}, null))
        .add(Conv1DTranspose.builder(2, 2).build()).add(DepthwiseConv1D.builder(2).build())
        .add(SeparableConv1D.builder(2, 2).build()).add(new Flatten()).add(new Dense(1))) {
      assertArrayEquals(new int[] {6, 6, 2}, m.layers().get(2).outputShape());
      layers = m.layers().size();
      m.compile(new dev.tfjlabs.keras.optimizers.Adam(0.01),
          new dev.tfjlabs.keras.losses.MeanSquaredError());
      var h = m.fit(x, y, dev.tfjlabs.keras.models.FitOptions.defaults().batchSize(4).epochs(5)
          .verbose(false));
      var loss = h.history().get("loss");
      assertTrue(loss.get(loss.size() - 1) < loss.get(0), loss.toString());
      before = m.predict(x, 4).values();
      KerasFile.save(m, file);
    }
    try (var back = KerasFile.load(file)) {
      assertEquals(layers, back.layers().size());
      assertArrayEquals(before, back.predict(x, 4).values());
    }
  }
}
