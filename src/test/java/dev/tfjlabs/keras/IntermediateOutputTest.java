package dev.tfjlabs.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.tfjlabs.keras.data.FloatArray;
import dev.tfjlabs.keras.layers.Activation;
import dev.tfjlabs.keras.layers.Conv2D;
import dev.tfjlabs.keras.layers.Dense;
import dev.tfjlabs.keras.layers.Flatten;
import dev.tfjlabs.keras.layers.MaxPooling2D;
import dev.tfjlabs.keras.models.Sequential;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@code layerOutput(i)} is Keras's {@code Model(model.input, model.layers[i].output)}: it
 * equals the forward pass of a model made of the first i + 1 layers with the same weights.
 */
class IntermediateOutputTest {
  @Test
  void layerOutputsEqualTheTruncatedModelsForward() {
    Random r = new Random(4);
    float[] xs = new float[2 * 6 * 6];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = (float) r.nextDouble();
    }
    FloatArray x = new FloatArray(xs, 2, 6, 6, 1);
    try (Sequential full = new Sequential("full", 6, 6, 1).seed(1)
        .add(new Conv2D(3, 3, Activation.RELU, "same")).add(new MaxPooling2D(2))
        .add(new Conv2D(2, 3, Activation.RELU, "same")).add(new Flatten())
        .add(new Dense(4, Activation.SOFTMAX))) {
      for (int upTo = 0; upTo < 4; upTo++) {
        try (Sequential part = new Sequential("part", 6, 6, 1).seed(2)) {
          part.add(new Conv2D(3, 3, Activation.RELU, "same"));
          if (upTo >= 1) {
            part.add(new MaxPooling2D(2));
          }
          if (upTo >= 2) {
            part.add(new Conv2D(2, 3, Activation.RELU, "same"));
          }
          if (upTo >= 3) {
            part.add(new Flatten());
          }
          part.setWeights(full.getWeights().subList(0, upTo >= 2 ? 4 : 2));
          assertArrayEquals(part.predict(x, 2).values(), full.layerOutput(upTo, x, 2).values(),
              1e-6f, "layer " + upTo);
        }
      }
    }
  }
}
