package dev.tfjlabs.keras.initializers;

import java.util.LinkedHashMap;
import java.util.Map;

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

  /** Keras's {@code {"seed": null}}-style config entries, in order. */
  private static Map<String, Object> config(Object... keysAndValues) {
    Map<String, Object> c = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      c.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    c.putIfAbsent("seed", null);
    return c;
  }

  public static KerasInitializer glorotUniform() {
    return new KerasInitializer("GlorotUniform", config(), (shape, rng) -> {
      double[] f = Initializer.fans(shape);
      return uniform(shape, rng, Math.sqrt(6.0 / (f[0] + f[1])));
    });
  }

  public static KerasInitializer zeros() {
    return new KerasInitializer("Zeros", new LinkedHashMap<>(),
        (shape, rng) -> new float[Initializer.size(shape)]);
  }

  public static KerasInitializer constant(float value) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("value", (double) value);
    return new KerasInitializer("Constant", c, (shape, rng) -> {
      float[] out = new float[Initializer.size(shape)];
      java.util.Arrays.fill(out, value);
      return out;
    });
  }

  public static KerasInitializer randomUniform(double min, double max) {
    return new KerasInitializer("RandomUniform", config("minval", min, "maxval", max),
        (shape, rng) -> {
          float[] out = new float[Initializer.size(shape)];
          for (int i = 0; i < out.length; i++) {
            out[i] = (float) (min + (max - min) * rng.nextDouble());
          }
          return out;
        });
  }

  public static KerasInitializer randomNormal(double mean, double stddev) {
    return new KerasInitializer("RandomNormal", config("mean", mean, "stddev", stddev),
        (shape, rng) -> {
          float[] out = new float[Initializer.size(shape)];
          for (int i = 0; i < out.length; i++) {
            out[i] = (float) (mean + stddev * rng.nextGaussian());
          }
          return out;
        });
  }

  /** U(-limit, limit). */
  public static float[] uniform(int[] shape, java.util.Random rng, double limit) {
    float[] out = new float[Initializer.size(shape)];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) ((2 * rng.nextDouble() - 1) * limit);
    }
    return out;
  }

  public static KerasInitializer orthogonal() {
    return orthogonal(1.0);
  }

  public static KerasInitializer orthogonal(double gain) {
    return new KerasInitializer("Orthogonal", config("gain", gain), new Orthogonal(gain));
  }

  /**
   * The initializer Keras serialises as {@code config}: {@code {"class_name": "GlorotUniform",
   * "config": {"seed": null}}} and the other classes above.
   *
   * @throws IllegalArgumentException naming a class or setting this library does not have
   */
  public static KerasInitializer fromConfig(String className, Map<String, Object> config) {
    double gain = number(config, "gain", 1.0);
    return switch (className) {
      case "GlorotUniform", "glorot_uniform" -> glorotUniform();
      case "Zeros", "zeros" -> zeros();
      case "Ones", "ones" -> constant(1f);
      case "Constant", "constant" -> constant((float) number(config, "value", 0.0));
      case "RandomUniform", "random_uniform", "uniform" -> randomUniform(
          number(config, "minval", -0.05), number(config, "maxval", 0.05));
      case "RandomNormal", "random_normal", "normal" -> randomNormal(
          number(config, "mean", 0.0), number(config, "stddev", 0.05));
      case "Orthogonal", "orthogonal" -> orthogonal(gain);
      default -> throw new IllegalArgumentException("initializer " + className + " is not"
          + " supported (supported: GlorotUniform, Zeros, Ones, Constant, RandomUniform,"
          + " RandomNormal, Orthogonal)");
    };
  }

  private static double number(Map<String, Object> config, String key, double otherwise) {
    Object v = config.get(key);
    return v instanceof Number n ? n.doubleValue() : otherwise;
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
