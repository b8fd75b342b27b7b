package dev.tfjlabs.keras.layers.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tfjlabs.keras.data.FloatArray;
import dev.tfjlabs.keras.initializers.Initializers;
import dev.tfjlabs.keras.layers.Input;
import dev.tfjlabs.keras.layers.KerasTensor;
import dev.tfjlabs.keras.layers.Layer;
import dev.tfjlabs.keras.layers.core.Masking;
import dev.tfjlabs.keras.models.Model;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keras 3's own recurrent tests with the numbers Keras computed ({@code test_correctness},
 * {@code test_pass_initial_state}, {@code test_masking}, {@code test_return_state} in
 * {@code keras/src/layers/rnn/simple_rnn_test.py}, {@code lstm_test.py}, {@code gru_test.py}
 * and {@code bidirectional_test.py}), with Keras's tolerance ({@code atol=rtol=1e-5}). Every
 * layer has the tests' constant initializers: kernel 0.01, recurrent kernel 0.02, bias 0.03. A
 * mask is given as Keras's {@code Masking(-1)} in front of the layer, the masked steps set to
 * -1.
 */
class KerasRecurrentCorrectnessTest {

  /** {@code np.arange(b * t * f).reshape((b, t, f))}. */
  private static FloatArray arange(int b, int t, int f) {
    float[] v = new float[b * t * f];
    for (int i = 0; i < v.length; i++) {
      v[i] = i;
    }
    return new FloatArray(v, b, t, f);
  }

  /** {@code np.arange(b * u).reshape((b, u)) * scale}. */
  private static FloatArray state(int b, int u, float scale) {
    float[] v = new float[b * u];
    for (int i = 0; i < v.length; i++) {
      v[i] = i * scale;
    }
    return new FloatArray(v, b, u);
  }

  private static <B extends RNN.Builder<?, B>> B constants(B b) {
    return b.kernelInitializer(Initializers.constant(0.01f))
        .recurrentInitializer(Initializers.constant(0.02f))
        .biasInitializer(Initializers.constant(0.03f));
  }

  /**
   * The layer's outputs on {@code x} (steps masked where {@code mask} is false) from the
   * initial states {@code initial} (none when empty).
   */
  private static List<FloatArray> run(Layer layer, FloatArray x, boolean[][] mask,
      FloatArray... initial) {
    int t = x.shape()[1];
    int f = x.shape()[2];
    float[] v = x.values().clone();
    for (int n = 0; mask != null && n < mask.length; n++) {
      for (int s = 0; s < t; s++) {
        if (!mask[n][s]) {
          java.util.Arrays.fill(v, (n * t + s) * f, (n * t + s + 1) * f, -1f);
        }
      }
    }
    KerasTensor in = Input.of(t, f);
    List<KerasTensor> inputs = new ArrayList<>(List.of(in));
    List<KerasTensor> args = new ArrayList<>(List.of(mask == null ? in
        : new Masking(-1, null).apply(in)));
    List<FloatArray> feeds = new ArrayList<>(List.of(new FloatArray(v, x.shape())));
    for (FloatArray s : initial) {
      KerasTensor h = Input.of(s.shape()[1]);
      inputs.add(h);
      args.add(h);
      feeds.add(s);
    }
    try (Model m = new Model(inputs, layer.applyAll(args), "keras_test")) {
      return m.predict(feeds, x.shape()[0]);
    }
  }

  /** Keras's {@code assertAllClose(actual, expected, atol=1e-5, rtol=1e-5)}. */
  private static void close(double[][] expected, FloatArray actual) {
    float[] got = actual.values();
    int k = 0;
    for (double[] row : expected) {
      for (double want : row) {
        assertTrue(Math.abs(got[k] - want) <= 1e-5 + 1e-5 * Math.abs(want), "value " + k
            + ": Keras " + want + ", got " + got[k]);
        k++;
      }
    }
    assertEquals(k, got.length, "size");
  }

  private static double[][] tiled(int width, double... rows) {
    double[][] out = new double[rows.length][width];
    for (int i = 0; i < rows.length; i++) {
      java.util.Arrays.fill(out[i], rows[i]);
    }
    return out;
  }

  private static final boolean[][] MASK = {{true, true, false, true}, {true, false, false, true}};

  @Test
  void simpleRnn() {
    FloatArray x = arange(2, 3, 4);
    close(tiled(4, 0.405432, 0.73605347), run(constants(SimpleRNN.builder(4)).build(), x, null)
        .get(0));
    close(tiled(4, 0.11144729, 0.5528889), run(constants(SimpleRNN.builder(4)).goBackwards(true)
        .build(), x, null).get(0));
    FloatArray s = arange(2, 4, 3);
    close(tiled(4, 0.33621645, 0.6262637), run(constants(SimpleRNN.builder(4)).build(), s, null,
        state(2, 4, 1)).get(0));
    close(tiled(4, 0.07344437, 0.43043602), run(constants(SimpleRNN.builder(4)).goBackwards(true)
        .build(), s, null, state(2, 4, 1)).get(0));
    close(tiled(4, 0.32951632, 0.61799484), run(constants(SimpleRNN.builder(4)).build(), s, MASK)
        .get(0));
    close(tiled(2, 0.0599281, 0.15122814, 0.15122814, 0.32394567, 0.3969304, 0.3969304,
        0.3969304, 0.608085), run(constants(SimpleRNN.builder(2)).returnSequences(true).build(), s,
        MASK).get(0));
    close(tiled(2, 0.0599281, 0.15122814, 0, 0.32394567, 0.3969304, 0, 0, 0.608085),
        run(constants(SimpleRNN.builder(2)).returnSequences(true).zeroOutputForMask(true).build(),
            s, MASK).get(0));
    close(tiled(4, 0.07376196, 0.43645123), run(constants(SimpleRNN.builder(4)).goBackwards(true)
        .build(), s, MASK).get(0));
  }

