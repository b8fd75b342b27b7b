package dev.tfjlabs.keras;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tfjlabs.keras.config.Config;
import dev.tfjlabs.keras.config.KerasVersion;
import dev.tfjlabs.keras.config.Source;
import dev.tfjlabs.keras.data.FloatArray;
import dev.tfjlabs.keras.layers.Dense;
import dev.tfjlabs.keras.losses.MeanSquaredError;
import dev.tfjlabs.keras.models.FitOptions;
import dev.tfjlabs.keras.models.Sequential;
import dev.tfjlabs.keras.optimizers.Optimizer;
import dev.tfjlabs.keras.optimizers.Optimizers;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keras 3's own {@code test_correctness_with_golden} of every optimizer
 * ({@code keras/src/optimizers/<name>_test.py}), with the numbers Keras computed: a variable of
 * ten ones, one step with the gradient 0.01 everywhere, then steps with the gradients 0.1, 0.2,
 * ..., 1.0, the variable compared after each of the five steps with Keras's tolerance
 * ({@code rtol=atol=5e-4}). Each optimizer is built from the arguments Keras's test gives its
 * constructor, as a config. A gradient g reaches the weights of {@code Dense(10, use_bias=False)}
 * on the input [1] through the mean squared error against the target {@code w - 5 g}, whose
 * gradient is {@code 2 (w - y) / 10 = g}.
 */
class GoldenOptimizerTest {
  private static final Source KERAS_3 = new Source(KerasVersion.CURRENT);

  private static double[][] tiled(double... perStep) {
    double[][] out = new double[perStep.length][10];
    for (int i = 0; i < perStep.length; i++) {
      Arrays.fill(out[i], perStep[i]);
    }
    return out;
  }

  private static void golden(String cls, String config, double[][] golden) {
    Optimizer o = Optimizers.REGISTRY.build(cls, Config.parse(config), KERAS_3);
    float[] first = new float[10];
    Arrays.fill(first, 0.01f);
    float[] grads = new float[10];
    for (int i = 0; i < 10; i++) {
      grads[i] = 0.1f * (i + 1);
    }
    try (Sequential m = new Sequential("golden", 1).add(Dense.builder(10).useBias(false)
        .build())) {
      m.compile(o, new MeanSquaredError());
      float[] ones = new float[10];
      Arrays.fill(ones, 1f);
      m.setWeights(List.of(ones));
      for (int step = 0; step < golden.length; step++) {
        float[] w = m.getWeights().get(0);
        float[] g = step == 0 ? first : grads;
        float[] y = new float[10];
        for (int i = 0; i < 10; i++) {
          y[i] = w[i] - 5 * g[i];
        }
        m.fit(FloatArray.of(1f).reshape(1, 1), new FloatArray(y, 1, 10), FitOptions.defaults()
            .batchSize(1).epochs(1).shuffle(false).verbose(false));
        float[] got = m.getWeights().get(0);
        for (int i = 0; i < 10; i++) {
          double want = golden[step][i];
          assertTrue(Math.abs(got[i] - want) <= 5e-4 + 5e-4 * Math.abs(want), cls + " step "
              + step + " value " + i + ": Keras " + want + ", got " + got[i]);
        }
      }
    }
  }

  @Test
  void sgdNesterov() {
    golden("SGD", "{\"nesterov\": true}", new double[][] {
        {0.9999, 0.9999, 0.9999, 0.9999, 0.9999, 0.9999, 0.9999, 0.9999, 0.9999, 0.9999},
        {0.9989, 0.9979, 0.9969, 0.9959, 0.9949, 0.9939, 0.9929, 0.9919, 0.9909, 0.9899},
        {0.9979, 0.9959, 0.9939, 0.9919, 0.9899, 0.9879, 0.9859, 0.9839, 0.9819, 0.9799},
        {0.9969, 0.9939, 0.9909, 0.9879, 0.9849, 0.9819, 0.9789, 0.9759, 0.9729, 0.9699},
        {0.9959, 0.9919, 0.9879, 0.9839, 0.9799, 0.9759, 0.9719, 0.9679, 0.9639, 0.9599}});
  }

  @Test
  void rmspropCentered() {
    golden("RMSprop", "{\"centered\": true}", tiled(0.9967, 0.9933, 0.9908, 0.9885, 0.9864));
  }

  @Test
  void adamAmsgrad() {
    golden("Adam", "{\"amsgrad\": true}", tiled(0.999, 0.9982, 0.9974, 0.9965, 0.9955));
  }

  @Test
  void adamw() {
    golden("AdamW", "{\"learning_rate\": 1.0, \"weight_decay\": 0.5, \"epsilon\": 2}",
        new double[][] {
            {0.4998, 0.4998, 0.4998, 0.4998, 0.4998, 0.4998, 0.4998, 0.4998, 0.4998, 0.4998},
            {0.2486, 0.2475, 0.2463, 0.2451, 0.244, 0.2428, 0.2417, 0.2405, 0.2394, 0.2382},
            {0.1223, 0.1198, 0.1174, 0.1149, 0.1124, 0.11, 0.1075, 0.1051, 0.1027, 0.1003},
            {0.0586, 0.0549, 0.0512, 0.0475, 0.0439, 0.0402, 0.0366, 0.033, 0.0294, 0.0258},
            {0.0263, 0.0215, 0.0167, 0.012, 0.0073, 0.0026, -0.0021, -0.0067, -0.0113,
                -0.0159}});
  }

