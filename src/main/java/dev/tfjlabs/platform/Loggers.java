package dev.tfjlabs.platform;

import dev.tfjlabs.keras.callbacks.Callback;
import dev.tfjlabs.keras.models.Model;
import java.util.List;
import java.util.Map;

/** Several callbacks that log one model's training, called as one (see {@link Trainer#loggers}). */
final class Loggers extends Callback {
  private final List<Callback> parts;

  Loggers(List<Callback> parts) {
    this.parts = List.copyOf(parts);
  }

  @Override
  public void setModel(Model model) {
    super.setModel(model);
    parts.forEach(c -> c.setModel(model));
  }

  @Override
  public void setParams(int epochs, int steps) {
    parts.forEach(c -> c.setParams(epochs, steps));
  }

  @Override
  public void onTrainBegin() {
    parts.forEach(Callback::onTrainBegin);
  }

  @Override
  public void onEpochBegin(int epoch) {
    parts.forEach(c -> c.onEpochBegin(epoch));
  }

  @Override
  public void onBatchEnd(int epoch, int batch, Map<String, Double> logs) {
    parts.forEach(c -> c.onBatchEnd(epoch, batch, logs));
  }

  @Override
  public void onEpochEnd(int epoch, Map<String, Double> logs) {
    parts.forEach(c -> c.onEpochEnd(epoch, logs));
  }

  @Override
  public void onTrainEnd() {
    parts.forEach(Callback::onTrainEnd);
  }

  @Override
  public void onTrainAbort() {
    parts.forEach(Callback::onTrainAbort);
  }
}
