package dev.tfjlabs.keras;

import static dev.tfjlabs.keras.TestData.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tfjlabs.keras.data.FloatArray;
import dev.tfjlabs.keras.initializers.Initializers;
import dev.tfjlabs.keras.layers.Activation;
import dev.tfjlabs.keras.layers.Conv1D;
import dev.tfjlabs.keras.layers.Conv2D;
import dev.tfjlabs.keras.layers.Dense;
import dev.tfjlabs.keras.layers.MaxPooling2D;
import dev.tfjlabs.keras.layers.activations.ActivationLayer;
import dev.tfjlabs.keras.layers.activations.ELU;
import dev.tfjlabs.keras.layers.activations.LeakyReLU;
import dev.tfjlabs.keras.layers.activations.PReLU;
import dev.tfjlabs.keras.layers.activations.ReLU;
import dev.tfjlabs.keras.layers.activations.Softmax;
import dev.tfjlabs.keras.layers.activations.ThresholdedReLU;
import dev.tfjlabs.keras.layers.convolutional.Conv3D;
import dev.tfjlabs.keras.layers.normalization.BatchNormalization;
import dev.tfjlabs.keras.layers.normalization.LayerNormalization;
import dev.tfjlabs.keras.layers.pooling.AveragePooling1D;
import dev.tfjlabs.keras.layers.pooling.AveragePooling2D;
import dev.tfjlabs.keras.layers.pooling.AveragePooling3D;
import dev.tfjlabs.keras.layers.pooling.GlobalAveragePooling2D;
import dev.tfjlabs.keras.layers.pooling.GlobalMaxPooling1D;
import dev.tfjlabs.keras.layers.pooling.GlobalMaxPooling3D;
import dev.tfjlabs.keras.layers.pooling.MaxPooling1D;
import dev.tfjlabs.keras.layers.pooling.MaxPooling3D;
import dev.tfjlabs.keras.layers.regularization.ActivityRegularization;
import dev.tfjlabs.keras.layers.regularization.AlphaDropout;
import dev.tfjlabs.keras.layers.regularization.GaussianDropout;
import dev.tfjlabs.keras.layers.regularization.GaussianNoise;
import dev.tfjlabs.keras.layers.regularization.SpatialDropout1D;
import dev.tfjlabs.keras.layers.regularization.SpatialDropout2D;
import dev.tfjlabs.keras.layers.regularization.SpatialDropout3D;
import dev.tfjlabs.keras.layers.reshaping.Cropping1D;
import dev.tfjlabs.keras.layers.reshaping.Cropping2D;
import dev.tfjlabs.keras.layers.reshaping.Cropping3D;
import dev.tfjlabs.keras.layers.reshaping.Permute;
import dev.tfjlabs.keras.layers.reshaping.RepeatVector;
import dev.tfjlabs.keras.layers.reshaping.Reshape;
import dev.tfjlabs.keras.layers.reshaping.UpSampling1D;
import dev.tfjlabs.keras.layers.reshaping.UpSampling2D;
import dev.tfjlabs.keras.layers.reshaping.UpSampling3D;
import dev.tfjlabs.keras.layers.reshaping.ZeroPadding1D;
import dev.tfjlabs.keras.layers.reshaping.ZeroPadding2D;
import dev.tfjlabs.keras.layers.reshaping.ZeroPadding3D;
import dev.tfjlabs.keras.layers.rnn.TimeDistributed;
import dev.tfjlabs.keras.losses.MeanSquaredError;
import dev.tfjlabs.keras.models.FitOptions;
import dev.tfjlabs.keras.models.Sequential;
import dev.tfjlabs.keras.optimizers.Adam;
import dev.tfjlabs.keras.saving.KerasFile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model of each family of layers (images: convolution, normalization, activations, pooling,
 * reshaping, noise; sequences: the same in one dimension, TimeDistributed; volumes: the 3D
 * layers) trains a few steps from Java, its training loss falls, and its {@code .keras} file
 * reloads with the same predictions and the same layers.
 */
class LayerFamiliesReloadTest {
  @TempDir
  Path tmp;

