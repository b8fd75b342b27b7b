package dev.tfjlabs.tf1;

import java.util.Map;

/**
 * TensorFlow 1's cells in plain Java, in double precision, written from {@code rnn_cell_impl.py}
 * for one sample: a kernel acts on the concatenation [x, h] and is stored row-major
 * [depth + units, width].
 */
final class Tf1Reference {
  private Tf1Reference() {}

  /** One step: the new state (the LSTM's is c then h); the output is the last state. */
  interface Cell {
    double[][] step(double[] x, double[][] state);

    int stateCount();
  }

  /** {@code concat(x, h) kernel + bias} for column block {@code [from, from + n)}. */
  static double[] linear(double[] x, double[] h, float[] kernel, int width, float[] bias,
      int from, int n) {
    double[] z = new double[n];
    for (int j = 0; j < n; j++) {
      double s = bias[from + j];
      for (int i = 0; i < x.length; i++) {
        s += x[i] * kernel[i * width + from + j];
      }
      for (int i = 0; i < h.length; i++) {
        s += h[i] * kernel[(x.length + i) * width + from + j];
      }
      z[j] = s;
    }
    return z;
  }

  static double sigmoid(double v) {
    return 1 / (1 + Math.exp(-v));
  }

  static Cell basicRnn(Map<String, float[]> w, int units) {
    return new Cell() {
      public double[][] step(double[] x, double[][] s) {
        double[] z = linear(x, s[0], w.get("basic_rnn_cell/kernel"), units,
            w.get("basic_rnn_cell/bias"), 0, units);
        for (int j = 0; j < units; j++) {
          z[j] = Math.tanh(z[j]);
        }
        return new double[][] {z};
      }

      public int stateCount() {
        return 1;
      }
    };
  }

  /** i, j, f, o; c' = c sigmoid(f + forget_bias) + sigmoid(i) tanh(j); h' = tanh(c') sigmoid(o). */
  static Cell basicLstm(Map<String, float[]> w, int units, double forgetBias) {
    return new Cell() {
      public double[][] step(double[] x, double[][] s) {
        float[] k = w.get("basic_lstm_cell/kernel");
        float[] b = w.get("basic_lstm_cell/bias");
        double[] i = linear(x, s[1], k, 4 * units, b, 0, units);
        double[] j = linear(x, s[1], k, 4 * units, b, units, units);
        double[] f = linear(x, s[1], k, 4 * units, b, 2 * units, units);
        double[] o = linear(x, s[1], k, 4 * units, b, 3 * units, units);
        double[] c = new double[units];
        double[] h = new double[units];
        for (int u = 0; u < units; u++) {
          c[u] = s[0][u] * sigmoid(f[u] + forgetBias) + sigmoid(i[u]) * Math.tanh(j[u]);
          h[u] = Math.tanh(c[u]) * sigmoid(o[u]);
        }
        return new double[][] {c, h};
      }

      public int stateCount() {
        return 2;
      }
    };
  }

  /** r, u = sigmoid(gates); c = tanh([x, r h] candidate); h' = u h + (1 - u) c. */
  static Cell gru(Map<String, float[]> w, int units) {
    return new Cell() {
      public double[][] step(double[] x, double[][] s) {
        float[] gk = w.get("gru_cell/gates/kernel");
        float[] gb = w.get("gru_cell/gates/bias");
        double[] r = linear(x, s[0], gk, 2 * units, gb, 0, units);
        double[] u = linear(x, s[0], gk, 2 * units, gb, units, units);
        double[] rh = new double[units];
        for (int j = 0; j < units; j++) {
          r[j] = sigmoid(r[j]);
          u[j] = sigmoid(u[j]);
          rh[j] = r[j] * s[0][j];
        }
        double[] c = linear(x, rh, w.get("gru_cell/candidate/kernel"), units,
            w.get("gru_cell/candidate/bias"), 0, units);
        double[] h = new double[units];
        for (int j = 0; j < units; j++) {
          h[j] = u[j] * s[0][j] + (1 - u[j]) * Math.tanh(c[j]);
        }
        return new double[][] {h};
      }

      public int stateCount() {
        return 1;
      }
    };
  }

  /** The outputs of every step [steps][units] for one sequence [steps][depth], from zeros. */
  static double[][] run(Cell cell, double[][] xs, int units) {
    double[][] state = new double[cell.stateCount()][units];
    double[][] out = new double[xs.length][];
    for (int t = 0; t < xs.length; t++) {
      state = cell.step(xs[t], state);
      out[t] = state[state.length - 1];
    }
    return out;
  }
}
