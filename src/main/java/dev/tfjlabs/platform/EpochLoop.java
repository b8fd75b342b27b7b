package dev.tfjlabs.platform;

import dev.tfjlabs.keras.callbacks.Callback;
import dev.tfjlabs.keras.callbacks.History;
import dev.tfjlabs.keras.models.TrainingDiverged;
import java.util.Map;

/**
 * What a hand-written training loop needs besides its steps (the PyTorch notebook's epoch loop,
 * the TensorFlow 1 notebook's session loop), in one place, as Keras's {@code CallbackList}
 * serves custom loops: the model's loggers (CSV history, TensorBoard), each epoch's time, the
 * {@link History}, and the check that ends training when the loss turns NaN or infinite.
 *
 * <pre>{@code
 * EpochLoop loop = trainer.epochLoop(slug, name, model, learningRate);
 * loop.begin();
 * for (int epoch = 0; epoch < epochs; epoch++) {
 *   loop.beginEpoch();
 *   for (int step = 0; step < steps; step++) {
 *     sum += loop.checked(epoch, step, "loss", trainStep());
 *   }
 *   loop.endEpoch(epoch, logs);
 * }
 * loop.end();
 * }</pre>
 */
public final class EpochLoop {
  private final String name;
  private final Callback loggers;
  private final Object learningRate;
  private final History history = new History();
  private long epochStart;

  EpochLoop(String name, Callback loggers, Object learningRate) {
    this.name = name;
    this.loggers = loggers;
    this.learningRate = learningRate;
  }

  /** Training starts: the loggers open their files. */
  public void begin() {
    loggers.onTrainBegin();
  }

  /** An epoch starts: its clock. */
  public void beginEpoch() {
    epochStart = System.nanoTime();
  }

  /**
   * A step's {@code quantity} ({@code loss}, {@code cost}), returned when finite.
   *
   * @throws TrainingDiverged naming the epoch and step (1-based) and the learning rate, after
   *     the loggers were closed without publishing
   */
  public double checked(int epoch, int step, String quantity, double value) {
    if (!Double.isFinite(value)) {
      loggers.onTrainAbort();
      throw new TrainingDiverged(name, TrainingDiverged.reason(quantity, epoch + 1, step + 1,
          value, learningRate), history);
    }
    return value;
  }

  /** An epoch ends with {@code logs}: recorded in the History and logged; its seconds. */
  public double endEpoch(int epoch, Map<String, Double> logs) {
    double seconds = (System.nanoTime() - epochStart) / 1e9;
    history.add(logs, seconds);
    loggers.onEpochEnd(epoch, logs);
    return seconds;
  }

  /** Training ends: the loggers finish their files (published with the model). */
  public void end() {
    loggers.onTrainEnd();
  }

  /** The epochs so far. */
  public History history() {
    return history;
  }
}
