package dev.tfjlabs.keras.models;

import dev.tfjlabs.keras.callbacks.History;

/**
 * Thrown by {@code fit} when the loss became NaN or infinite ({@code TerminateOnNaN} stopped
 * training). The message names the model, the epoch and the step and suggests a lower learning
 * rate; {@link #history()} holds the epochs completed before it.
 */
public final class TrainingDiverged extends RuntimeException {
  private final transient History history;

  public TrainingDiverged(String model, String reason, History history) {
    super(model + ": " + reason);
    this.history = history;
  }

  /**
   * The one-line reason for a {@code quantity} ("loss", "cost") that became {@code value} at
   * 1-based {@code epoch} and {@code step}, with the advice every lab gives.
   */
  public static String reason(String quantity, int epoch, int step, double value,
      Object learningRate) {
    return String.format("Epoch %d, step %d: invalid %s (%s), terminating training. The learning"
        + " rate (%s) is probably too high for this model: try a lower one, such as a tenth of"
        + " it.", epoch, step, quantity, value, learningRate);
  }

  /** The completed epochs before the loss diverged. */
  public History history() {
    return history;
  }
}
