package dev.tfjlabs.keras.losses;

import dev.tfjlabs.keras.config.Config;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A Keras loss: per-sample values, shape [batch], that the model averages over the batch
 * (Keras's {@code sum_over_batch_size} reduction).
 */
public interface Loss {
  /** Clipping constant of Keras's backend, {@code keras.backend.epsilon()}. */
  float EPSILON = 1e-7f;

  /** Keras's name of the loss ({@code sparse_categorical_crossentropy}, ...). */
  String name();

  /** Whether the model's outputs are logits ({@code from_logits}; default false). */
  default boolean fromLogits() {
    return false;
  }

  /**
   * Keras's {@code get_config}: {@code name} and {@code reduction}
   * ({@code sum_over_batch_size}), then the loss's own arguments; {@code fromConfig} reads it
   * back.
   */
  default Map<String, Object> getConfig() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("name", name());
    c.put("reduction", "sum_over_batch_size");
    return c;
  }

  /**
   * A cross-entropy's config: the base one with {@code from_logits}, {@code label_smoothing}
   * and axis -1.
   */
  static Map<String, Object> crossentropyConfig(Loss loss, double labelSmoothing) {
    return crossentropyConfig(loss, labelSmoothing, -1);
  }

  /** {@link #crossentropyConfig(Loss, double)} with the loss's class {@code axis}. */
  static Map<String, Object> crossentropyConfig(Loss loss, double labelSmoothing, int axis) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("name", loss.name());
    c.put("reduction", "sum_over_batch_size");
    c.put("from_logits", loss.fromLogits());
    c.put("label_smoothing", labelSmoothing);
    c.put("axis", axis);
    return c;
  }

  /** A cross-entropy's {@code axis}: one integer, Keras's default -1. */
  static int readAxis(Config c) {
    int[] axes = c.axes("axis");
    if (axes == null) {
      return -1;
    }
    if (axes.length != 1) {
      throw c.unsupported("axis", c.get("axis"));
    }
    return axes[0];
  }

  /**
   * {@code t} with its {@code axis} moved last (the others in their order), so that a loss over
   * the last axis computes Keras's loss over {@code axis}; {@code t} itself when it is last.
   *
   * @throws IllegalArgumentException when {@code t}'s rank is unknown or has no such axis
   */
  static Operand<TFloat32> axisLast(Ops tf, Operand<TFloat32> t, int axis) {
    if (axis == -1) {
      return t;
    }
    int rank = t.shape().numDimensions();
    if (rank < 0) {
      throw new IllegalArgumentException("a cross-entropy over axis " + axis + " needs the"
          + " predictions' rank, which this model leaves unknown");
    }
    int a = axis < 0 ? axis + rank : axis;
    if (a < 0 || a >= rank) {
      throw new IllegalArgumentException("axis " + axis + " is out of range for predictions of"
          + " rank " + rank);
    }
    if (a == rank - 1) {
      return t;
    }
    int[] perm = new int[rank];
    for (int i = 0, j = 0; i < rank; i++) {
      if (i != a) {
        perm[j++] = i;
      }
    }
    perm[rank - 1] = a;
    return tf.linalg.transpose(t, tf.constant(perm));
  }

  /** The loss of each sample, shape [batch]. */
  Operand<TFloat32> call(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred);

  /**
   * Keras's {@code reduction} of the sample losses: {@code sum_over_batch_size} (the default:
   * their sum over the batch size), {@code sum}, {@code mean} or
   * {@code mean_with_sample_weight}.
   */
  default String reduction() {
    return "sum_over_batch_size";
  }

  /**
   * Reads what every Keras loss config holds: {@code name}, and {@code reduction}, which
   * {@link Losses#REGISTRY} applies to the built loss ({@link Reduced}).
   */
  static void readBaseConfig(Config c) {
    c.ignore("reduction");
  }

  /**
   * Reads a cross-entropy's config ({@link #readBaseConfig} and Keras's default axis, any other
   * refused) and returns its {@code from_logits}; {@code label_smoothing} is left to the caller.
   */
  static boolean readCrossentropyConfig(Config c) {
    c.fixed("axis", -1);
    return readLogits(c);
  }

  /** {@link #readBaseConfig} and {@code from_logits}; the caller reads {@code axis}. */
  static boolean readLogits(Config c) {
    readBaseConfig(c);
    return c.bool("from_logits", false);
  }

  /** Checks a {@code label_smoothing} factor is in [0, 1] and returns it. */
  static double labelSmoothing(double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException("label_smoothing must be in [0, 1], got " + value);
    }
    return value;
  }

  /** {@code clip(p, eps, 1 - eps)}, built from ops that have registered gradients. */
  static Operand<TFloat32> clip(Ops tf, Operand<TFloat32> p) {
    return tf.math.maximum(tf.math.minimum(p, tf.constant(1f - EPSILON)), tf.constant(EPSILON));
  }

  /**
   * Keras 3's {@code _get_logits} (TensorFlow backend): when {@code yPred} is the output of a
   * {@code Sigmoid} or {@code Softmax} op ({@code opType}), the logits that op read, else
   * {@code null}. A cross-entropy computed from them stays finite where the probability
   * saturates to 0 or 1 in float32.
   */
  @SuppressWarnings("unchecked")
  static Operand<TFloat32> logitsBehind(Operand<TFloat32> yPred, String opType) {
    if (yPred.op() instanceof GraphOperation op && op.type().equals(opType)
        && op.numInputs() == 1) {
      return (Operand<TFloat32>) op.input(0);
    }
    return null;
  }

  /** {@code yTrue} reshaped like {@code yPred}, as Keras expands [batch] targets to [batch, 1]. */
  static Operand<TFloat32> likePrediction(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
    return tf.reshape(yTrue, tf.shape(yPred));
  }

  /** Mean over the last axis: one value per sample of a [batch, k] tensor. */
  static Operand<TFloat32> meanOverLastAxis(Ops tf, Operand<TFloat32> v) {
    return tf.math.mean(v, tf.constant(-1));
  }

  /** Binary targets smoothed by {@code s}, Keras's {@code y (1 - s) + s / 2}; y for s = 0. */
  static Operand<TFloat32> smoothBinary(Ops tf, Operand<TFloat32> y, double s) {
    if (s == 0) {
      return y;
    }
    return tf.math.add(tf.math.mul(y, tf.constant((float) (1 - s))),
        tf.constant((float) (0.5 * s)));
  }

  /**
   * One-hot targets smoothed by {@code s} over the K classes of {@code yPred}'s last axis,
   * Keras's {@code y (1 - s) + s / K}; y for s = 0.
   */
  static Operand<TFloat32> smoothCategorical(Ops tf, Operand<TFloat32> y, Operand<TFloat32> yPred,
      double s) {
    if (s == 0) {
      return y;
    }
    long classes = yPred.shape().size(yPred.shape().numDimensions() - 1);
    if (classes < 1) {
      throw new IllegalArgumentException(
          "label_smoothing needs a known number of classes (the predictions' last axis)");
    }
    return tf.math.add(tf.math.mul(y, tf.constant((float) (1 - s))),
        tf.constant((float) (s / classes)));
  }

  /** The sum of every element of {@code x}, a scalar. */
  static Operand<TFloat32> sumAll(Ops tf, Operand<TFloat32> x) {
    return tf.sum(x, tf.range(tf.constant(0), tf.rank(x), tf.constant(1)));
  }

  /** A config's {@code axis}: null (every axis), one integer or a list of them. */
  static int[] axes(dev.tfjlabs.keras.config.Config c) {
    return c.axes("axis");
  }

  /** {@code axes} as Keras's config writes it: null, the integer, or the list. */
  static Object axisConfig(int[] axes) {
    if (axes == null) {
      return null;
    }
    return axes.length == 1 ? (Object) axes[0]
        : java.util.Arrays.stream(axes).boxed().toList();
  }

  /** The sum of {@code x} over {@code axes} (null: every axis, a scalar). */
  static Operand<TFloat32> sumOver(Ops tf, Operand<TFloat32> x, int[] axes) {
    return axes == null ? sumAll(tf, x) : tf.sum(x, tf.constant(axes));
  }

  /**
   * A loss computed over {@code axes} as the loss of each sample: with the batch axis among them
   * (or every axis) the one value stands for every sample; otherwise the mean over the axes
   * left beside the batch, so the batch's mean is Keras's {@code sum_over_batch_size}.
   */
  static Operand<TFloat32> perSampleOver(Ops tf, Operand<TFloat32> value, int[] axes,
      Operand<TFloat32> yPred) {
    int rank = yPred.shape().numDimensions();
    boolean batch = axes == null || java.util.Arrays.stream(axes)
        .anyMatch(a -> a == 0 || a == -rank);
    if (batch) {
      return perSample(tf, tf.math.mean(value, tf.range(tf.constant(0), tf.rank(value),
          tf.constant(1))), yPred);
    }
    int left = rank - axes.length;
    if (left <= 1) {
      return value;
    }
    int[] rest = new int[left - 1];
    for (int i = 0; i < rest.length; i++) {
      rest[i] = i + 1;
    }
    return tf.math.mean(value, tf.constant(rest));
  }

  /**
   * A batch-level value as the loss of each sample of {@code yPred}'s batch, so that the
   * batch's mean is the value (Keras's reduction of a scalar loss).
   */
  static Operand<TFloat32> perSample(Ops tf, Operand<TFloat32> value, Operand<TFloat32> yPred) {
    Operand<org.tensorflow.types.TInt32> batch = tf.slice(tf.shape(yPred),
        tf.constant(new int[] {0}), tf.constant(new int[] {1}));
    return tf.fill(batch, value);
  }
}
