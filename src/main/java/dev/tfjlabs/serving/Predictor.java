package dev.tfjlabs.serving;

import dev.tfjlabs.keras.data.FloatArray;
import dev.tfjlabs.keras.saving.ModelDescription;
import java.util.Arrays;
import java.util.List;

/** A model that predicts: a lab's SavedModel ({@link LoadedModel}) or a Keras file. */
public interface Predictor extends AutoCloseable {
  /** What the model takes and gives, as a lab's {@code model.json} says it. */
  ModelDescription description();

  /** The shape of one input sample, without the batch. */
  int[] sampleShape();

  /** The outputs [n, ...] of samples already checked to have {@link #sampleShape}. */
  FloatArray run(FloatArray x, int batchSize);

  /**
   * The outputs of a model of several inputs or outputs: one array per input, in the order of
   * {@code description().allInputs()}, each already of its shape; one array per output.
   */
  List<FloatArray> runAll(List<FloatArray> x, int batchSize);

  /**
   * The output values of one sample, already preprocessed.
   *
   * @throws BadInputException when it has another number of values than the model takes
   */
  default float[] predict(float[] sample) {
    int[] s = sampleShape();
    if (Arrays.stream(s).reduce(1, (a, b) -> a * b) != sample.length) {
      throw new BadInputException("the model takes " + Arrays.toString(s) + " values, got "
          + sample.length);
    }
    int[] shape = new int[s.length + 1];
    shape[0] = 1;
    System.arraycopy(s, 0, shape, 1, s.length);
    return run(new FloatArray(sample, shape), 1).values();
  }

  /**
   * The outputs [n, ...] of the samples of {@code x}, {@code batchSize} at a time.
   *
   * @throws BadInputException when the samples have another shape than the model takes
   */
  default FloatArray predict(FloatArray x, int batchSize) {
    if (!Arrays.equals(x.sampleShape(), sampleShape())) {
      throw new BadInputException("the model takes samples of shape "
          + Arrays.toString(sampleShape()) + ", got " + Arrays.toString(x.sampleShape()));
    }
    return run(x, batchSize);
  }

  @Override
  void close();
}
