package dev.tfjlabs.keras.models;

import static dev.tfjlabs.keras.KerasReference.affine;
import static dev.tfjlabs.keras.TestData.assertClose;
import static dev.tfjlabs.keras.TestData.flat;
import static dev.tfjlabs.keras.TestData.matrix;
import static dev.tfjlabs.keras.TestData.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tfjlabs.keras.data.FloatArray;
import dev.tfjlabs.keras.layers.Activation;
import dev.tfjlabs.keras.layers.Dense;
import dev.tfjlabs.keras.layers.Input;
import dev.tfjlabs.keras.layers.KerasTensor;
import dev.tfjlabs.keras.layers.Layer;
import dev.tfjlabs.keras.layers.merging.Add;
import dev.tfjlabs.keras.losses.MeanSquaredError;
import dev.tfjlabs.keras.optimizers.SGD;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Functional models ({@code keras.Input}, {@code layer(x)}, {@code keras.Model(inputs,
 * outputs)}) against plain-Java double-precision passes of the same equations: branches that
 * merge, a layer used twice (one set of weights, gradients summed over both uses), sub-models
 * that see the trained weights, several inputs and outputs, and the graphs Keras refuses.
 */
class FunctionalModelTest {

  private static Dense dense(String name, int units, Activation activation) {
    return Dense.builder(units).activation(activation).name(name).build();
  }

  private static double[][] apply(double[][] z, java.util.function.DoubleUnaryOperator f) {
    double[][] out = new double[z.length][];
    for (int n = 0; n < z.length; n++) {
      out[n] = java.util.Arrays.stream(z[n]).map(f).toArray();
    }
    return out;
  }

  private static double[][] plus(double[][] a, double[][] b) {
    double[][] out = new double[a.length][a[0].length];
    for (int n = 0; n < a.length; n++) {
      for (int j = 0; j < a[0].length; j++) {
        out[n][j] = a[n][j] + b[n][j];
      }
    }
    return out;
  }

  /** x -> {tanh(x A + a), relu(x B + b)} -> sum -> linear(C): a diamond. */
  @Test
  void branchesThatMergePredictTheReferenceAndKeepKerasLayerOrder() {
    KerasTensor x = Input.of("x", 4);
    KerasTensor a = dense("a", 3, Activation.TANH).apply(x);
    KerasTensor b = dense("b", 3, Activation.RELU).apply(x);
    KerasTensor sum = new Add("sum").apply(a, b);
    KerasTensor y = dense("y", 2, Activation.LINEAR).apply(sum);
    try (Model m = new Model(x, y, "diamond")) {
      assertEquals(List.of("x", "a", "b", "sum", "y"),
          m.layers().stream().map(Layer::name).toList());
      assertEquals(4 * 3 + 3 + 4 * 3 + 3 + 3 * 2 + 2, m.countParams());
      List<float[]> w = List.of(uniform(1, 0.8, 4, 3).values(), uniform(2, 0.3, 3).values(),
          uniform(3, 0.8, 4, 3).values(), uniform(4, 0.3, 3).values(),
          uniform(5, 0.8, 3, 2).values(), uniform(6, 0.3, 2).values());
      m.setWeights(w);
      FloatArray in = uniform(7, 1.0, 5, 4);
      double[][] xs = matrix(in);
      double[][] ha = apply(affine(xs, w.get(0), w.get(1), 3), Math::tanh);
      double[][] hb = apply(affine(xs, w.get(2), w.get(3), 3), v -> Math.max(0, v));
      double[][] expected = affine(plus(ha, hb), w.get(4), w.get(5), 2);
      assertClose(flat(expected), m.predict(in, 2).values(), 1e-5);
      // the intermediate layer's output, as keras.Model(m.inputs, m.get_layer("a").output) gives
      assertClose(flat(ha), m.layerOutput(1, in, 5).values(), 1e-5);
    }
  }