  @Test
  void lstm() {
    FloatArray x = arange(3, 6, 4);
    for (int implementation : new int[] {1, 2}) {
      close(tiled(3, 0.6288687, 0.86899155, 0.9460773), run(constants(LSTM.builder(3))
          .implementation(implementation).build(), x, null).get(0));
      close(tiled(3, 0.35622165, 0.74789524, 0.8872726), run(constants(LSTM.builder(3))
          .implementation(implementation).goBackwards(true).build(), x, null).get(0));
      close(tiled(3, 0.57019705, 0.8661914, 0.9459622), run(constants(LSTM.builder(3))
          .implementation(implementation).unitForgetBias(false).build(), x, null).get(0));
      close(tiled(3, 0.54986924, 0.86226785, 0.9443936), run(constants(LSTM.builder(3))
          .implementation(implementation).useBias(false).build(), x, null).get(0));
    }
    FloatArray s = arange(2, 4, 3);
    close(new double[][] {{0.20574439, 0.3558822}, {0.64930826, 0.66276}},
        run(constants(LSTM.builder(2)).build(), s, null, state(2, 2, 1), state(2, 2, 1)).get(0));
    close(new double[][] {{0.13281618, 0.2790356}, {0.5839337, 0.5992567}},
        run(constants(LSTM.builder(2)).goBackwards(true).build(), s, null, state(2, 2, 1),
            state(2, 2, 1)).get(0));
    boolean[][] mask = {{true, true, true, false}, {true, true, false, false}};
    close(tiled(2, 0.11755939, 0.28556206), run(constants(LSTM.builder(2)).build(), s, mask)
        .get(0));
    close(tiled(2, 0.01588910, 0.05552048, 0.11755939, 0.11755939, 0.14185596, 0.28556206,
        0.28556206, 0.28556206), run(constants(LSTM.builder(2)).returnSequences(true).build(), s,
        mask).get(0));
    close(tiled(2, 0.01588910, 0.05552048, 0.11755939, 0, 0.14185596, 0.28556206, 0, 0),
        run(constants(LSTM.builder(2)).returnSequences(true).zeroOutputForMask(true).build(), s,
            mask).get(0));
    boolean[][] backwardsMask = {{false, true, true, true}, {false, false, true, true}};
    close(tiled(2, 0.15341201, 0.3844719), run(constants(LSTM.builder(2)).goBackwards(true)
        .build(), s, backwardsMask).get(0));
  }

  @Test
  void gru() {
    FloatArray x = arange(3, 6, 4);
    for (int implementation : new int[] {1, 2, 0}) {
      // 0: Keras's test_legacy_implementation_argument
      close(tiled(3, 0.5217289, 0.6371659, 0.39384964), run(constants(GRU.builder(3))
          .implementation(implementation).build(), x, null).get(0));
    }
    close(tiled(3, 0.24406259, 0.611516, 0.3928808), run(constants(GRU.builder(3))
        .goBackwards(true).build(), x, null).get(0));
    close(tiled(3, 0.51447755, 0.6426879, 0.40208298), run(constants(GRU.builder(3))
        .resetAfter(false).build(), x, null).get(0));
    close(tiled(3, 0.49988455, 0.64701194, 0.4103359), run(constants(GRU.builder(3))
        .useBias(false).build(), x, null).get(0));
    FloatArray s = arange(2, 4, 3);
    double[][] forward = {{0.23774096, 0.33508456}, {0.83659905, 1.0227708}};
    double[][] backward = {{0.13486053, 0.23261218}, {0.78257304, 0.9691353}};
    close(forward, run(constants(GRU.builder(2)).build(), s, null, state(2, 2, 1)).get(0));
    close(backward, run(constants(GRU.builder(2)).goBackwards(true).build(), s, null,
        state(2, 2, 1)).get(0));
    List<FloatArray> withState = run(constants(GRU.builder(2)).returnState(true).build(), s, null,
        state(2, 2, 1));
    close(forward, withState.get(0));
    close(forward, withState.get(1));
    withState = run(constants(GRU.builder(2)).returnState(true).goBackwards(true).build(), s,
        null, state(2, 2, 1));
    close(backward, withState.get(0));
    close(backward, withState.get(1));
    close(tiled(2, 0.19393763, 0.30818558), run(constants(GRU.builder(2)).build(), s, MASK)
        .get(0));
    close(tiled(2, 0.03606692, 0.09497581, 0.09497581, 0.19393763, 0.16051409, 0.16051409,
        0.16051409, 0.30818558), run(constants(GRU.builder(2)).returnSequences(true).build(), s,
        MASK).get(0));
    close(tiled(2, 0.03606692, 0.09497581, 0, 0.19393763, 0.16051409, 0, 0, 0.30818558),
        run(constants(GRU.builder(2)).returnSequences(true).zeroOutputForMask(true).build(), s,
            MASK).get(0));
    close(tiled(2, 0.11669192, 0.28380975), run(constants(GRU.builder(2)).goBackwards(true)
        .build(), s, MASK).get(0));
  }

