package dev.tfjlabs.keras.layers;

import static dev.tfjlabs.keras.TestData.assertClose;
import static dev.tfjlabs.keras.TestData.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tfjlabs.keras.data.FloatArray;
import dev.tfjlabs.keras.layers.merging.Add;
import dev.tfjlabs.keras.layers.merging.Average;
import dev.tfjlabs.keras.layers.merging.Concatenate;
import dev.tfjlabs.keras.layers.merging.Dot;
import dev.tfjlabs.keras.layers.merging.Maximum;
import dev.tfjlabs.keras.layers.merging.Minimum;
import dev.tfjlabs.keras.layers.merging.Multiply;
import dev.tfjlabs.keras.layers.merging.Subtract;
import dev.tfjlabs.keras.models.Model;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The merge layers against plain-Java double-precision loops over the same samples: the
 * element-wise ones (with Keras's broadcasting of size-1 dimensions), Concatenate on either axis,
 * Dot on vectors and matrices (with and without normalize).
 */
class MergingLayersTest {
  private static final int N = 3;

  /** Runs {@code layer} on inputs of these sample shapes; returns its output for seeded data. */
  private static float[] run(Layer layer, List<FloatArray> data) {
    List<KerasTensor> inputs = new ArrayList<>();
    for (FloatArray a : data) {
      inputs.add(Input.of(a.sampleShape()));
    }
    KerasTensor out = layer.applyAll(inputs).get(0);
    try (Model m = new Model(inputs, List.of(out), "merge")) {
      return m.predict(data, 2).get(0).values();
    }
  }

  private static double[] fold(List<FloatArray> data, DoubleBinaryOperator op) {
    double[] acc = new double[data.get(0).values().length];
    for (int i = 0; i < acc.length; i++) {
      acc[i] = data.get(0).values()[i];
      for (FloatArray a : data.subList(1, data.size())) {
        acc[i] = op.applyAsDouble(acc[i], a.values()[i]);
      }
    }
    return acc;
  }

  @Test
  void elementWiseMergesComputeTheirEquations() {
    List<FloatArray> three = List.of(uniform(1, 1, N, 2, 3), uniform(2, 1, N, 2, 3),
        uniform(3, 1, N, 2, 3));
    assertClose(fold(three, Double::sum), run(new Add(null), three), 1e-6);
    assertClose(fold(three, (a, b) -> a * b), run(new Multiply(null), three), 1e-6);
    assertClose(fold(three, Math::max), run(new Maximum(null), three), 0);
    assertClose(fold(three, Math::min), run(new Minimum(null), three), 0);
    double[] mean = fold(three, Double::sum);
    for (int i = 0; i < mean.length; i++) {
      mean[i] /= 3;
    }
    assertClose(mean, run(new Average(null), three), 1e-6);
    assertClose(fold(three.subList(0, 2), (a, b) -> a - b), run(new Subtract(null),
        three.subList(0, 2)), 1e-6);
    var e = assertThrows(IllegalArgumentException.class, () -> run(new Subtract("minus"), three));
    assertTrue(e.getMessage().contains("exactly 2") && e.getMessage().contains("minus"),
        e.getMessage());
  }

  @Test
  void aDimensionOfOneBroadcasts() {
    FloatArray full = uniform(4, 1, N, 2, 3);
    FloatArray row = uniform(5, 1, N, 1, 3);
    double[] expected = new double[N * 6];
    for (int n = 0; n < N; n++) {
      for (int r = 0; r < 2; r++) {
        for (int c = 0; c < 3; c++) {
          expected[n * 6 + r * 3 + c] = full.values()[n * 6 + r * 3 + c]
              * (double) row.values()[n * 3 + c];
        }
      }
    }
    assertClose(expected, run(new Multiply(null), List.of(full, row)), 1e-6);
  }

  @Test
  void concatenateJoinsAlongItsAxis() {
    FloatArray a = uniform(6, 1, N, 2, 3);
    FloatArray b = uniform(7, 1, N, 4, 3);
    FloatArray c = uniform(8, 1, N, 2, 1);
    double[] rows = new double[N * 6 * 3];
    double[] cols = new double[N * 2 * 4];
    for (int n = 0; n < N; n++) {
      for (int r = 0; r < 6; r++) {
        for (int k = 0; k < 3; k++) {
          rows[(n * 6 + r) * 3 + k] = r < 2 ? a.values()[(n * 2 + r) * 3 + k]
              : b.values()[(n * 4 + r - 2) * 3 + k];
        }
      }
      for (int r = 0; r < 2; r++) {
        for (int k = 0; k < 4; k++) {
          cols[(n * 2 + r) * 4 + k] = k < 3 ? a.values()[(n * 2 + r) * 3 + k]
              : c.values()[n * 2 + r];
        }
      }
    }
    assertClose(rows, run(new Concatenate(1, null), List.of(a, b)), 0);
    assertClose(cols, run(new Concatenate(null), List.of(a, c)), 0);
    var e = assertThrows(IllegalArgumentException.class,
        () -> run(new Concatenate("join"), List.of(a, b)));
    assertTrue(e.getMessage().contains("join") && e.getMessage().contains("[2, 3]"),
        e.getMessage());
  }

  @Test
  void dotContractsOneAxisOfEachSample() {
    FloatArray u = uniform(9, 1, N, 4);
    FloatArray v = uniform(10, 1, N, 4);
    double[] dots = new double[N];
    double[] cosines = new double[N];
    for (int n = 0; n < N; n++) {
      double s = 0;
      double nu = 0;
      double nv = 0;
      for (int i = 0; i < 4; i++) {
        s += (double) u.values()[n * 4 + i] * v.values()[n * 4 + i];
        nu += Math.pow(u.values()[n * 4 + i], 2);
        nv += Math.pow(v.values()[n * 4 + i], 2);
      }
      dots[n] = s;
      cosines[n] = s / Math.sqrt(nu * nv);
    }
    Dot plain = new Dot(new int[] {1}, false, null);
    assertClose(dots, run(plain, List.of(u, v)), 1e-6);
    assertArrayEquals(new int[] {1}, plain.outputShape());
    assertClose(cosines, run(new Dot(new int[] {-1}, true, null), List.of(u, v)), 1e-6);

    // (2, 3) . (4, 3) along axes (2, 2): out[n][i][j] = sum_k x[n][i][k] y[n][j][k]
    FloatArray x = uniform(11, 1, N, 2, 3);
    FloatArray y = uniform(12, 1, N, 4, 3);
    double[] expected = new double[N * 2 * 4];
    for (int n = 0; n < N; n++) {
      for (int i = 0; i < 2; i++) {
        for (int j = 0; j < 4; j++) {
          for (int k = 0; k < 3; k++) {
            expected[(n * 2 + i) * 4 + j] += (double) x.values()[(n * 2 + i) * 3 + k]
                * y.values()[(n * 4 + j) * 3 + k];
          }
        }
      }
    }
    Dot matrices = new Dot(new int[] {2, 2}, false, null);
    assertClose(expected, run(matrices, List.of(x, y)), 1e-6);
    assertArrayEquals(new int[] {2, 4}, matrices.outputShape());
    var e = assertThrows(IllegalArgumentException.class,
        () -> run(new Dot(new int[] {1, 1}, false, "dot9"), List.of(x, y)));
    assertTrue(e.getMessage().contains("dot9") && e.getMessage().contains("along axis"),
        e.getMessage());
  }
}