  /**
   * y = D(D(x)) with one Dense D: one set of weights, and one SGD step (rate 1, MSE) moves each
   * weight by the sum of the gradients of both uses, hand-derived here.
   */
  @Test
  void aLayerUsedTwiceHasOneSetOfWeightsAndSumsBothGradients() {
    Dense d = dense("shared", 2, Activation.LINEAR);
    KerasTensor x = Input.of("x", 2);
    KerasTensor y = d.apply(d.apply(x));
    assertEquals(2, d.inboundNodes().size());
    FloatArray in = uniform(11, 1.0, 3, 2);
    FloatArray target = uniform(12, 1.0, 3, 2);
    try (Model m = new Model(x, y, "twice")) {
      assertEquals(2 * 2 + 2, m.countParams());
      assertEquals(2, m.getWeights().size());
      float[] k = uniform(13, 0.9, 2, 2).values();
      float[] bias = uniform(14, 0.2, 2).values();
      m.compile(new SGD(1.0), new MeanSquaredError());
      m.setWeights(List.of(k, bias));
      m.fit(in, target, FitOptions.defaults().batchSize(3).epochs(1).shuffle(false)
          .verbose(false));
      // reference: h = xK + b, y = hK + b, L = mean over samples and outputs of (y - t)^2
      double[][] xs = matrix(in);
      double[][] ts = matrix(target);
      double[][] h = affine(xs, k, bias, 2);
      double[][] out = affine(h, k, bias, 2);
      double[] gk = new double[4];
      double[] gb = new double[2];
      int n = xs.length;
      for (int s = 0; s < n; s++) {
        double[] dy = new double[2];
        for (int j = 0; j < 2; j++) {
          dy[j] = 2 * (out[s][j] - ts[s][j]) / (n * 2);
        }
        double[] dh = new double[2];
        for (int i = 0; i < 2; i++) {
          for (int j = 0; j < 2; j++) {
            gk[i * 2 + j] += h[s][i] * dy[j]; // second use: y = hK + b
            dh[i] += k[i * 2 + j] * dy[j];
          }
        }
        for (int i = 0; i < 2; i++) {
          for (int j = 0; j < 2; j++) {
            gk[i * 2 + j] += xs[s][i] * dh[j]; // first use: h = xK + b
          }
        }
        for (int j = 0; j < 2; j++) {
          gb[j] += dy[j] + dh[j];
        }
      }
      List<float[]> after = m.getWeights();
      double[] expectedK = new double[4];
      double[] expectedB = new double[2];
      for (int i = 0; i < 4; i++) {
        expectedK[i] = k[i] - gk[i];
      }
      for (int j = 0; j < 2; j++) {
        expectedB[j] = bias[j] - gb[j];
      }
      assertClose(expectedK, after.get(0), 1e-5);
      assertClose(expectedB, after.get(1), 1e-5);
    }
  }

  /** keras.Model(m.inputs, m.get_layer("hidden").output) sees m's weights as they train. */
  @Test
  void aSubModelSharesTheTrainedWeights() {
    KerasTensor x = Input.of("x", 3);
    KerasTensor h = dense("hidden", 4, Activation.TANH).apply(x);
    KerasTensor y = dense("out", 1, Activation.LINEAR).apply(h);
    FloatArray in = uniform(21, 1.0, 6, 3);
    FloatArray target = uniform(22, 1.0, 6, 1);
    try (Model m = new Model(x, y, "full");
        Model sub = new Model(m.inputs(), List.of(m.getLayer("hidden").output()), "features")) {
      m.compile(new SGD(0.5), new MeanSquaredError());
      m.fit(in, target, FitOptions.defaults().batchSize(6).epochs(1).verbose(false));
      for (int round = 0; round < 2; round++) {
        List<float[]> w = m.getWeights();
        double[][] expected = apply(affine(matrix(in), w.get(0), w.get(1), 4), Math::tanh);
        assertClose(flat(expected), sub.predict(in, 6).values(), 1e-5);
        m.fit(in, target, FitOptions.defaults().batchSize(6).epochs(1).verbose(false));
      }
      // and the other way: weights set through the sub-model reach the full model
      List<float[]> fresh = List.of(uniform(23, 0.5, 3, 4).values(), uniform(24, 0.5, 4).values());
      sub.setWeights(fresh);
      assertClose(flat(new double[][] {toDouble(fresh.get(0))}),
          m.getWeights().get(0), 0);
    }
  }

