package dev.tfjlabs.keras;

/**
 * The Keras layer equations in plain Java double precision, independent of TensorFlow: the
 * reference the graph implementations are checked against. Weights are the flat row-major
 * arrays {@code get_weights()} returns; sequences are [batch][steps][features].
 */
public final class KerasReference {
  private KerasReference() {}

  public static double sigmoid(double v) {
    return 1 / (1 + Math.exp(-v));
  }

  /** x [n][in] times W [in][out] (flat) plus b. */
  public static double[][] affine(double[][] x, float[] w, float[] b, int out) {
    int in = x[0].length;
    double[][] y = new double[x.length][out];
    for (int n = 0; n < x.length; n++) {
      for (int j = 0; j < out; j++) {
        double s = b == null ? 0 : b[j];
        for (int i = 0; i < in; i++) {
          s += x[n][i] * w[i * out + j];
        }
        y[n][j] = s;
      }
    }
    return y;
  }

  public static double[][] softmax(double[][] z) {
    double[][] y = new double[z.length][];
    for (int n = 0; n < z.length; n++) {
      double max = Double.NEGATIVE_INFINITY;
      for (double v : z[n]) {
        max = Math.max(max, v);
      }
      double sum = 0;
      y[n] = new double[z[n].length];
      for (int j = 0; j < z[n].length; j++) {
        y[n][j] = Math.exp(z[n][j] - max);
        sum += y[n][j];
      }
      for (int j = 0; j < z[n].length; j++) {
        y[n][j] /= sum;
      }
    }
    return y;
  }

  /** Output h per step [batch][steps][units] of a recurrent layer. */
  public interface Cell {
    /** Advances the state (h first) by one step of input x. */
    double[][] step(double[] x, double[][] state);

    int units();

    int stateCount();
  }

  public static double[][][] run(Cell cell, double[][][] x, boolean goBackwards) {
    int steps = x[0].length;
    double[][][] out = new double[x.length][steps][];
    for (int n = 0; n < x.length; n++) {
      double[][] state = new double[cell.stateCount()][cell.units()];
      for (int i = 0; i < steps; i++) {
        int t = goBackwards ? steps - 1 - i : i;
        state = cell.step(x[n][t], state);
        out[n][i] = state[0].clone();
      }
    }
    return out;
  }

  /**
   * As {@link #run(Cell, double[][][], boolean)} from the initial states
   * {@code initial[n][state][unit]}; the final states go into {@code finalStates[n]}.
   */
  public static double[][][] run(Cell cell, double[][][] x, boolean goBackwards,
      double[][][] initial, double[][][] finalStates) {
    int steps = x[0].length;
    double[][][] out = new double[x.length][steps][];
    for (int n = 0; n < x.length; n++) {
      double[][] state = initial[n];
      for (int i = 0; i < steps; i++) {
        int t = goBackwards ? steps - 1 - i : i;
        state = cell.step(x[n][t], state);
        out[n][i] = state[0].clone();
      }
      finalStates[n] = state;
    }
    return out;
  }

  public static double[][] last(double[][][] seq) {
    double[][] out = new double[seq.length][];
    for (int n = 0; n < seq.length; n++) {
      out[n] = seq[n][seq[n].length - 1];
    }
    return out;
  }

