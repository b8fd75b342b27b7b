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

  /** The completed epochs before the loss diverged. */
  public History history() {
    return history;
  }
}
