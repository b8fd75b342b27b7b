package dev.tfjlabs.keras.saving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tfjlabs.Fixtures;
import dev.tfjlabs.data.DataFiles;
import dev.tfjlabs.data.FashionMnist;
import dev.tfjlabs.data.ImageDataset;
import dev.tfjlabs.keras.data.FloatArray;
import dev.tfjlabs.keras.models.Model;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The course's CNN files, written by Keras 2.11 ({@code .h5}) and Keras 3.4 ({@code .keras}),
 * loaded here and measured against the figures the course printed for them
 * ({@code ../shared/keras-fixtures/README.md}).
 */
class KerasFileTest {
  private static FloatArray testX;
  private static int[] testLabels;

  @BeforeAll
  static void fashionTestSet() {
    DataFiles files = DataFiles.standard(null);
    Fixtures.require(FashionMnist.files().stream().allMatch(f -> files.find(f) != null),
        "Fashion-MNIST");
    ImageDataset test = FashionMnist.load(files).test();
    testX = test.images().reshape(test.count(), 28, 28, 1);
    testLabels = test.labels();
  }

  private static double accuracy(Model m) {
    int[] predicted = m.predict(testX, 1000).argmax();
    int correct = 0;
    for (int i = 0; i < predicted.length; i++) {
      correct += predicted[i] == testLabels[i] ? 1 : 0;
    }
    return correct / (double) predicted.length;
  }

  @Test
  void theCoursesH5LoadsWithItsFigures() {
    try (Model m = KerasFile.load(Fixtures.keras("hg-mldl/best-cnn-model.h5"))) {
      assertEquals(List.of("conv2d", "max_pooling2d", "conv2d_1", "max_pooling2d_1", "flatten",
          "dense", "dropout", "dense_1"), m.layers().stream().map(l -> l.name()).toList());
      assertArrayEquals(new int[] {28, 28, 1}, m.inputShape());
      float[] kernel = m.getWeights().get(0);
      double mean = 0;
      for (float v : kernel) {
        mean += v;
      }
      mean /= kernel.length;
      double var = 0;
      for (float v : kernel) {
        var += (v - mean) * (v - mean);
      }
      assertEquals(-0.02494, mean, 5e-6);
      assertEquals(0.24952, Math.sqrt(var / kernel.length), 5e-6);
      assertEquals(0.9168, accuracy(m), 5e-5);
      int[] first = m.predict(testX.slice(0, 10), 10).argmax();
      assertArrayEquals(new int[] {9, 2, 1, 1, 6, 1, 2, 6, 5, 7}, first);
      // compiled from training_config: Adam, sparse categorical cross-entropy, accuracy
      assertEquals("Adam", m.optimizer().name());
      assertEquals(0.001, m.optimizer().learningRate(), 1e-9);
      assertEquals("sparse_categorical_crossentropy", m.loss().name());
      assertEquals(List.of("accuracy"), m.metrics());
    }
  }

  @Test
  void theCoursesKerasFileLoadsWithItsFigures() {
    try (Model m = KerasFile.load(Fixtures.keras("hg-mldl/best-cnn-model.keras"))) {
      assertEquals(0.9125, accuracy(m), 5e-5);
      assertEquals("Adam", m.optimizer().name());
    }
  }
}
