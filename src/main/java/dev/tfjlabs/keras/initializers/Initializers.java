package dev.tfjlabs.keras.initializers;

/**
 * Keras's initializers. Each draws from the generator it is given; none keeps state.
 *
 * <ul>
 *   <li>{@code glorotUniform}: U(-l, l) with {@code l = sqrt(6 / (fanIn + fanOut))} (Keras's
 *       default kernel initializer; PyTorch's {@code xavier_uniform_} is the same distribution).
 *   <li>{@code orthogonal}: a random orthogonal matrix (Keras's default recurrent initializer).
 *   <li>{@code zeros}, {@code constant(v)}: constants (Keras's default bias is zeros).
 *   <li>{@code randomUniform(min, max)}: U(min, max); Keras's Embedding default is
 *       U(-0.05, 0.05), PyTorch's RNN default U(-1/sqrt(units), 1/sqrt(units)).
 *   <li>{@code randomNormal(mean, stddev)}: N(mean, stddev^2); TensorFlow 1's
 *       {@code tf.random_normal} default is N(0, 1), Keras's RandomNormal N(0, 0.05^2).
 * </ul>
 */
public final class Initializers {
  private Initializers() {}

  public static Initializer glorotUniform() {
    return (shape, rng) -> {
      double[] f = Initializer.fans(shape);
      return uniform(shape, rng, Math.sqrt(6.0 / (f[0] + f[1])));
    };
  }

  public static Initializer zeros() {
    return (shape, rng) -> new float[Initializer.size(shape)];
  }

  public static Initializer constant(float value) {
    return (shape, rng) -> {
      float[] out = new float[Initializer.size(shape)];
      java.util.Arrays.fill(out, value);
      return out;
    };
  }

  public static Initializer randomUniform(double min, double max) {
    return (shape, rng) -> {
      float[] out = new float[Initializer.size(shape)];
      for (int i = 0; i < out.length; i++) {
        out[i] = (float) (min + (max - min) * rng.nextDouble());
      }
      return out;
    };
  }

  public static Initializer randomNormal(double mean, double stddev) {
    return (shape, rng) -> {
      float[] out = new float[Initializer.size(shape)];
      for (int i = 0; i < out.length; i++) {
        out[i] = (float) (mean + stddev * rng.nextGaussian());
      }
      return out;
    };
  }

  /** U(-limit, limit). */
  public static float[] uniform(int[] shape, java.util.Random rng, double limit) {
    float[] out = new float[Initializer.size(shape)];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) ((2 * rng.nextDouble() - 1) * limit);
    }
    return out;
  }

  public static Initializer orthogonal() {
    return new Orthogonal(1.0);
  }

  /**
   * Keras's LSTM bias with {@code unit_forget_bias=True}: zeros except the forget gate's
   * {@code units} entries (the second quarter, gate order i, f, c, o), which are one.
   */
  public static Initializer unitForgetBias(int units) {
    return (shape, rng) -> {
      float[] out = new float[Initializer.size(shape)];
      java.util.Arrays.fill(out, units, 2 * units, 1f);
      return out;
    };
  }
}
