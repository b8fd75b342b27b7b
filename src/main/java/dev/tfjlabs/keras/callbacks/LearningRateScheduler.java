package dev.tfjlabs.keras.callbacks;

import java.util.Map;
import java.util.function.BiFunction;

/**
 * {@code keras.callbacks.LearningRateScheduler(schedule, verbose=0)}: before each epoch the
 * optimizer's learning rate becomes {@code schedule(epoch, lr)} (epochs 0-based, {@code lr} the
 * current rate); each epoch's logs get {@code learning_rate}, as Keras's do.
 */
public final class LearningRateScheduler extends Callback {
  private final BiFunction<Integer, Double, Double> schedule;
  private final boolean verbose;

  public LearningRateScheduler(BiFunction<Integer, Double, Double> schedule) {
    this(schedule, false);
  }

  /** @param verbose prints the rate set at each epoch (Keras's {@code verbose=1}) */
  public LearningRateScheduler(BiFunction<Integer, Double, Double> schedule, boolean verbose) {
    this.schedule = schedule;
    this.verbose = verbose;
  }

  @Override
  public void onEpochBegin(int epoch) {
    var optimizer = model().optimizer();
    Double rate = schedule.apply(epoch, (double) optimizer.learningRate());
    if (rate == null || !Double.isFinite(rate)) {
      throw new IllegalArgumentException("LearningRateScheduler: the schedule gave " + rate
          + " for epoch " + epoch + "; it must give a finite learning rate");
    }
    optimizer.setLearningRate(rate);
    if (verbose) {
      System.out.println("\nEpoch " + (epoch + 1) + ": LearningRateScheduler setting learning"
          + " rate to " + rate + ".");
    }
  }

  @Override
  public void onEpochEnd(int epoch, Map<String, Double> logs) {
    logs.put("learning_rate", (double) model().optimizer().learningRate());
  }
}
