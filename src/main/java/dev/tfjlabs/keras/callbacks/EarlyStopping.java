package dev.tfjlabs.keras.callbacks;

import java.util.List;
import java.util.Map;

/**
 * {@code keras.callbacks.EarlyStopping(monitor="val_loss", min_delta=0, patience=0,
 * restore_best_weights=False)}: stops training once {@code monitor} has not improved by more
 * than {@code minDelta} for {@code patience} epochs (never after the first epoch); with
 * {@code restoreBestWeights}, the weights of the best epoch are put back when it stops.
 */
public final class EarlyStopping extends Callback {
  private final Monitor monitor;
  private final int patience;
  private final boolean restoreBestWeights;
  private int wait;
  private double best;
  private int bestEpoch;
  private int stoppedEpoch = -1;
  private List<float[]> bestWeights;

  public EarlyStopping(String monitor, double minDelta, int patience, boolean restoreBestWeights) {
    if (patience < 0) {
      throw new IllegalArgumentException("patience must be >= 0, got " + patience);
    }
    this.monitor = Monitor.auto(monitor, minDelta);
    this.patience = patience;
    this.restoreBestWeights = restoreBestWeights;
  }

  public EarlyStopping(String monitor, int patience, boolean restoreBestWeights) {
    this(monitor, 0, patience, restoreBestWeights);
  }

  @Override
  public void onTrainBegin() {
    wait = 0;
    best = monitor.worst();
    bestEpoch = 0;
    stoppedEpoch = -1;
    bestWeights = null;
  }

  @Override
  public void onEpochEnd(int epoch, Map<String, Double> logs) {
    Double current = logs.get(monitor.name());
    if (current == null) {
      System.err.println("WARNING: EarlyStopping monitors '" + monitor.name()
          + "', which is not logged; available: " + logs.keySet());
      return;
    }
    if (restoreBestWeights && bestWeights == null) {
      bestWeights = model().getWeights();
    }
    wait++;
    if (monitor.improves(current, best)) {
      best = current;
      bestEpoch = epoch;
      wait = 0;
      if (restoreBestWeights) {
        bestWeights = model().getWeights();
      }
    }
    if (wait >= patience && epoch > 0) {
      stoppedEpoch = epoch;
      model().stopTraining(true);
      if (restoreBestWeights && bestWeights != null) {
        System.out.println("Restoring model weights from the end of the best epoch: "
            + (bestEpoch + 1) + ".");
        model().setWeights(bestWeights);
      }
    }
  }

  @Override
  public void onTrainEnd() {
    if (stoppedEpoch >= 0) {
      System.out.printf("Epoch %d: early stopping%n", stoppedEpoch + 1);
    }
  }

  /** The 0-based epoch training stopped at, or -1. */
  public int stoppedEpoch() {
    return stoppedEpoch;
  }

  /** The 0-based epoch with the best monitored value. */
  public int bestEpoch() {
    return bestEpoch;
  }
}
