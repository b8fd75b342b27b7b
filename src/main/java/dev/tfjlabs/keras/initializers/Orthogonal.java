package dev.tfjlabs.keras.initializers;

import java.util.Random;

/**
 * Keras's {@code Orthogonal(gain)} initializer: flatten the shape to a matrix of
 * {@code rows = prod(shape[:-1])} by {@code cols = shape[-1]}, draw it from N(0, 1), take the QR
 * decomposition of the taller orientation, make it unique by multiplying Q's columns by
 * {@code sign(diag(R))}, transpose back when {@code rows < cols}, and scale by {@code gain}.
 * Wide matrices (an LSTM's recurrent kernel [16, 64]) thus get orthonormal rows.
 */
public final class Orthogonal implements Initializer {
  private final double gain;

  public Orthogonal(double gain) {
    this.gain = gain;
  }

  @Override
  public float[] generate(int[] shape, Random rng) {
    int cols = shape[shape.length - 1];
    int rows = Initializer.size(shape) / cols;
    int m = Math.max(rows, cols);
    int n = Math.min(rows, cols);
    // a[i][j] for an m x n matrix, drawn in row-major order of the flattened (rows, cols) shape
    double[][] a = new double[m][n];
    double[][] drawn = new double[rows][cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        drawn[i][j] = rng.nextGaussian();
      }
    }
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        a[i][j] = rows >= cols ? drawn[i][j] : drawn[j][i];
      }
    }
    double[][] q = gramSchmidt(a, m, n);
    float[] out = new float[rows * cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        double v = rows >= cols ? q[i][j] : q[j][i];
        out[i * cols + j] = (float) (gain * v);
      }
    }
    return out;
  }

  /**
   * Modified Gram-Schmidt on the columns of {@code a} (m x n, m >= n): Q with orthonormal
   * columns and positive diagonal in R, which is what {@code Q * sign(diag(R))} gives.
   */
  private static double[][] gramSchmidt(double[][] a, int m, int n) {
    double[][] q = new double[m][n];
    for (int j = 0; j < n; j++) {
      double[] v = new double[m];
      for (int i = 0; i < m; i++) {
        v[i] = a[i][j];
      }
      for (int k = 0; k < j; k++) {
        double dot = 0;
        for (int i = 0; i < m; i++) {
          dot += q[i][k] * v[i];
        }
        for (int i = 0; i < m; i++) {
          v[i] -= dot * q[i][k];
        }
      }
      double norm = 0;
      for (int i = 0; i < m; i++) {
        norm += v[i] * v[i];
      }
      norm = Math.sqrt(norm);
      for (int i = 0; i < m; i++) {
        q[i][j] = v[i] / norm;
      }
    }
    return q;
  }
}