  private static double[] toDouble(float[] v) {
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      d[i] = v[i];
    }
    return d;
  }

  /** Two inputs, two outputs: each output from its own reference formula. */
  @Test
  void severalInputsAndOutputsPredictOneArrayEach() {
    KerasTensor left = Input.of("left", 2);
    KerasTensor right = Input.of("right", 3);
    KerasTensor l = dense("l", 2, Activation.LINEAR).apply(left);
    KerasTensor r = dense("r", 2, Activation.LINEAR).apply(right);
    KerasTensor both = new Add("both").apply(l, r);
    KerasTensor first = dense("first", 1, Activation.SIGMOID).apply(both);
    try (Model m = new Model(List.of(left, right), List.of(first, r), "two")) {
      List<float[]> w = m.getWeights();
      assertEquals(List.of("left", "right", "l", "r", "both", "first"),
          m.layers().stream().map(Layer::name).toList());
      FloatArray a = uniform(31, 1.0, 4, 2);
      FloatArray b = uniform(32, 1.0, 4, 3);
      List<FloatArray> out = m.predict(List.of(a, b), 3);
      double[][] lv = affine(matrix(a), w.get(0), w.get(1), 2);
      double[][] rv = affine(matrix(b), w.get(2), w.get(3), 2);
      double[][] fv = apply(affine(plus(lv, rv), w.get(4), w.get(5), 1),
          dev.tfjlabs.keras.KerasReference::sigmoid);
      assertEquals(2, out.size());
      assertClose(flat(fv), out.get(0).values(), 1e-5);
      assertClose(flat(rv), out.get(1).values(), 1e-5);
      var e = assertThrows(IllegalArgumentException.class, () -> m.predict(List.of(a), 3));
      assertTrue(e.getMessage().contains("takes 2 input arrays"), e.getMessage());
    }
  }

  @Test
  void graphsKerasRefusesAreRefusedInOneLineNamingTheTensorOrLayer() {
    KerasTensor x = Input.of("x1", 2);
    KerasTensor other = Input.of("x2", 2);
    KerasTensor y = dense("d1", 2, Activation.LINEAR).apply(other);
    var disconnected = assertThrows(IllegalArgumentException.class, () -> new Model(x, y, "m"));
    assertTrue(disconnected.getMessage().startsWith("graph disconnected")
        && disconnected.getMessage().contains("x2"), disconnected.getMessage());

    var unused = assertThrows(IllegalArgumentException.class,
        () -> new Model(List.of(x, other), List.of(y), "m"));
    assertTrue(unused.getMessage().contains("x1") && unused.getMessage().contains("used by no"),
        unused.getMessage());

    KerasTensor z = dense("d1", 2, Activation.LINEAR).apply(x);
    KerasTensor twice = new Add("sum2").apply(z, dense("d1", 2, Activation.LINEAR).apply(z));
    var names = assertThrows(IllegalArgumentException.class, () -> new Model(x, twice, "m"));
    assertTrue(names.getMessage().contains("\"d1\""), names.getMessage());

    KerasTensor wide = Input.of("wide", 3);
    var shapes = assertThrows(IllegalArgumentException.class,
        () -> new Add("mismatch").apply(x, wide));
    assertTrue(shapes.getMessage().contains("mismatch") && shapes.getMessage().contains("[2]")
        && shapes.getMessage().contains("[3]"), shapes.getMessage());

    Dense used = dense("used", 2, Activation.LINEAR);
    used.apply(x);
    var rebuilt = assertThrows(IllegalArgumentException.class, () -> used.apply(wide));
    assertTrue(rebuilt.getMessage().contains("used"), rebuilt.getMessage());
  }

  @Test
  void unnamedLayersAreNamedAsKerasNamesThemWhenFirstApplied() {
    KerasTensor x = Input.of(2);
    Dense first = new Dense(2);
    Dense second = new Dense(2);
    KerasTensor y = second.apply(first.apply(x));
    assertTrue(x.layer().name().startsWith("input_layer"), x.layer().name());
    assertTrue(first.name().startsWith("dense"), first.name());
    assertTrue(!first.name().equals(second.name()));
    try (Model m = new Model(x, y, null)) {
      assertEquals("functional", m.name());
      assertSame(first, m.getLayer(first.name()));
      assertSame(y, second.output());
      assertSame(x, first.input());
    }
  }

  /**
   * tf.keras 2's functional summary (98 wide, columns at 32, 53 and 65), for a model with a
   * shared layer: its second call's input is listed on a row of its own.
   */
  @Test
  void theSummaryIsKerasFunctionalTableWithConnectedTo() {
    KerasTensor x = Input.of("input_1", 4);
    Dense d = dense("shared", 4, Activation.LINEAR);
    KerasTensor h = d.apply(x);
    KerasTensor y = new Add("add").apply(h, d.apply(h));
    try (Model m = new Model(x, y, "model")) {
      String rule = "_".repeat(98) + "\n";
      String expected = "Model: \"model\"\n" + rule
          + "Layer (type)                    Output Shape         Param #     Connected to"
          + " ".repeat(21) + "\n"
          + "=".repeat(98) + "\n"
          + "input_1 (InputLayer)            [(None, 4)]          0" + " ".repeat(44) + "\n"
          + rule
          + "shared (Dense)                  (None, 4)            20          input_1[0][0]"
          + " ".repeat(20) + "\n"
          + " ".repeat(65) + "shared[0][0]" + " ".repeat(21) + "\n"
          + rule
          + "add (Add)                       (None, 4)            0           shared[0][0]"
          + " ".repeat(21) + "\n"
          + " ".repeat(65) + "shared[1][0]" + " ".repeat(21) + "\n"
          + "=".repeat(98) + "\n"
          + "Total params: 20\nTrainable params: 20\nNon-trainable params: 0\n" + rule;
      assertEquals(expected, m.summary());
    }
  }

  /**
   * Two inputs, two outputs, two losses with loss weights: the batch's losses and accuracy as
   * Keras names them, against plain-Java values, and one SGD step on the regression head moving
   * its kernel by {@code lr * w_reg * dL_reg/dW}.
   */
  @Test
  void aTwoInputTwoOutputModelTrainsWithTwoWeightedLosses() {
    KerasTensor a = Input.of("a", 2);
    KerasTensor b = Input.of("b", 3);
    KerasTensor joined = new dev.tfjlabs.keras.layers.merging.Concatenate("joined").apply(a, b);
    KerasTensor reg = dense("reg", 1, Activation.LINEAR).apply(joined);
    KerasTensor cls = dense("cls", 3, Activation.SOFTMAX).apply(b);
    int n = 4;
    FloatArray xa = uniform(41, 1.0, n, 2);
    FloatArray xb = uniform(42, 1.0, n, 3);
    FloatArray target = uniform(43, 1.0, n, 1);
    FloatArray labels = new FloatArray(new float[] {0, 2, 1, 2}, n);
    try (Model m = new Model(List.of(a, b), List.of(reg, cls), "heads")) {
      assertEquals(List.of("reg", "cls"), m.outputNames());
      double lr = 0.1;
      m.compile(new SGD(lr), List.of(new MeanSquaredError(),
          new dev.tfjlabs.keras.losses.SparseCategoricalCrossentropy()), List.of(0.5, 2.0),
          List.of(List.of(), List.of("accuracy")));
      List<float[]> w = m.getWeights(); // reg kernel, reg bias, cls kernel, cls bias
      double[][] joinedX = new double[n][5];
      double[][] bx = matrix(xb);
      for (int s = 0; s < n; s++) {
        joinedX[s][0] = xa.values()[s * 2];
        joinedX[s][1] = xa.values()[s * 2 + 1];
        System.arraycopy(bx[s], 0, joinedX[s], 2, 3);
      }
      double[][] pred = affine(joinedX, w.get(0), w.get(1), 1);
      double[][] logits = affine(bx, w.get(2), w.get(3), 3);
      double[][] probs = dev.tfjlabs.keras.KerasReference.softmax(logits);
      double regLoss = 0;
      double clsLoss = 0;
      double correct = 0;
      double[] gradKernel = new double[5];
      for (int s = 0; s < n; s++) {
        double err = pred[s][0] - target.values()[s];
        regLoss += err * err / n;
        for (int i = 0; i < 5; i++) {
          gradKernel[i] += 2 * err * joinedX[s][i] / n;
        }
        int label = (int) labels.values()[s];
        clsLoss -= Math.log(probs[s][label]) / n;
        int best = 0;
        for (int k = 1; k < 3; k++) {
          best = probs[s][k] > probs[s][best] ? k : best;
        }
        correct += best == label ? 1.0 / n : 0;
      }
      var logs = m.trainOnBatch(List.of(xa, xb), List.of(target, labels));
      assertEquals(List.of("loss", "reg_loss", "cls_loss", "cls_accuracy"),
          List.copyOf(logs.keySet()));
      assertEquals(regLoss, logs.get("reg_loss"), 1e-5);
      assertEquals(clsLoss, logs.get("cls_loss"), 1e-5);
      assertEquals(0.5 * regLoss + 2.0 * clsLoss, logs.get("loss"), 1e-5);
      assertEquals(correct, logs.get("cls_accuracy"), 1e-6);
      double[] expectedKernel = new double[5];
      for (int i = 0; i < 5; i++) {
        expectedKernel[i] = w.get(0)[i] - lr * 0.5 * gradKernel[i];
      }
      assertClose(expectedKernel, m.getWeights().get(0), 1e-5);

      var history = m.fit(List.of(xa, xb), List.of(target, labels), FitOptions.defaults()
          .batchSize(2).epochs(2).verbose(false)
          .validationData(List.of(xa, xb), List.of(target, labels)));
      assertEquals(java.util.Set.of("loss", "reg_loss", "cls_loss", "cls_accuracy", "val_loss",
          "val_reg_loss", "val_cls_loss", "val_cls_accuracy"), history.history().keySet());
      assertEquals(2, history.get("val_cls_loss").size());
      var e = assertThrows(IllegalArgumentException.class,
          () -> m.fit(List.of(xa, xb), List.of(target), FitOptions.defaults().verbose(false)));
      assertTrue(e.getMessage().contains("[reg, cls]"), e.getMessage());

      // Keras's dicts by name give what the lists give
      var byName = m.evaluate(java.util.Map.of("b", xb, "a", xa),
          java.util.Map.of("cls", labels, "reg", target), 4);
      assertEquals(m.evaluate(List.of(xa, xb), List.of(target, labels), 4), byName);
      m.compile(new SGD(lr), java.util.Map.of("cls",
          new dev.tfjlabs.keras.losses.SparseCategoricalCrossentropy(), "reg",
          new MeanSquaredError()), java.util.Map.of("reg", 0.5), java.util.Map.of());
      assertEquals(List.of(0.5, 1.0), m.lossWeights());
      e = assertThrows(IllegalArgumentException.class, () -> m.compile(new SGD(lr),
          java.util.Map.of("reg", new MeanSquaredError()), java.util.Map.of(),
          java.util.Map.of()));
      assertTrue(e.getMessage().contains("nothing for cls"), e.getMessage());
    }
  }

  /**
   * A two-input two-output model's SavedModel: its serving signature takes each input by its
   * input layer's name and gives each output by its layer's name, with predict's numbers.
   */
  @Test
  void aSavedModelOfTwoInputsAndOutputsNamesThemAsTheModelDoes(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path tmp) {
    KerasTensor left = Input.of("left", 2);
    KerasTensor right = Input.of("right", 3);
    KerasTensor sum = dense("mix", 1, Activation.LINEAR).apply(
        new dev.tfjlabs.keras.layers.merging.Concatenate("both").apply(left, right));
    KerasTensor side = dense("side", 2, Activation.TANH).apply(right);
    FloatArray a = uniform(51, 1.0, 3, 2);
    FloatArray b = uniform(52, 1.0, 3, 3);
    java.nio.file.Path dir = tmp.resolve("two");
    List<FloatArray> expected;
    try (Model m = new Model(List.of(left, right), List.of(sum, side), "two")) {
      expected = m.predict(List.of(a, b), 3);
      m.save(dir);
    }
    try (var bundle = org.tensorflow.SavedModelBundle.load(dir.toString(), "serve");
        var ta = dev.tfjlabs.keras.backend.Tensors.slice(a, 0, 3);
        var tb = dev.tfjlabs.keras.backend.Tensors.slice(b, 0, 3);
        var result = bundle.function("serving_default").call(java.util.Map.of("left", ta,
            "right", tb))) {
      assertEquals(java.util.Set.of("mix", "side"), result.keySet());
      assertClose(toDouble(expected.get(0).values()),
          dev.tfjlabs.keras.backend.Tensors.values((org.tensorflow.types.TFloat32)
              result.get("mix").orElseThrow()), 1e-6);
      assertClose(toDouble(expected.get(1).values()),
          dev.tfjlabs.keras.backend.Tensors.values((org.tensorflow.types.TFloat32)
              result.get("side").orElseThrow()), 1e-6);
    }
  }
}
