package dev.tfjlabs.keras;

import dev.tfjlabs.keras.data.FloatArray;
import java.util.Random;

/** Small seeded inputs and conversions for the layer tests. */
public final class TestData {
  private TestData() {}

  public static FloatArray uniform(long seed, double scale, int... shape) {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    Random r = new Random(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) ((2 * r.nextDouble() - 1) * scale);
    }
    return new FloatArray(v, shape);
  }

  public static double[][][] seq(FloatArray a) {
    int[] s = a.shape();
    double[][][] out = new double[s[0]][s[1]][s[2]];
    for (int n = 0; n < s[0]; n++) {
      for (int t = 0; t < s[1]; t++) {
        for (int f = 0; f < s[2]; f++) {
          out[n][t][f] = a.values()[(n * s[1] + t) * s[2] + f];
        }
      }
    }
    return out;
  }

  public static double[][] matrix(FloatArray a) {
    int cols = a.rowSize();
    double[][] out = new double[a.rows()][cols];
    for (int n = 0; n < a.rows(); n++) {
      for (int j = 0; j < cols; j++) {
        out[n][j] = a.values()[n * cols + j];
      }
    }
    return out;
  }

  public static double[] flat(double[][][] x) {
    return java.util.Arrays.stream(x).flatMap(java.util.Arrays::stream)
        .flatMapToDouble(java.util.Arrays::stream).toArray();
  }

  public static double[] flat(double[][] x) {
    return java.util.Arrays.stream(x).flatMapToDouble(java.util.Arrays::stream).toArray();
  }

  public static void assertClose(double[] expected, float[] actual, double tol) {
    org.junit.jupiter.api.Assertions.assertEquals(expected.length, actual.length, "length");
    for (int i = 0; i < expected.length; i++) {
      double err = Math.abs(expected[i] - actual[i]);
      if (err > tol * (1 + Math.abs(expected[i]))) {
        org.junit.jupiter.api.Assertions.fail("value " + i + ": expected " + expected[i]
            + ", got " + actual[i] + " (error " + err + ", tolerance " + tol + ")");
      }
    }
  }
}
