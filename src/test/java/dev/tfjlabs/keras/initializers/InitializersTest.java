package dev.tfjlabs.keras.initializers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tfjlabs.keras.config.Config;
import dev.tfjlabs.keras.config.KerasVersion;
import dev.tfjlabs.keras.config.Source;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Keras's initializers by every name Keras accepts ({@code keras/src/initializers/__init__.py},
 * {@code ALL_OBJECTS_DICT}), their configs both ways, and their distributions against the
 * formulas of {@code random_initializers.py} (computed here, not by the library).
 */
class InitializersTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Source KERAS_3 = new Source(KerasVersion.CURRENT);

  private static KerasInitializer named(String identifier) {
    return Initializers.REGISTRY.get(JSON.valueToTree(identifier), KERAS_3);
  }

  private static KerasInitializer fromJson(String json) {
    return Initializers.REGISTRY.get(Config.parse(json), KERAS_3);
  }

  @Test
  void everyNameKerasAcceptsResolvesToItsClass() {
    Map<String, String> names = Map.ofEntries(
        Map.entry("glorot_uniform", "GlorotUniform"), Map.entry("GlorotNormal", "GlorotNormal"),
        Map.entry("glorot_normal", "GlorotNormal"), Map.entry("he_uniform", "HeUniform"),
        Map.entry("he_normal", "HeNormal"), Map.entry("lecun_uniform", "LecunUniform"),
        Map.entry("lecun_normal", "LecunNormal"), Map.entry("variance_scaling",
            "VarianceScaling"), Map.entry("uniform", "RandomUniform"),
        Map.entry("random_uniform", "RandomUniform"), Map.entry("normal", "RandomNormal"),
        Map.entry("random_normal", "RandomNormal"), Map.entry("truncated_normal",
            "TruncatedNormal"), Map.entry("orthogonal", "Orthogonal"),
        Map.entry("OrthogonalInitializer", "Orthogonal"), Map.entry("IdentityInitializer",
            "Identity"), Map.entry("identity", "Identity"), Map.entry("one", "Ones"),
        Map.entry("ones", "Ones"), Map.entry("zero", "Zeros"), Map.entry("zeros", "Zeros"),
        Map.entry("constant", "Constant"));
    names.forEach((name, cls) -> assertEquals(cls, named(name).className(), name));
  }

  @Test
  void keras2AndKeras3DictsAndTfKerasPrefixesResolve() {
    assertEquals("Orthogonal", fromJson("{\"module\": \"keras.initializers\", \"class_name\":"
        + " \"OrthogonalInitializer\", \"config\": {\"gain\": 1.0, \"seed\": null},"
        + " \"registered_name\": null}").className());
    KerasInitializer vs = fromJson("{\"class_name\": \"VarianceScaling\", \"config\":"
        + " {\"distribution\": \"uniform\", \"scale\": 1.0, \"seed\": null,"
        + " \"mode\": \"fan_avg\"}}");
    assertEquals(Map.of("scale", 1.0, "mode", "fan_avg", "distribution", "uniform"),
        Map.of("scale", vs.config().get("scale"), "mode", vs.config().get("mode"),
            "distribution", vs.config().get("distribution")));
    assertEquals("Zeros", fromJson("{\"class_name\": \"Custom>Zeros\", \"config\": {}}")
        .className());
    // Keras 2's VarianceScaling "normal" is its truncated normal
    assertEquals("truncated_normal", fromJson("{\"class_name\": \"VarianceScaling\","
        + " \"config\": {\"distribution\": \"normal\", \"mode\": \"fan_in\"}}").config()
        .get("distribution"));
  }

  @Test
  void whatIsNotAnInitializerHereIsRefusedByName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> named("STFTInitializer"));
    assertTrue(e.getMessage().startsWith("initializer STFTInitializer is not supported"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> fromJson("{\"class_name\":"
        + " \"VarianceScaling\", \"config\": {\"mode\": \"fan_sideways\"}}"));
    assertTrue(e.getMessage().contains("fan_sideways"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> fromJson("{\"class_name\":"
        + " \"RandomUniform\", \"config\": {\"minval\": 0, \"wobble\": 1}}"));
    assertEquals("RandomUniform: unknown argument wobble", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> fromJson("{\"module\":"
        + " \"my_project.inits\", \"class_name\": \"Mine\", \"config\": {}}"));
    assertTrue(e.getMessage().contains("my_project.inits"), e.getMessage());
  }

  /** Every class: built from its own config, the same class, config and values. */
  @Test
  void everyClassRoundTripsThroughItsConfig() {
    List<KerasInitializer> all = List.of(Initializers.glorotUniform(),
        Initializers.glorotNormal(), Initializers.heUniform(), Initializers.heNormal(),
        Initializers.lecunUniform(), Initializers.lecunNormal(),
        Initializers.varianceScaling(0.5, "fan_out", "untruncated_normal"),
        Initializers.randomUniform(-0.2, 0.3), Initializers.randomNormal(0.1, 0.7),
        Initializers.truncatedNormal(-0.1, 0.4), Initializers.orthogonal(1.5),
        Initializers.identity(2.0), Initializers.zeros(), Initializers.ones(),
        Initializers.constant(0.25f), Initializers.heNormal().withSeed(7));
    assertEquals(Initializers.REGISTRY.classes().size(), all.size() - 1,
        "a round trip for every registered class");
    for (KerasInitializer init : all) {
      JsonNode saved = JSON.valueToTree(init.serialize());
      KerasInitializer back = Initializers.REGISTRY.get(saved, KERAS_3);
      assertEquals(init.className(), back.className());
      assertEquals(init.config(), back.config(), init.className());
      int[] shape = {6, 6};
      assertArrayEquals(init.generate(shape, new Random(3)), back.generate(shape,
          new Random(3)), init.className());
    }
  }

  private static double[] moments(float[] v) {
    double mean = 0;
    double max = 0;
    for (float x : v) {
      mean += x;
      max = Math.max(max, Math.abs(x));
    }
    mean /= v.length;
    double var = 0;
    for (float x : v) {
      var += (x - mean) * (x - mean);
    }
    return new double[] {mean, var / v.length, max};
  }

  /**
   * VarianceScaling draws with variance {@code scale / n} in every distribution (the truncated
   * normal's 0.8796 correction restores it), uniform within {@code sqrt(3 scale / n)}, the
   * truncated normal within two of its standard deviations.
   */
  @Test
  void varianceScalingHasKerasVarianceInEveryModeAndDistribution() {
    int[] shape = {3, 3, 40, 60}; // receptive field 9: fanIn 360, fanOut 540
    Map<String, Double> fan = Map.of("fan_in", 360.0, "fan_out", 540.0, "fan_avg", 450.0);
    for (String mode : fan.keySet()) {
      for (String dist : List.of("uniform", "truncated_normal", "untruncated_normal")) {
        double scale = 2.0;
        double variance = scale / fan.get(mode);
        double[] m = moments(Initializers.varianceScaling(scale, mode, dist)
            .generate(shape, new Random(11)));
        String what = mode + " " + dist;
        assertEquals(0, m[0], 0.01 * Math.sqrt(variance), what);
        assertEquals(variance, m[1], 0.03 * variance, what);
        if (dist.equals("uniform")) {
          double limit = Math.sqrt(3 * variance);
          assertTrue(m[2] <= limit && m[2] > 0.99 * limit, what);
        } else if (dist.equals("truncated_normal")) {
          double stddev = Math.sqrt(variance) / 0.87962566103423978;
          assertTrue(m[2] <= 2 * stddev && m[2] > 1.95 * stddev, what);
        } else {
          assertTrue(m[2] > 3 * Math.sqrt(variance), what);
        }
      }
    }
    // the presets: He 2/fanIn, Lecun and Glorot 1/fanIn and 2/(fanIn + fanOut)
    assertEquals(2 / 360.0, moments(Initializers.heUniform().generate(shape, new Random(1)))[1],
        0.03 * 2 / 360.0);
    assertEquals(1 / 360.0, moments(Initializers.lecunNormal().generate(shape,
        new Random(1)))[1], 0.03 / 360.0);
    assertEquals(2 / 900.0, moments(Initializers.glorotNormal().generate(shape,
        new Random(1)))[1], 0.03 * 2 / 900.0);
  }

  @Test
  void truncatedNormalStaysWithinTwoStandardDeviations() {
    double[] m = moments(Initializers.truncatedNormal(0, 0.5).generate(new int[] {100, 100},
        new Random(5)));
    assertTrue(m[2] <= 1.0 && m[2] > 0.98);
    // N(0, 1) cut at 2 has variance 0.7737
    assertEquals(0.25 * 0.87962566103423978 * 0.87962566103423978, m[1], 0.01);
  }

  @Test
  void constantsAndIdentityAreExact() {
    assertArrayEquals(new float[] {2, 0, 0, 0, 2, 0}, Initializers.identity(2)
        .generate(new int[] {2, 3}, new Random(1)));
    assertArrayEquals(new float[] {1, 1, 1}, named("one").generate(new int[] {3}, null));
    assertArrayEquals(new float[] {0.5f, 0.5f}, fromJson("{\"class_name\": \"Constant\","
        + " \"config\": {\"value\": 0.5}}").generate(new int[] {2}, null));
    assertThrows(IllegalArgumentException.class, () -> Initializers.identity(1)
        .generate(new int[] {2, 2, 2}, new Random(1)));
  }

  /** A seeded initializer gives the same values at every call, whatever generator it is handed. */
  @Test
  void aSeedInTheConfigFixesTheValues() {
    KerasInitializer seeded = fromJson("{\"class_name\": \"GlorotUniform\", \"config\":"
        + " {\"seed\": 42}}");
    float[] a = seeded.generate(new int[] {4, 4}, new Random(1));
    assertArrayEquals(a, seeded.generate(new int[] {4, 4}, new Random(2)));
    assertFalse(java.util.Arrays.equals(a, Initializers.glorotUniform().generate(
        new int[] {4, 4}, new Random(1))));
    assertEquals(42L, ((Number) seeded.config().get("seed")).longValue());
  }
}
