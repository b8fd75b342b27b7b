package dev.tfjlabs.keras.callbacks;

import dev.tfjlabs.keras.models.Model;
import java.util.Map;

/**
 * Keras's {@code Callback}: hooks that {@code fit} calls. Epochs and batches are 0-based, as in
 * Keras; {@code logs} maps names ({@code loss}, {@code accuracy}, {@code val_loss}, ...) to the
 * running or final values.
 */
public abstract class Callback {
  private Model model;

  /** Called by {@code fit} before training. */
  public void setModel(Model model) {
    this.model = model;
  }

  protected Model model() {
    return model;
  }

  /** Called by {@code fit} before training with the run's size. */
  public void setParams(int epochs, int steps) {}

  public void onTrainBegin() {}

  public void onEpochBegin(int epoch) {}

  public void onBatchEnd(int epoch, int batch, Map<String, Double> logs) {}

  public void onEpochEnd(int epoch, Map<String, Double> logs) {}

  public void onTrainEnd() {}

  /**
   * Called by {@code fit} instead of {@link #onTrainEnd} when training ends in an exception
   * (a diverged loss, a TensorFlow error): release what the callback holds open and publish
   * nothing. Keras has no such hook; its Python callbacks leave this to the garbage collector.
   */
  public void onTrainAbort() {}
}