  @Test
  void bidirectional() {
    FloatArray x = arange(2, 3, 4);
    close(new double[][] {{0.39687276, 0.39687276, 0.10004295, 0.10004295},
        {0.7237238, 0.7237238, 0.53391594, 0.53391594}},
        run(new Bidirectional(constants(SimpleRNN.builder(2)).build()), x, null).get(0));
    close(tiled(2, 0.24845785, 0.6288199), run(new Bidirectional(constants(SimpleRNN.builder(2))
        .build(), "ave", null), x, null).get(0));
    List<FloatArray> both = run(new Bidirectional(constants(SimpleRNN.builder(2)).build(), null,
        null), x, null);
    close(tiled(2, 0.39687276, 0.7237238), both.get(0));
    close(tiled(2, 0.10004295, 0.53391594), both.get(1));
    SimpleRNN backwardLayer = SimpleRNN.builder(2).kernelInitializer(Initializers.constant(0.03f))
        .recurrentInitializer(Initializers.constant(0.02f))
        .biasInitializer(Initializers.constant(0.01f)).goBackwards(true).build();
    close(tiled(2, 0.08374989, 0.6740834), run(new Bidirectional(constants(SimpleRNN.builder(2))
        .build(), backwardLayer, "mul", null), x, null).get(0));
    close(new double[][] {{0.20937867, 0.20937867}, {0.34462988, 0.34462988},
        {0.40290534, 0.40290534}, {0.59829646, 0.59829646}, {0.6734641, 0.6734641},
        {0.6479671, 0.6479671}}, run(new Bidirectional(constants(GRU.builder(2))
            .returnSequences(true).build(), "sum", null), x, null).get(0));
    FloatArray s = arange(2, 4, 3);
    close(new double[][] {{0.19393763, 0.19393763, 0.11669192, 0.11669192},
        {0.30818558, 0.30818558, 0.28380975, 0.28380975}},
        run(new Bidirectional(constants(GRU.builder(2)).build()), s, MASK).get(0));
    close(new double[][] {{0.20794602, 0.4577124, 0.14046375, 0.48191673},
        {0.6682636, 0.6711909, 0.60943645, 0.60950446}},
        run(new Bidirectional(constants(LSTM.builder(2)).build()), s, null, state(2, 2, 1),
            state(2, 2, 2), state(2, 2, 3), state(2, 2, 4)).get(0));
    List<FloatArray> states = run(new Bidirectional(constants(LSTM.builder(2)).returnState(true)
        .build()), s, null);
    close(new double[][] {{0.1990008, 0.1990008, 0.12659755, 0.12659755},
        {0.52335435, 0.52335435, 0.44717982, 0.44717982}}, states.get(0));
    close(tiled(2, 0.1990008, 0.52335435), states.get(1));
    close(tiled(2, 0.35567185, 1.0492687), states.get(2));
    close(tiled(2, 0.12659755, 0.44717982), states.get(3));
    close(tiled(2, 0.2501858, 0.941473), states.get(4));
  }

  /**
   * Keras's {@code test_statefulness}: the layer called twice on the same batch gives, the
   * second time, the numbers Keras computed; after a reset, the same again.
   */
  @Test
  void statefulness() {
    FloatArray x = arange(2, 3, 4);
    stateful(constants(SimpleRNN.builder(4)).stateful(true).build(), x,
        tiled(4, 0.40559256, 0.7361247));
    stateful(constants(LSTM.builder(4)).stateful(true).build(), x,
        tiled(4, 0.3124785, 0.6863672));
    stateful(constants(GRU.builder(4)).stateful(true).build(), x,
        tiled(4, 0.29542392, 0.5885018));
    stateful(new Bidirectional(constants(LSTM.builder(2)).stateful(true).build()),
        arange(2, 4, 3), new double[][] {{0.26234663, 0.26234663, 0.16959146, 0.16959146},
            {0.6137073, 0.6137073, 0.5381646, 0.5381646}});
  }

  private static void stateful(Layer layer, FloatArray x, double[][] second) {
    KerasTensor in = Input.of(x.shape()[1], x.shape()[2]);
    try (Model m = new Model(in, layer.apply(in), "stateful")) {
      for (int round = 0; round < 2; round++) {
        m.predict(x, x.shape()[0]);
        close(second, m.predict(x, x.shape()[0]));
        m.resetStates();
      }
    }
  }
}
