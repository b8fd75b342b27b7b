package dev.tfjlabs.keras.initializers;

import dev.tfjlabs.keras.config.Config;
import dev.tfjlabs.keras.config.Registry;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Keras's initializers ({@code keras/src/initializers/}), each with Keras's class name, config
 * and defaults. Each draws from the generator it is given, unless its config holds an integer
 * {@code seed}: then it draws from its own generator seeded with it, the same values at every
 * call, as Keras's seeded initializers do.
 *
 * <ul>
 *   <li>{@code VarianceScaling(scale=1, mode="fan_in", distribution="truncated_normal")}: with
 *       {@code n} the fan of {@code mode} (fan_avg: {@code (fanIn + fanOut) / 2}, at least 1),
 *       uniform: U(-l, l), {@code l = sqrt(3 scale / n)}; untruncated_normal:
 *       N(0, scale / n); truncated_normal: N(0, s^2) redrawn beyond 2 s,
 *       {@code s = sqrt(scale / n) / 0.87962566103423978} (Keras 2's {@code "normal"}).
 *   <li>Its presets: {@code GlorotUniform} (1, fan_avg, uniform: Keras's default kernel
 *       initializer; PyTorch's {@code xavier_uniform_}), {@code GlorotNormal} (1, fan_avg,
 *       truncated), {@code HeUniform}/{@code HeNormal} (2, fan_in), {@code LecunUniform}/
 *       {@code LecunNormal} (1, fan_in).
 *   <li>{@code RandomUniform(minval=-0.05, maxval=0.05)}, {@code RandomNormal(mean=0,
 *       stddev=0.05)}, {@code TruncatedNormal(mean=0, stddev=0.05)} (redrawn beyond 2 stddev).
 *   <li>{@code Orthogonal(gain=1)} (Keras's default recurrent initializer),
 *       {@code Identity(gain=1)} (gain times the identity matrix).
 *   <li>{@code Zeros} (Keras's default bias), {@code Ones}, {@code Constant(value=0)}.
 * </ul>
 */
public final class Initializers {
  /** Every initializer by every name Keras 2 and 3 accept. */
  public static final Registry<KerasInitializer> REGISTRY = new Registry<KerasInitializer>(
      "initializer")
      .add("VarianceScaling", Initializers::varianceScaling)
      .add("GlorotUniform", c -> seeded(glorotUniform(), c))
      .add("GlorotNormal", c -> preset(c, "GlorotNormal", 1, "fan_avg", "truncated_normal"))
      .add("HeUniform", c -> preset(c, "HeUniform", 2, "fan_in", "uniform"))
      .add("HeNormal", c -> preset(c, "HeNormal", 2, "fan_in", "truncated_normal"))
      .add("LecunUniform", c -> preset(c, "LecunUniform", 1, "fan_in", "uniform"))
      .add("LecunNormal", c -> preset(c, "LecunNormal", 1, "fan_in", "truncated_normal"))
      .add("RandomUniform", c -> seeded(randomUniform(c.number("minval", -0.05),
          c.number("maxval", 0.05)), c), "uniform")
      .add("RandomNormal", c -> seeded(randomNormal(c.number("mean", 0.0),
          c.number("stddev", 0.05)), c), "normal")
      .add("TruncatedNormal", c -> seeded(truncatedNormal(c.number("mean", 0.0),
          c.number("stddev", 0.05)), c))
      .add("Orthogonal", c -> seeded(orthogonal(c.number("gain", 1.0)), c),
          "OrthogonalInitializer", "orthogonal_initializer")
      .add("Identity", c -> identity(c.number("gain", 1.0)), "IdentityInitializer",
          "identity_initializer")
      .add("Zeros", c -> zeros(), "zero")
      .add("Ones", c -> ones(), "one")
      .add("Constant", c -> constant((float) c.number("value", 0.0)));

  /** Keras's truncated normal: the standard deviation of N(0, 1) cut at 2. */
  private static final double TRUNCATED_STDDEV = 0.87962566103423978;

  private Initializers() {}

  /** Keras's {@code {"seed": null}}-style config entries, in order. */
  private static Map<String, Object> config(Object... keysAndValues) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("seed", null);
    for (int i = 0; i < keysAndValues.length; i += 2) {
      c.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return c;
  }

  public static KerasInitializer glorotUniform() {
    return new KerasInitializer("GlorotUniform", config(), (shape, rng) -> {
      double[] f = Initializer.fans(shape);
      return uniform(shape, rng, Math.sqrt(6.0 / (f[0] + f[1])));
    });
  }

  /**
   * Keras's {@code VarianceScaling}; {@code distribution} "normal" is Keras 2's name for
   * "truncated_normal".
   *
   * @throws IllegalArgumentException for a scale that is not positive, or another mode or
   *     distribution
   */
  public static KerasInitializer varianceScaling(double scale, String mode,
      String distribution) {
    return variance("VarianceScaling", scale, mode, distribution, true);
  }

  private static KerasInitializer varianceScaling(Config c) {
    return seeded(varianceScaling(c.number("scale", 1.0), c.text("mode", "fan_in"),
        c.text("distribution", "truncated_normal")), c);
  }

  private static KerasInitializer preset(Config c, String name, double scale, String mode,
      String distribution) {
    return seeded(variance(name, scale, mode, distribution, false), c);
  }

  public static KerasInitializer glorotNormal() {
    return variance("GlorotNormal", 1, "fan_avg", "truncated_normal", false);
  }

  public static KerasInitializer heUniform() {
    return variance("HeUniform", 2, "fan_in", "uniform", false);
  }

  public static KerasInitializer heNormal() {
    return variance("HeNormal", 2, "fan_in", "truncated_normal", false);
  }

  public static KerasInitializer lecunUniform() {
    return variance("LecunUniform", 1, "fan_in", "uniform", false);
  }

  public static KerasInitializer lecunNormal() {
    return variance("LecunNormal", 1, "fan_in", "truncated_normal", false);
  }

  private static KerasInitializer variance(String name, double scale, String mode,
      String distribution, boolean configured) {
    if (!(scale > 0)) {
      throw new IllegalArgumentException("VarianceScaling scale must be positive, got " + scale);
    }
    String dist = distribution.toLowerCase();
    String d = dist.equals("normal") ? "truncated_normal" : dist;
    if (!java.util.List.of("fan_in", "fan_out", "fan_avg").contains(mode)
        || !java.util.List.of("uniform", "truncated_normal", "untruncated_normal").contains(d)) {
      throw new IllegalArgumentException("VarianceScaling mode=" + mode + ", distribution="
          + distribution + " is not one of Keras's (fan_in, fan_out, fan_avg; uniform,"
          + " truncated_normal, untruncated_normal)");
    }
    Map<String, Object> c = configured
        ? config("scale", scale, "mode", mode, "distribution", d) : config();
    return new KerasInitializer(name, c, (shape, rng) -> {
      double[] f = Initializer.fans(shape);
      double n = mode.equals("fan_in") ? f[0] : mode.equals("fan_out") ? f[1]
          : (f[0] + f[1]) / 2.0;
      double s = scale / Math.max(1.0, n);
      return switch (d) {
        case "uniform" -> uniform(shape, rng, Math.sqrt(3.0 * s));
        case "untruncated_normal" -> normal(shape, rng, 0, Math.sqrt(s), false);
        default -> normal(shape, rng, 0, Math.sqrt(s) / TRUNCATED_STDDEV, true);
      };
    });
  }

  public static KerasInitializer zeros() {
    return new KerasInitializer("Zeros", new LinkedHashMap<>(),
        (shape, rng) -> new float[Initializer.size(shape)]);
  }

  public static KerasInitializer ones() {
    return new KerasInitializer("Ones", new LinkedHashMap<>(), (shape, rng) -> filled(shape, 1f));
  }

  public static KerasInitializer constant(float value) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("value", (double) value);
    return new KerasInitializer("Constant", c, (shape, rng) -> filled(shape, value));
  }

  private static float[] filled(int[] shape, float value) {
    float[] out = new float[Initializer.size(shape)];
    Arrays.fill(out, value);
    return out;
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
        (shape, rng) -> normal(shape, rng, mean, stddev, false));
  }

  /** N(mean, stddev^2) with values beyond two standard deviations redrawn. */
  public static KerasInitializer truncatedNormal(double mean, double stddev) {
    return new KerasInitializer("TruncatedNormal", config("mean", mean, "stddev", stddev),
        (shape, rng) -> normal(shape, rng, mean, stddev, true));
  }

  private static float[] normal(int[] shape, Random rng, double mean, double stddev,
      boolean truncated) {
    float[] out = new float[Initializer.size(shape)];
    for (int i = 0; i < out.length; i++) {
      double z = rng.nextGaussian();
      while (truncated && Math.abs(z) > 2) {
        z = rng.nextGaussian();
      }
      out[i] = (float) (mean + stddev * z);
    }
    return out;
  }

  /** U(-limit, limit). */
  public static float[] uniform(int[] shape, Random rng, double limit) {
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
   * Keras's {@code Identity(gain)}: gain on the diagonal of a 2-D weight, zeros elsewhere.
   *
   * @throws IllegalArgumentException at build time for a weight that is not a matrix
   */
  public static KerasInitializer identity(double gain) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("gain", gain);
    return new KerasInitializer("Identity", c, (shape, rng) -> {
      if (shape.length != 2) {
        throw new IllegalArgumentException("Identity initializes 2-D weights only, got shape "
            + Arrays.toString(shape));
      }
      float[] out = new float[shape[0] * shape[1]];
      for (int i = 0; i < Math.min(shape[0], shape[1]); i++) {
        out[i * shape[1] + i] = (float) gain;
      }
      return out;
    });
  }

  /**
   * {@code init} with the config's {@code seed}: an integer seed draws from its own generator,
   * the same values every time, as Keras's seeded initializers do.
   */
  private static KerasInitializer seeded(KerasInitializer init, Config c) {
    if (!c.has("seed")) {
      return init;
    }
    var seed = c.get("seed");
    if (!seed.canConvertToLong() || seed.isTextual()) {
      throw c.unsupported("seed", seed);
    }
    return init.withSeed(seed.asLong());
  }

  /**
   * Keras's LSTM bias with {@code unit_forget_bias=True}: zeros except the forget gate's
   * {@code units} entries (the second quarter, gate order i, f, c, o), which are one.
   */
  public static Initializer unitForgetBias(int units) {
    return (shape, rng) -> {
      float[] out = new float[Initializer.size(shape)];
      Arrays.fill(out, units, 2 * units, 1f);
      return out;
    };
  }
}
