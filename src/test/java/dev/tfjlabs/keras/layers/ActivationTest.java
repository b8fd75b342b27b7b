package dev.tfjlabs.keras.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tfjlabs.keras.config.KerasVersion;
import dev.tfjlabs.keras.data.FloatArray;
import dev.tfjlabs.keras.models.Sequential;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Every Keras activation by name, computed in the graph (a Dense layer with an identity kernel
 * and no bias) against its definition in {@code keras/src/activations/activations.py}, written
 * here in double precision.
 */
class ActivationTest {
  private static final int N = 15;
  private static final KerasVersion KERAS_2 = KerasVersion.of("2.1.3", "tensorflow");

  private static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  private static double erf(double x) {
    // Abramowitz and Stegun 7.1.26 is too coarse; integrate the series instead
    double sum = x;
    double term = x;
    for (int n = 1; n < 200; n++) {
      term *= -x * x / n;
      sum += term / (2 * n + 1);
    }
    return 2 / Math.sqrt(Math.PI) * sum;
  }

  private static final Map<Activation, DoubleUnaryOperator> REFERENCE = Map.ofEntries(
      Map.entry(Activation.LINEAR, x -> x),
      Map.entry(Activation.RELU, x -> Math.max(x, 0)),
      Map.entry(Activation.SIGMOID, ActivationTest::sigmoid),
      Map.entry(Activation.TANH, Math::tanh),
      Map.entry(Activation.HARD_SIGMOID, x -> Math.min(1, Math.max(0, x / 6 + 0.5))),
      Map.entry(Activation.HARD_SIGMOID_KERAS_2, x -> Math.min(1, Math.max(0, 0.2 * x + 0.5))),
      Map.entry(Activation.RELU6, x -> Math.min(6, Math.max(0, x))),
      Map.entry(Activation.LEAKY_RELU, x -> x > 0 ? x : 0.2 * x),
      Map.entry(Activation.ELU, x -> x > 0 ? x : Math.exp(x) - 1),
      Map.entry(Activation.SELU, x -> 1.0507009873554805 * (x > 0 ? x
          : 1.6732632423543772 * (Math.exp(x) - 1))),
      Map.entry(Activation.GELU, x -> 0.5 * x * (1 + erf(x / Math.sqrt(2)))),
      Map.entry(Activation.SILU, x -> x * sigmoid(x)),
      Map.entry(Activation.MISH, x -> x * Math.tanh(Math.log1p(Math.exp(x)))),
      Map.entry(Activation.SOFTPLUS, x -> Math.log1p(Math.exp(x))),
      Map.entry(Activation.SOFTSIGN, x -> x / (1 + Math.abs(x))),
      Map.entry(Activation.EXPONENTIAL, Math::exp),
      Map.entry(Activation.HARD_SILU, x -> x * Math.min(1, Math.max(0, x / 6 + 0.5))));

  /** x from -7 to 7, one row. */
  private static FloatArray inputs() {
    float[] x = new float[N];
    for (int i = 0; i < N; i++) {
      x[i] = -7 + i;
    }
    return new FloatArray(x, 1, N);
  }

  private static float[] computed(Activation a) {
    try (Sequential m = new Sequential("a", N).add(new Dense(N, a))) {
      float[] kernel = new float[N * N];
      for (int i = 0; i < N; i++) {
        kernel[i * N + i] = 1;
      }
      m.setWeights(List.of(kernel, new float[N]));
      return m.predict(inputs(), 1).values();
    }
  }

  @Test
  void everyElementwiseActivationMatchesItsDefinition() {
    float[] x = inputs().values();
    REFERENCE.forEach((a, f) -> {
      float[] y = computed(a);
      for (int i = 0; i < N; i++) {
        double want = f.applyAsDouble(x[i]);
        assertEquals(want, y[i], 2e-6 * Math.max(1, Math.abs(want)), a + " at " + x[i]);
      }
    });
  }

  @Test
  void softmaxAndLogSoftmaxAreOverTheLastAxis() {
    float[] x = inputs().values();
    double sum = 0;
    for (float v : x) {
      sum += Math.exp(v);
    }
    float[] soft = computed(Activation.SOFTMAX);
    float[] log = computed(Activation.LOG_SOFTMAX);
    for (int i = 0; i < N; i++) {
      assertEquals(Math.exp(x[i]) / sum, soft[i], 1e-7);
      assertEquals(x[i] - Math.log(sum), log[i], 2e-6);
    }
  }

  @Test
  void namesAndAliasesAsKerasAcceptsThem() {
    for (Activation a : Activation.values()) {
      if (a != Activation.HARD_SIGMOID_KERAS_2) {
        assertSame(a, Activation.of(a.kerasName()));
      }
    }
    assertSame(Activation.SILU, Activation.of("swish"));
    assertSame(Activation.HARD_SILU, Activation.of("hard_swish"));
    assertSame(Activation.LINEAR, Activation.of((String) null));
    assertThrows(IllegalArgumentException.class, () -> Activation.of("wobbly"));
  }

  /** Keras 2 and Keras 3 define hard_sigmoid differently; a file keeps its Keras's. */
  @Test
  void hardSigmoidFollowsTheKerasVersionThatWroteTheFile() {
    assertSame(Activation.HARD_SIGMOID_KERAS_2, Activation.of("hard_sigmoid", KERAS_2));
    assertSame(Activation.HARD_SIGMOID, Activation.of("hard_sigmoid", KerasVersion.of("3.6.0",
        "tensorflow")));
    assertEquals("hard_sigmoid", Activation.HARD_SIGMOID_KERAS_2.kerasName());
    // x = 1: Keras 2 gives 0.7, Keras 3 0.6667
    float[] k2 = computed(Activation.HARD_SIGMOID_KERAS_2);
    float[] k3 = computed(Activation.HARD_SIGMOID);
    assertEquals(0.7, k2[8], 1e-6);
    assertEquals(1 / 6.0 + 0.5, k3[8], 1e-6);
  }
}
