package dev.tfjlabs.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tfjlabs.keras.layers.Activation;
import dev.tfjlabs.keras.layers.Conv2D;
import dev.tfjlabs.keras.layers.Dense;
import dev.tfjlabs.keras.layers.Dropout;
import dev.tfjlabs.keras.layers.Embedding;
import dev.tfjlabs.keras.layers.Flatten;
import dev.tfjlabs.keras.layers.MaxPooling2D;
import dev.tfjlabs.keras.layers.rnn.Bidirectional;
import dev.tfjlabs.keras.layers.rnn.LSTM;
import dev.tfjlabs.keras.layers.rnn.SimpleRNN;
import dev.tfjlabs.keras.models.Sequential;
import org.junit.jupiter.api.Test;

/** Multiply-adds counted by hand from the layers' shapes. */
class KernelWorkTest {

  @Test
  void fashionCnnCountsFiltersPerOutputPixel() {
    try (Sequential m = new Sequential("cnn", 28, 28, 1)
        .add(new Conv2D(32, 3, Activation.RELU, "same")).add(new MaxPooling2D(2))
        .add(new Conv2D(64, 3, Activation.RELU, "same")).add(new MaxPooling2D(2))
        .add(new Flatten()).add(new Dense(100, Activation.RELU)).add(new Dropout(0.4))
        .add(new Dense(10, Activation.SOFTMAX))) {
      // conv1: 3*3*1*32 at 28*28 pixels, on the data; conv2: 3*3*32*64 at 14*14;
      // dense: 7*7*64*100 and 100*10
      long conv1 = 288L * 784;
      long rest = 18_432L * 196 + 313_600 + 1_000;
      assertEquals(new KernelWork(conv1, rest), KernelWork.of(m));
      // 8.3 forward MFLOP per image, as benchmarks/cnn-training.md counts them
      assertEquals(8_306_128, 2 * (conv1 + rest));
      // training: the forward pass (8,306,128 FLOP), every kernel's weight gradient (the same
      // 8,306,128) and the input gradients of all but conv1, whose input is the data
      // (2 * 3,927,272 = 7,854,544)
      assertEquals(24_466_800L, KernelWork.of(m).trainingFlops());
    }
  }

  @Test
  void lstmCountsBothKernelsPerTimeStep() {
    try (Sequential m = new Sequential("lstm", 28, 28).add(LSTM.builder(16).build())
        .add(new Dense(10, Activation.SOFTMAX))) {
      // kernel [28, 64] and recurrent kernel [16, 64] at 28 steps; Dense [16, 10] once
      assertEquals(new KernelWork(28 * 64 * 28, 16 * 64 * 28 + 160), KernelWork.of(m));
    }
  }

  @Test
  void kernelsAfterAnEmbeddingAreOnWeights() {
    try (Sequential m = new Sequential("imdb", 20).add(new Embedding(1000, 32))
        .add(new SimpleRNN(32)).add(new Dense(1, Activation.SIGMOID))) {
      assertEquals(new KernelWork(0, 2 * 32 * 32 * 20 + 32), KernelWork.of(m));
    }
  }

  @Test
  void bidirectionalCountsBothDirectionsAndDenseEveryStep() {
    try (Sequential m = new Sequential("bi", 5, 3)
        .add(new Bidirectional(LSTM.builder(8).returnSequences(true).build()))
        .add(new Dense(2))) {
      // per direction: kernel [3, 32] and recurrent kernel [8, 32] at 5 steps; Dense [16, 2]
      // at each of the 5 steps
      assertEquals(new KernelWork(2 * 3 * 32 * 5, 2 * 8 * 32 * 5 + 16 * 2 * 5),
          KernelWork.of(m));
    }
  }
}