  private static double dot(double[] x, float[] w, int cols, int col) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += x[i] * w[i * cols + col];
    }
    return s;
  }

  /** h = tanh(x W + b + h U (+ bRec)). */
  public static Cell simpleRnn(float[] w, float[] u, float[] b, float[] bRec, int units) {
    return new Cell() {
      public double[][] step(double[] x, double[][] s) {
        double[] h = new double[units];
        for (int j = 0; j < units; j++) {
          double z = dot(x, w, units, j) + dot(s[0], u, units, j) + b[j]
              + (bRec == null ? 0 : bRec[j]);
          h[j] = Math.tanh(z);
        }
        return new double[][] {h};
      }

      public int units() {
        return units;
      }

      public int stateCount() {
        return 1;
      }
    };
  }

  /** Keras LSTM, gates i, f, c, o. */
  public static Cell lstm(float[] w, float[] u, float[] b, int units) {
    return lstm(w, u, b, null, units);
  }

  /** PyTorch's {@code nn.LSTM}: Keras's LSTM plus a second bias {@code b_hh} (null: none). */
  public static Cell lstm(float[] w, float[] u, float[] b, float[] bRec, int units) {
    return lstm(w, u, b, bRec, units, Math::tanh, KerasReference::sigmoid);
  }

  /** Keras's LSTM with other activations: {@code activation} for c, {@code gate} for i, f, o. */
  public static Cell lstm(float[] w, float[] u, float[] b, float[] bRec, int units,
      java.util.function.DoubleUnaryOperator activation,
      java.util.function.DoubleUnaryOperator gate) {
    int cols = 4 * units;
    return new Cell() {
      public double[][] step(double[] x, double[][] s) {
        double[] h = new double[units];
        double[] c = new double[units];
        for (int j = 0; j < units; j++) {
          double[] z = new double[4];
          for (int g = 0; g < 4; g++) {
            int col = g * units + j;
            z[g] = dot(x, w, cols, col) + dot(s[0], u, cols, col) + b[col]
                + (bRec == null ? 0 : bRec[col]);
          }
          c[j] = gate.applyAsDouble(z[1]) * s[1][j]
              + gate.applyAsDouble(z[0]) * activation.applyAsDouble(z[2]);
          h[j] = gate.applyAsDouble(z[3]) * activation.applyAsDouble(c[j]);
        }
        return new double[][] {h, c};
      }

      public int units() {
        return units;
      }

      public int stateCount() {
        return 2;
      }
    };
  }

  /** Keras GRU, gates z, r, h; reset_after with bias rows (input, recurrent), or before. */
  public static Cell gru(float[] w, float[] u, float[] b, int units, boolean resetAfter) {
    int cols = 3 * units;
    return new Cell() {
      public double[][] step(double[] x, double[][] s) {
        double[] hPrev = s[0];
        double[] h = new double[units];
        double[] r = new double[units];
        double[] z = new double[units];
        double[] bi = new double[cols];
        double[] br = new double[cols];
        for (int k = 0; k < cols; k++) {
          bi[k] = b[k];
          br[k] = resetAfter ? b[cols + k] : 0;
        }
        for (int j = 0; j < units; j++) {
          z[j] = sigmoid(dot(x, w, cols, j) + bi[j] + dot(hPrev, u, cols, j) + br[j]);
          r[j] = sigmoid(dot(x, w, cols, units + j) + bi[units + j]
              + dot(hPrev, u, cols, units + j) + br[units + j]);
        }
        double[] rh = new double[units];
        for (int j = 0; j < units; j++) {
          rh[j] = r[j] * hPrev[j];
        }
        for (int j = 0; j < units; j++) {
          int col = 2 * units + j;
          double rec = resetAfter ? r[j] * (dot(hPrev, u, cols, col) + br[col]) : dot(rh, u, cols, col);
          double hh = Math.tanh(dot(x, w, cols, col) + bi[col] + rec);
          h[j] = z[j] * hPrev[j] + (1 - z[j]) * hh;
        }
        return new double[][] {h};
      }

      public int units() {
        return units;
      }

      public int stateCount() {
        return 1;
      }
    };
  }

  /** Reverses each sequence in time. */
  public static double[][][] reverse(double[][][] seq) {
    double[][][] out = new double[seq.length][][];
    for (int n = 0; n < seq.length; n++) {
      out[n] = new double[seq[n].length][];
      for (int t = 0; t < seq[n].length; t++) {
        out[n][t] = seq[n][seq[n].length - 1 - t];
      }
    }
    return out;
  }

  /** Concatenates on the last axis. */
  public static double[][] concat(double[][] a, double[][] b) {
    double[][] out = new double[a.length][];
    for (int n = 0; n < a.length; n++) {
      out[n] = new double[a[n].length + b[n].length];
      System.arraycopy(a[n], 0, out[n], 0, a[n].length);
      System.arraycopy(b[n], 0, out[n], a[n].length, b[n].length);
    }
    return out;
  }

  public static double[][][] concat(double[][][] a, double[][][] b) {
    double[][][] out = new double[a.length][][];
    for (int n = 0; n < a.length; n++) {
      out[n] = concat(a[n], b[n]);
    }
    return out;
  }

  /** 'same' or 'valid' stride-1 convolution of [n][h][w][c] by K [k][k][c][f] plus b, then relu. */
  public static double[][][][] conv2dRelu(double[][][][] x, float[] k, float[] b, int ks,
      int filters, boolean same) {
    int hIn = x[0].length;
    int wIn = x[0][0].length;
    int c = x[0][0][0].length;
    int pad = same ? (ks - 1) / 2 : 0;
    int hOut = same ? hIn : hIn - ks + 1;
    int wOut = same ? wIn : wIn - ks + 1;
    double[][][][] y = new double[x.length][hOut][wOut][filters];
    for (int n = 0; n < x.length; n++) {
      for (int i = 0; i < hOut; i++) {
        for (int j = 0; j < wOut; j++) {
          for (int f = 0; f < filters; f++) {
            double s = b[f];
            for (int di = 0; di < ks; di++) {
              for (int dj = 0; dj < ks; dj++) {
                int ii = i + di - pad;
                int jj = j + dj - pad;
                if (ii < 0 || jj < 0 || ii >= hIn || jj >= wIn) {
                  continue;
                }
                for (int ch = 0; ch < c; ch++) {
                  s += x[n][ii][jj][ch] * k[((di * ks + dj) * c + ch) * filters + f];
                }
              }
            }
            y[n][i][j][f] = Math.max(0, s);
          }
        }
      }
    }
    return y;
  }

  /**
   * Keras's Conv1D on channels-last sequences x [n][steps][channels] with kernel K [k][c][f]
   * (flat) and bias b (null: none): {@code y[o][f] = b[f] + sum_j sum_c x[o s + j d - p][c]
   * K[j][c][f]}, x zero outside its steps, p the padding before: 0 ("valid"), half the total
   * rounded down ("same"), (k - 1) d ("causal").
   */
  public static double[][][] conv1d(double[][][] x, float[] k, float[] b, int kernel,
      int filters, int stride, int dilation, String padding) {
    int steps = x[0].length;
    int channels = x[0][0].length;
    int span = (kernel - 1) * dilation + 1;
    int out;
    int before;
    if (padding.equals("valid")) {
      out = (steps - span) / stride + 1;
      before = 0;
    } else {
      out = (steps + stride - 1) / stride;
      before = padding.equals("causal") ? span - 1
          : Math.max((out - 1) * stride + span - steps, 0) / 2;
    }
    double[][][] y = new double[x.length][out][filters];
    for (int n = 0; n < x.length; n++) {
      for (int o = 0; o < out; o++) {
        for (int f = 0; f < filters; f++) {
          double sum = b == null ? 0 : b[f];
          for (int j = 0; j < kernel; j++) {
            int t = o * stride + j * dilation - before;
            if (t < 0 || t >= steps) {
              continue;
            }
            for (int c = 0; c < channels; c++) {
              sum += x[n][t][c] * k[(j * channels + c) * filters + f];
            }
          }
          y[n][o][f] = sum;
        }
      }
    }
    return y;
  }

  /** {@code f} applied to every value. */
  public static double[][][] map(double[][][] x, java.util.function.DoubleUnaryOperator f) {
    double[][][] y = new double[x.length][][];
    for (int n = 0; n < x.length; n++) {
      y[n] = new double[x[n].length][];
      for (int t = 0; t < x[n].length; t++) {
        y[n][t] = java.util.Arrays.stream(x[n][t]).map(f).toArray();
      }
    }
    return y;
  }

  /** [n][a][b] flattened per sample to [n][a * b]. */
  public static double[][] flatten(double[][][] x) {
    double[][] y = new double[x.length][];
    for (int n = 0; n < x.length; n++) {
      y[n] = java.util.Arrays.stream(x[n]).flatMapToDouble(java.util.Arrays::stream).toArray();
    }
    return y;
  }

  /** [n][a][b] to [n][b][a]. */
  public static double[][][] swap(double[][][] x) {
    double[][][] y = new double[x.length][x[0][0].length][x[0].length];
    for (int n = 0; n < x.length; n++) {
      for (int a = 0; a < x[0].length; a++) {
        for (int b = 0; b < x[0][0].length; b++) {
          y[n][b][a] = x[n][a][b];
        }
      }
    }
    return y;
  }
}
