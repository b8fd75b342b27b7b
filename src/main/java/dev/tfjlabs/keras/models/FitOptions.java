package dev.tfjlabs.keras.models;

import dev.tfjlabs.keras.callbacks.Callback;
import dev.tfjlabs.keras.data.FloatArray;
import java.util.ArrayList;
import java.util.List;

/**
 * The keyword arguments of Keras's {@code fit}, with its defaults: batch size 32, 1 epoch, no
 * validation, validation in batches of the batch size, shuffling each epoch, progress output.
 * {@code validationSplit} takes the last fraction of the arrays before shuffling, as Keras does;
 * {@code seed} drives shuffling and dropout.
 */
public final class FitOptions {
  int batchSize = 32;
  Integer validationBatchSize;
  int epochs = 1;
  int initialEpoch;
  java.util.List<FloatArray> validationX;
  java.util.List<FloatArray> validationY;
  double validationSplit;
  boolean shuffle = true;
  final List<Callback> callbacks = new ArrayList<>();
  long seed;
  boolean verbose = true;
  FloatArray sampleWeight;
  FloatArray validationSampleWeight;
  java.util.Map<Integer, Double> classWeight;

  public static FitOptions defaults() {
    return new FitOptions();
  }

  public int batchSize() {
    return batchSize;
  }

  public int epochs() {
    return epochs;
  }

  public FitOptions batchSize(int value) {
    if (value <= 0) {
      throw new IllegalArgumentException("batch size must be positive, got " + value);
    }
    batchSize = value;
    return this;
  }

  /**
   * Keras's {@code validation_batch_size}: the batch size of the validation after each epoch
   * (default: {@code batchSize}). The validation metrics are means over all samples whatever
   * the batching; larger batches only make the validation faster.
   */
  public FitOptions validationBatchSize(int value) {
    if (value <= 0) {
      throw new IllegalArgumentException("validation batch size must be positive, got " + value);
    }
    validationBatchSize = value;
    return this;
  }

  int validationBatchSizeOrBatchSize() {
    return validationBatchSize != null ? validationBatchSize : batchSize;
  }

  /**
   * Keras's {@code initial_epoch}: the 0-based epoch to start at, to resume a run that stopped
   * after it (default 0). Training runs epochs {@code initialEpoch} to {@code epochs - 1}, with
   * the shuffles and dropout masks the uninterrupted run drew for them (fit replays the earlier
   * epochs' draws from the seed), so with the optimizer state restored a resumed run repeats the
   * uninterrupted one.
   */
  public FitOptions initialEpoch(int value) {
    if (value < 0) {
      throw new IllegalArgumentException("initial_epoch must be >= 0, got " + value);
    }
    initialEpoch = value;
    return this;
  }

  public FitOptions epochs(int value) {
    if (value < 0) {
      throw new IllegalArgumentException("epochs must be >= 0, got " + value);
    }
    epochs = value;
    return this;
  }

  public FitOptions validationData(FloatArray x, FloatArray y) {
    if (x.rows() != y.rows()) {
      throw new IllegalArgumentException("validation x has " + x.rows() + " samples, y "
          + y.rows());
    }
    validationX = java.util.List.of(x);
    validationY = java.util.List.of(y);
    return this;
  }

  /**
   * Keras's {@code validation_data=(x, y, sample_weight)}: the validation loss weighs each
   * sample's loss as training does ({@code sum(w l) / n} per batch); the metrics are not
   * weighted.
   */
  public FitOptions validationData(FloatArray x, FloatArray y, FloatArray sampleWeight) {
    validationData(x, y);
    if (sampleWeight.rows() != x.rows()) {
      throw new IllegalArgumentException("validation sample_weight has " + sampleWeight.rows()
          + " values for " + x.rows() + " samples; give one weight per sample");
    }
    validationSampleWeight = sampleWeight;
    return this;
  }

  /**
   * Keras's {@code validation_data=(x, y)} of a model of several inputs or outputs: one array
   * per input and one per output.
   */
  public FitOptions validationData(java.util.List<FloatArray> x, java.util.List<FloatArray> y) {
    validationX = java.util.List.copyOf(x);
    validationY = java.util.List.copyOf(y);
    return this;
  }

  public FitOptions validationSplit(double fraction) {
    if (!(fraction >= 0 && fraction < 1)) {
      throw new IllegalArgumentException("validationSplit must be in [0, 1), got " + fraction);
    }
    validationSplit = fraction;
    return this;
  }

  public FitOptions shuffle(boolean value) {
    shuffle = value;
    return this;
  }

  /**
   * Keras's {@code sample_weight}: one weight per training sample, multiplying its loss
   * ({@code sum(w l) / n} per batch, the metrics unweighted, as Keras's {@code metrics} are).
   */
  public FitOptions sampleWeight(FloatArray value) {
    sampleWeight = value;
    return this;
  }

  /**
   * Keras's {@code class_weight}: each sample's loss weighted by its class's weight (absent
   * classes 1), the class read from the targets (an index, or the largest one-hot column); a
   * model of one output.
   */
  public FitOptions classWeight(java.util.Map<Integer, Double> value) {
    classWeight = java.util.Map.copyOf(value);
    return this;
  }

  public FitOptions callbacks(Callback... values) {
    callbacks.addAll(List.of(values));
    return this;
  }

  public FitOptions seed(long value) {
    seed = value;
    return this;
  }

  /** Print Keras's per-epoch lines (default true). */
  public FitOptions verbose(boolean value) {
    verbose = value;
    return this;
  }
}
