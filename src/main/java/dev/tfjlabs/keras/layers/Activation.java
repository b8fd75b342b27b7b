package dev.tfjlabs.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tfjlabs.keras.config.KerasVersion;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.nn.LeakyRelu;
import org.tensorflow.types.TFloat32;

/**
 * Keras's activations ({@code keras/src/activations/activations.py}) by their Keras names, with
 * Keras 3's definitions and defaults. {@code LINEAR} is Keras's {@code None}; softmax and
 * log_softmax are over the last axis.
 *
 * <ul>
 *   <li>{@code relu} max(x, 0); {@code relu6} min(max(x, 0), 6); {@code leaky_relu}
 *       x for x &gt; 0, else 0.2 x; {@code elu} x for x &gt; 0, else e^x - 1; {@code selu}
 *       1.05070098 elu with alpha 1.67326324.
 *   <li>{@code gelu} x Phi(x) = x (1 + erf(x / sqrt 2)) / 2 (Keras's {@code approximate=False});
 *       {@code silu} (alias {@code swish}) x sigmoid(x); {@code mish} x tanh(softplus(x)).
 *   <li>{@code softplus} log(1 + e^x); {@code softsign} x / (1 + |x|); {@code exponential}
 *       e^x.
 *   <li>{@code hard_sigmoid}: Keras 3's clip(x / 6 + 1/2, 0, 1); {@code hard_silu} (alias
 *       {@code hard_swish}) x hard_sigmoid(x). {@link #HARD_SIGMOID_KERAS_2} is Keras 2's
 *       clip(0.2 x + 1/2, 0, 1), which files written by Keras 2 name {@code hard_sigmoid}
 *       ({@link #of(String, KerasVersion)}).
 * </ul>
 */
public enum Activation {
  LINEAR("linear"),
  RELU("relu"),
  SIGMOID("sigmoid"),
  TANH("tanh"),
  SOFTMAX("softmax"),
  HARD_SIGMOID("hard_sigmoid"),
  HARD_SIGMOID_KERAS_2("hard_sigmoid"),
  RELU6("relu6"),
  LEAKY_RELU("leaky_relu"),
  ELU("elu"),
  SELU("selu"),
  GELU("gelu"),
  SILU("silu", "swish"),
  MISH("mish"),
  SOFTPLUS("softplus"),
  SOFTSIGN("softsign"),
  EXPONENTIAL("exponential"),
  HARD_SILU("hard_silu", "hard_swish"),
  LOG_SOFTMAX("log_softmax");

  /** Keras's leaky_relu default slope. */
  public static final float LEAKY_RELU_SLOPE = 0.2f;

  private final String kerasName;
  private final List<String> aliases;

  Activation(String kerasName, String... aliases) {
    this.kerasName = kerasName;
    this.aliases = List.of(aliases);
  }

  /** The name Keras writes in a config. */
  public String kerasName() {
    return kerasName;
  }

  /** Keras's other names for it ({@code swish} for silu). */
  public List<String> aliases() {
    return aliases;
  }

  /** The activation by Keras 3 name or alias ({@code "relu"}, {@code "swish"}, ...). */
  public static Activation of(String name) {
    return of(name, KerasVersion.CURRENT);
  }

  /**
   * The activation a file written by Keras {@code version} means by {@code name}: Keras 2's
   * {@code hard_sigmoid} is {@link #HARD_SIGMOID_KERAS_2}; Keras's {@code None} is linear.
   *
   * @throws IllegalArgumentException for a name Keras does not have
   */
  public static Activation of(String name, KerasVersion version) {
    if (name == null || name.equals("None")) {
      return LINEAR;
    }
    if (name.equals("hard_sigmoid") && version.keras2HardSigmoid()) {
      return HARD_SIGMOID_KERAS_2;
    }
    for (Activation a : values()) {
      if (a != HARD_SIGMOID_KERAS_2 && (a.kerasName.equals(name) || a.aliases.contains(name))) {
        return a;
      }
    }
    throw new IllegalArgumentException("Unknown activation '" + name + "'; expected one of "
        + Arrays.stream(values()).filter(a -> a != HARD_SIGMOID_KERAS_2)
            .map(Activation::kerasName).toList());
  }

  /**
   * The activation of a config entry: a name, or Keras 3's serialised function
   * ({@code {"class_name": "function", "config": "relu", ...}}).
   */
  public static Activation of(JsonNode entry, KerasVersion version) {
    if (entry == null || entry.isNull()) {
      return LINEAR;
    }
    if (entry.isObject()) {
      String module = entry.path("module").asText("keras.activations");
      if (!module.startsWith("keras")) {
        throw new IllegalArgumentException("activation " + entry.path("config").asText()
            + " comes from Python module " + module + ", code that cannot run in Java");
      }
      return of(entry.path("config").asText(), version);
    }
    return of(entry.asText(), version);
  }

  /** Applies the activation. */
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
    return switch (this) {
      case LINEAR -> x;
      case RELU -> tf.nn.relu(x);
      case SIGMOID -> tf.math.sigmoid(x);
      case TANH -> tf.math.tanh(x);
      case SOFTMAX -> tf.nn.softmax(x);
      case HARD_SIGMOID -> clip01(tf, tf.math.add(tf.math.div(x, tf.constant(6f)),
          tf.constant(0.5f)));
      case HARD_SIGMOID_KERAS_2 -> clip01(tf, tf.math.add(tf.math.mul(x, tf.constant(0.2f)),
          tf.constant(0.5f)));
      case RELU6 -> tf.nn.relu6(x);
      case LEAKY_RELU -> tf.nn.leakyRelu(x, LeakyRelu.alpha(LEAKY_RELU_SLOPE));
      case ELU -> tf.nn.elu(x);
      case SELU -> tf.nn.selu(x);
      case GELU -> tf.math.mul(tf.math.mul(x, tf.constant(0.5f)), tf.math.add(tf.constant(1f),
          tf.math.erf(tf.math.mul(x, tf.constant((float) (1 / Math.sqrt(2)))))));
      case SILU -> tf.math.mul(x, tf.math.sigmoid(x));
      case MISH -> tf.math.mul(x, tf.math.tanh(tf.math.softplus(x)));
      case SOFTPLUS -> tf.math.softplus(x);
      case SOFTSIGN -> tf.nn.softsign(x);
      case EXPONENTIAL -> tf.math.exp(x);
      case HARD_SILU -> tf.math.mul(x, HARD_SIGMOID.apply(tf, x));
      case LOG_SOFTMAX -> tf.nn.logSoftmax(x);
    };
  }

  private static Operand<TFloat32> clip01(Ops tf, Operand<TFloat32> x) {
    return tf.math.maximum(tf.constant(0f), tf.math.minimum(tf.constant(1f), x));
  }
}