  @Test
  void adamax() {
    golden("Adamax", "{\"learning_rate\": 0.2, \"beta_1\": 0.85, \"beta_2\": 0.95,"
        + " \"epsilon\": 1e-6}", new double[][] {
            {0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8},
            {0.6827, 0.6873, 0.6888, 0.6896, 0.6901, 0.6904, 0.6906, 0.6908, 0.6909, 0.691},
            {0.5333, 0.5407, 0.5431, 0.5444, 0.5451, 0.5456, 0.546, 0.5462, 0.5464, 0.5466},
            {0.368, 0.3773, 0.3804, 0.382, 0.3829, 0.3835, 0.384, 0.3843, 0.3846, 0.3848},
            {0.1933, 0.204, 0.2076, 0.2094, 0.2105, 0.2112, 0.2117, 0.2121, 0.2124, 0.2126}});
  }

  @Test
  void adagrad() {
    golden("Adagrad", "{\"learning_rate\": 0.2, \"initial_accumulator_value\": 0.3,"
        + " \"epsilon\": 1e-6}", new double[][] {
            {0.9963, 0.9963, 0.9963, 0.9963, 0.9963, 0.9963, 0.9963, 0.9963, 0.9963, 0.9963},
            {0.9604, 0.9278, 0.9003, 0.8784, 0.8615, 0.8487, 0.8388, 0.8313, 0.8255, 0.8209},
            {0.9251, 0.8629, 0.8137, 0.7768, 0.7497, 0.7298, 0.7151, 0.704, 0.6956, 0.6891},
            {0.8903, 0.8012, 0.7342, 0.6862, 0.6521, 0.6277, 0.6099, 0.5967, 0.5867, 0.579},
            {0.856, 0.7422, 0.6604, 0.6037, 0.5644, 0.5367, 0.5168, 0.5021, 0.491, 0.4825}});
  }

  @Test
  void adadelta() {
    golden("Adadelta", "{\"learning_rate\": 1.0, \"rho\": 0.8, \"epsilon\": 1e-6}",
        tiled(0.9978, 0.9947, 0.9915, 0.9882, 0.9849));
  }

  @Test
  void nadam() {
    golden("Nadam", "{\"learning_rate\": 0.5, \"beta_1\": 0.5, \"beta_2\": 0.67,"
        + " \"epsilon\": 1e-5}", new double[][] {
            {0.4281, 0.4281, 0.4281, 0.4281, 0.4281, 0.4281, 0.4281, 0.4281, 0.4281, 0.4281},
            {-0.1738, -0.1731, -0.1726, -0.1723, -0.1721, -0.172, -0.1719, -0.1718, -0.1718,
                -0.1717},
            {-0.7115, -0.7103, -0.7096, -0.7092, -0.709, -0.7088, -0.7086, -0.7085, -0.7085,
                -0.7084},
            {-1.2335, -1.2322, -1.2313, -1.2309, -1.2306, -1.2304, -1.2302, -1.2301, -1.23,
                -1.2299},
            {-1.7492, -1.7478, -1.7469, -1.7464, -1.7461, -1.7459, -1.7457, -1.7456, -1.7455,
                -1.7454}});
  }

  @Test
  void ftrl() {
    golden("Ftrl", "{\"learning_rate\": 0.05, \"learning_rate_power\": -0.2,"
        + " \"initial_accumulator_value\": 0.4, \"l1_regularization_strength\": 0.05,"
        + " \"l2_regularization_strength\": 0.15, \"l2_shrinkage_regularization_strength\": 0.01,"
        + " \"beta\": 0.3}", new double[][] {
            {0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0},
            {-0.0034, -0.0077, -0.0118, -0.0157, -0.0194, -0.023, -0.0263, -0.0294, -0.0325,
                -0.0354},
            {-0.0078, -0.0162, -0.0242, -0.0317, -0.0387, -0.0454, -0.0516, -0.0575, -0.0631,
                -0.0685},
            {-0.0121, -0.0246, -0.0363, -0.0472, -0.0573, -0.0668, -0.0757, -0.0842, -0.0922,
                -0.0999},
            {-0.0164, -0.0328, -0.0481, -0.0623, -0.0753, -0.0875, -0.099, -0.1098, -0.1201,
                -0.1299}});
  }

  @Test
  void lion() {
    golden("Lion", "{}", tiled(0.999, 0.998, 0.997, 0.996, 0.995));
  }

  @Test
  void lamb() {
    golden("Lamb", "{}", tiled(0.999, 0.9982, 0.9974, 0.9965, 0.9955));
  }
}
