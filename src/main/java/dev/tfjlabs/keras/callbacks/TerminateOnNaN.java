package dev.tfjlabs.keras.callbacks;

import dev.tfjlabs.keras.models.TrainingDiverged;
import java.util.Map;

/**
 * {@code keras.callbacks.TerminateOnNaN}: stops training as soon as the loss is NaN or
 * infinite, naming the epoch and step. {@code fit} always adds one and ends with
 * {@code TrainingDiverged} carrying {@link #message}, which the launcher prints once.
 */
public final class TerminateOnNaN extends Callback {
  private String message;

  @Override
  public void onTrainBegin() {
    message = null;
  }

  @Override
  public void onBatchEnd(int epoch, int batch, Map<String, Double> logs) {
    Double loss = logs.get("loss");
    if (loss != null && !Double.isFinite(loss)) {
      message = TrainingDiverged.reason("loss", epoch + 1, batch + 1, loss,
          model().optimizer().learningRate());
      model().stopTraining(true);
    }
  }

  /** Why training stopped, or null when the loss stayed finite. */
  public String message() {
    return message;
  }
}
