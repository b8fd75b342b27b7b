package dev.tfjlabs.serving;

import dev.tfjlabs.keras.data.FloatArray;
import dev.tfjlabs.keras.saving.ModelDescription;

/** A model that predicts: a lab's SavedModel ({@link LoadedModel}) or a Keras file. */
public interface Predictor extends AutoCloseable {
  /** What the model takes and gives, as a lab's {@code model.json} says it. */
  ModelDescription description();

  /** The shape of one input sample, without the batch. */
  int[] sampleShape();

  /** The output values of one sample, already preprocessed. */
  float[] predict(float[] sample);

  /** The outputs [n, ...] of the samples of {@code x}, {@code batchSize} at a time. */
  FloatArray predict(FloatArray x, int batchSize);

  @Override
  void close();
}
