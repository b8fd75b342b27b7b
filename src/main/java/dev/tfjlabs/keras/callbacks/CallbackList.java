package dev.tfjlabs.keras.callbacks;

import dev.tfjlabs.keras.models.Model;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Keras's {@code CallbackList}: the user's callbacks plus the standard ones, added here and
 * nowhere else: the progress printer (when {@code verbose}) first, then the user's callbacks,
 * then a {@link History} and a {@link TerminateOnNaN}. {@code fit} calls the hooks through it.
 */
public final class CallbackList {
  private final List<Callback> callbacks = new ArrayList<>();
  private final History history = new History();
  private final TerminateOnNaN terminateOnNaN = new TerminateOnNaN();

  /** Binds every callback to {@code model} and the run's size ({@code epochs}, {@code steps}). */
  public CallbackList(List<Callback> user, boolean verbose, Model model, int epochs,
      int steps) {
    if (verbose) {
      callbacks.add(new ProgbarLogger());
    }
    callbacks.addAll(user);
    callbacks.add(history);
    callbacks.add(terminateOnNaN);
    for (Callback c : callbacks) {
      c.setModel(model);
      c.setParams(epochs, steps);
    }
  }

  public List<Callback> callbacks() {
    return Collections.unmodifiableList(callbacks);
  }

  /** The run's history, filled as epochs end. */
  public History history() {
    return history;
  }

  /** Why the loss diverged (epoch, step, advice), or null while it is finite. */
  public String divergence() {
    return terminateOnNaN.message();
  }

  public void onTrainBegin() {
    callbacks.forEach(Callback::onTrainBegin);
  }

  public void onEpochBegin(int epoch) {
    callbacks.forEach(c -> c.onEpochBegin(epoch));
  }

  public void onBatchEnd(int epoch, int batch, Map<String, Double> logs) {
    callbacks.forEach(c -> c.onBatchEnd(epoch, batch, logs));
  }

  public void onEpochEnd(int epoch, Map<String, Double> logs) {
    callbacks.forEach(c -> c.onEpochEnd(epoch, logs));
  }

  public void onTrainEnd() {
    callbacks.forEach(Callback::onTrainEnd);
  }

  public void onTrainAbort() {
    callbacks.forEach(Callback::onTrainAbort);
  }
}
