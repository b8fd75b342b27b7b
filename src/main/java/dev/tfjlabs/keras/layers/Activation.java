package dev.tfjlabs.keras.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's activations by their Keras names. {@code LINEAR} is Keras's {@code None};
 * {@code HARD_SIGMOID} is Keras 3's {@code relu6(x + 3) / 6 = clip(x / 6 + 0.5, 0, 1)} (Keras 2
 * used {@code clip(0.2 x + 0.5, 0, 1)}).
 */
public enum Activation {
  LINEAR("linear"),
  RELU("relu"),
  SIGMOID("sigmoid"),
  TANH("tanh"),
  SOFTMAX("softmax"),
  HARD_SIGMOID("hard_sigmoid");

  private final String kerasName;

  Activation(String kerasName) {
    this.kerasName = kerasName;
  }

  public String kerasName() {
    return kerasName;
  }

  /** The activation by Keras name ({@code "relu"}, {@code "softmax"}, ...). */
  public static Activation of(String name) {
    for (Activation a : values()) {
      if (a.kerasName.equals(name)) {
        return a;
      }
    }
    throw new IllegalArgumentException("Unknown activation '" + name + "'; expected one of "
        + java.util.Arrays.stream(values()).map(Activation::kerasName).toList());
  }

  /** Applies the activation; softmax is over the last axis. */
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
    return switch (this) {
      case LINEAR -> x;
      case RELU -> tf.nn.relu(x);
      case SIGMOID -> tf.math.sigmoid(x);
      case TANH -> tf.math.tanh(x);
      case SOFTMAX -> tf.nn.softmax(x);
      case HARD_SIGMOID -> tf.math.maximum(tf.constant(0f), tf.math.minimum(tf.constant(1f),
          tf.math.add(tf.math.div(x, tf.constant(6f)), tf.constant(0.5f))));
    };
  }
}
