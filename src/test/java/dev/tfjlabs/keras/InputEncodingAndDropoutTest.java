package dev.tfjlabs.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tfjlabs.data.Sequences;
import dev.tfjlabs.keras.data.FloatArray;
import dev.tfjlabs.keras.initializers.Initializers;
import dev.tfjlabs.keras.layers.Activation;
import dev.tfjlabs.keras.layers.CategoryEncoding;
import dev.tfjlabs.keras.layers.Embedding;
import dev.tfjlabs.keras.layers.rnn.SimpleRNN;
import dev.tfjlabs.keras.losses.MeanSquaredError;
import dev.tfjlabs.keras.models.Sequential;
import dev.tfjlabs.keras.optimizers.SGD;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One-hot encoding in the graph, and Keras's recurrent input dropout. */
class InputEncodingAndDropoutTest {
  @Test
  void categoryEncodingInTheGraphEqualsToCategorical() {
    int[] ids = {0, 4, 2, 2, 1, 3};
    float[] asFloats = new float[ids.length];
    for (int i = 0; i < ids.length; i++) {
      asFloats[i] = ids[i];
    }
    try (Sequential m = new Sequential("onehot", 3).add(new CategoryEncoding(5))) {
      assertArrayEquals(new int[] {3, 5}, m.outputShape());
      assertEquals(0, m.countParams());
      FloatArray got = m.predict(new FloatArray(asFloats, 2, 3), 2);
      assertArrayEquals(Sequences.toCategorical(ids, 5).values(), got.values());
    }
  }

  @Test
  void anIdOutsideTheTokensFailsWithOneLineNamingIt() {
    try (Sequential m = new Sequential("onehot", 3).add(new CategoryEncoding(5))) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> m.predict(new FloatArray(new float[] {0, 7, 2}, 1, 3), 1));
      assertTrue(e.getMessage().startsWith(
          "CategoryEncoding(num_tokens=5): input id outside [0, 5); ids in the batch run from 0 to 7"),
          e.getMessage());
      assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
  }

  @Test
  void anEmbeddingRefusesANegativeId() {
    try (Sequential m = new Sequential("e", 2).add(new Embedding(10, 4))) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> m.predict(new FloatArray(new float[] {-1, 3}, 1, 2), 1));
      assertTrue(e.getMessage().startsWith(
          "Embedding(input_dim=10): input id outside [0, 10); ids in the batch run from -1 to 3"),
          e.getMessage());
    }
  }

  /**
   * SimpleRNN with linear activation, identity kernel and zero recurrent kernel: each step's
   * output is its input times the dropout mask, so the mask is visible on inputs of ones.
   */
  @Test
  void recurrentInputDropoutKeepsOneMaskPerSequenceScaledInTrainingOnly() {
    int f = 8;
    int t = 5;
    int b = 4;
    float[] identity = new float[f * f];
    for (int i = 0; i < f; i++) {
      identity[i * f + i] = 1;
    }
    float[] ones = new float[b * t * f];
    java.util.Arrays.fill(ones, 1f);
    FloatArray x = new FloatArray(ones, b, t, f);
    try (Sequential m = new Sequential("drop", t, f).add(SimpleRNN.builder(f)
        .activation(Activation.LINEAR).dropout(0.5).returnSequences(true)
        .recurrentInitializer(Initializers.zeros()).build())) {
      m.compile(new SGD(0.1), new MeanSquaredError());
      m.setWeights(List.of(identity, new float[f * f], new float[f]));
      float[] inference = m.call(x, false).values();
      for (float v : inference) {
        assertEquals(1f, v, 1e-6, "no dropout at inference");
      }
      float[] training = m.call(x, true).values();
      int zeros = 0;
      for (int s = 0; s < b; s++) {
        for (int j = 0; j < f; j++) {
          float first = training[(s * t) * f + j];
          assertTrue(first == 0f || Math.abs(first - 2f) < 1e-6, "kept inputs scale by 1/(1-0.5)");
          zeros += first == 0f ? 1 : 0;
          for (int step = 1; step < t; step++) {
            assertEquals(first, training[(s * t + step) * f + j], 1e-6,
                "one mask for every step of sample " + s);
          }
        }
      }
      assertTrue(zeros > 0 && zeros < b * f, "some inputs dropped, some kept: " + zeros);
    }
  }
}