  private void trainsAndReloads(Sequential m, FloatArray x, String file) throws Exception {
    FloatArray y = uniform(77, 1, x.rows(), 1);
    m.compile(new Adam(0.01), new MeanSquaredError());
    var h = m.fit(x, y, FitOptions.defaults().batchSize(4).epochs(8).shuffle(false)
        .verbose(false));
    List<Double> loss = h.history().get("loss");
    assertTrue(loss.get(loss.size() - 1) < loss.get(0), file + ": " + loss);
    float[] before = m.predict(x, 4).values();
    Path path = tmp.resolve(file);
    KerasFile.save(m, path);
    try (var back = KerasFile.load(path)) {
      assertEquals(m.layers().stream().map(l -> l.kerasType()).toList(),
          back.layers().stream().map(l -> l.kerasType()).toList());
      assertArrayEquals(before, back.predict(x, 4).values(), 1e-6f);
    }
  }

  @Test
  void images() throws Exception {
    try (Sequential m = new Sequential("images", 8, 8, 2)
        .add(Conv2D.builder(4, 3, 3).padding("same").build())
        .add(new BatchNormalization())
        .add(new ReLU(6.0, 0.1, 0.0, null))
        .add(new MaxPooling2D(2))
        .add(new ZeroPadding2D(new int[][] {{1, 1}, {1, 1}}, null))
        .add(new Cropping2D(new int[][] {{1, 0}, {0, 1}}, null))
        .add(new UpSampling2D(new int[][] {{2}, {2}}, "bilinear", null))
        .add(new AveragePooling2D(new int[] {2, 2}, null, "same", null))
        .add(new SpatialDropout2D(0.1, null))
        .add(new GaussianNoise(0.05, null))
        .add(new ThresholdedReLU(0.01, null))
        .add(new GlobalAveragePooling2D(null))
        .add(new ActivationLayer(Activation.TANH, null))
        .add(new Dense(1))) {
      trainsAndReloads(m, uniform(71, 1, 16, 8, 8, 2), "images.keras");
    }
  }

  @Test
  void sequences() throws Exception {
    try (Sequential m = new Sequential("sequences", 8, 3)
        .add(Conv1D.builder(4, 3).padding("causal").build())
        .add(new LayerNormalization(1e-3, true, true, null))
        .add(new PReLU(Initializers.constant(0.25f), new int[] {1}, null))
        .add(new MaxPooling1D(new int[] {2}, null, "valid", null))
        .add(new UpSampling1D(new int[][] {{2}}, null))
        .add(new ZeroPadding1D(new int[][] {{1, 2}}, null))
        .add(new Cropping1D(new int[][] {{2, 1}}, null))
        .add(new AveragePooling1D(new int[] {2}, new int[] {1}, "same", null))
        .add(new TimeDistributed(new Dense(3, Activation.TANH), null))
        .add(new SpatialDropout1D(0.1, null))
        .add(new GaussianDropout(0.1, null))
        .add(new AlphaDropout(0.1, null))
        .add(new ELU(0.5, null))
        .add(new LeakyReLU(0.2, null))
        .add(new Permute(new int[] {2, 1}, null))
        .add(new Softmax(1, null))
        .add(new Reshape(new int[] {-1, 4}, null))
        .add(new ActivityRegularization(0.0, 1e-4, null))
        .add(new GlobalMaxPooling1D(null))
        .add(new RepeatVector(2, null))
        .add(new GlobalMaxPooling1D(null))
        .add(new Dense(1))) {
      trainsAndReloads(m, uniform(72, 1, 16, 8, 3), "sequences.keras");
    }
  }

  @Test
  void volumes() throws Exception {
    try (Sequential m = new Sequential("volumes", 4, 4, 4, 1)
        .add(new Conv3D(3, new int[] {2, 2, 2}, new int[] {1, 1, 1}, "same", "channels_last",
            Activation.RELU, true, Initializers.glorotUniform(), Initializers.zeros(), null))
        .add(new MaxPooling3D(new int[] {2, 2, 2}, null, "valid", null))
        .add(new ZeroPadding3D(new int[][] {{1, 0}, {0, 1}, {1, 1}}, null))
        .add(new Cropping3D(new int[][] {{0, 1}, {1, 0}, {1, 1}}, null))
        .add(new UpSampling3D(new int[][] {{2}, {2}, {1}}, null))
        .add(new AveragePooling3D(new int[] {2, 2, 2}, new int[] {1, 1, 1}, "same", null))
        .add(new SpatialDropout3D(0.1, null))
        .add(new GlobalMaxPooling3D(false, false, null))
        .add(new Dense(1))) {
      trainsAndReloads(m, uniform(73, 1, 16, 4, 4, 4, 1), "volumes.keras");
    }
  }
}
