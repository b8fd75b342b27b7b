package dev.tfjlabs.keras.regularizers;

import dev.tfjlabs.keras.config.Config;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Sum;
import org.tensorflow.types.TFloat32;

/**
 * {@code keras.regularizers.OrthogonalRegularizer(factor=0.01, mode="rows")}: on a matrix,
 * {@code factor * 0.5 * sum_{i != j} |u_i . u_j| / (n (n - 1) / 2)} over its n L2-normalised
 * rows ("rows") or columns ("columns"), {@code u = x / sqrt(max(sum x^2, 1e-14))}; pushes them
 * towards orthogonality. Only for rank-2 weights (a Dense or recurrent kernel), as in Keras.
 */
public final class OrthogonalRegularizer implements Regularizer {
  private static final float EPSILON = 1e-7f;
  private final double factor;
  private final boolean rows;

  public OrthogonalRegularizer(double factor, String mode) {
    this.factor = Regularizer.factor("factor", factor);
    if (!"rows".equals(mode) && !"columns".equals(mode)) {
      throw new IllegalArgumentException("Invalid value for argument mode: expected 'rows' or"
          + " 'columns', got '" + mode + "'");
    }
    this.rows = mode.equals("rows");
  }

  /** Keras's {@code OrthogonalRegularizer.from_config}. */
  public static OrthogonalRegularizer fromConfig(Config c) {
    return new OrthogonalRegularizer(c.number("factor", 0.01), c.text("mode", "rows"));
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x) {
    if (x.shape().numDimensions() != 2) {
      throw new IllegalArgumentException("OrthogonalRegularizer needs a weight of rank 2, got"
          + " shape " + x.shape());
    }
    int axis = rows ? 1 : 0;
    long n = x.shape().get(rows ? 0 : 1);
    Operand<TFloat32> squares = tf.sum(tf.math.square(x), tf.constant(axis), Sum.keepDims(true));
    Operand<TFloat32> u = tf.math.mul(x, tf.math.rsqrt(tf.math.maximum(squares,
        tf.constant(EPSILON * EPSILON))));
    Operand<TFloat32> product = rows
        ? tf.linalg.matMul(u, u, org.tensorflow.op.linalg.MatMul.transposeB(true))
        : tf.linalg.matMul(u, u, org.tensorflow.op.linalg.MatMul.transposeA(true));
    float[][] notDiagonal = new float[(int) n][(int) n];
    for (int i = 0; i < n; i++) {
      java.util.Arrays.fill(notDiagonal[i], 1f);
      notDiagonal[i][i] = 0f;
    }
    Operand<TFloat32> offDiagonal = tf.math.mul(product, tf.constant(notDiagonal));
    double pairs = n * (n - 1.0) / 2.0;
    return tf.math.mul(tf.constant((float) (factor * 0.5 / pairs)),
        tf.sum(tf.math.abs(offDiagonal), tf.constant(new int[] {0, 1})));
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("factor", factor);
    c.put("mode", rows ? "rows" : "columns");
    return c;
  }
}
