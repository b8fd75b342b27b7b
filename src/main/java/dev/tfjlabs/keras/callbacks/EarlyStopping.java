package dev.tfjlabs.keras.callbacks;

import java.util.List;
import java.util.Map;

/**
 * {@code keras.callbacks.EarlyStopping}, with the semantics and defaults of Keras 3
 * ({@code keras/src/callbacks/early_stopping.py}): {@code monitor="val_loss", min_delta=0,
 * patience=0, baseline=None, restore_best_weights=False, start_from_epoch=0}, mode "auto"
 * (larger is better when the name contains {@code acc}).
 *
 * <p>At the end of each epoch from {@code startFromEpoch} on, an improvement (by more than
 * {@code minDelta}) makes the value the best one and, when it also beats {@code baseline},
 * resets the wait; otherwise the wait grows, and once it reaches {@code patience} (never at the
 * first epoch) training stops. With {@code restoreBestWeights} the best epoch's weights are put
 * back when training ends, whether it stopped early or ran all its epochs (Keras 3; Keras 2
 * restored them only when it stopped early).
 *
 * <pre>{@code new EarlyStopping("val_loss").patience(3).restoreBestWeights(true)}</pre>
 */
public final class EarlyStopping extends Callback {
  /** Keras's default monitored quantity. */
  public static final String MONITOR_DEFAULT = "val_loss";

  private final String monitorName;
  private double minDelta;
  private int patience;
  private Double baseline;
  private boolean restoreBestWeights;
  private int startFromEpoch;
  private Monitor monitor;
  private int wait;
  private double best;
  private int bestEpoch;
  private int stoppedEpoch;
  private List<float[]> bestWeights;

  /** Monitors {@value #MONITOR_DEFAULT}. */
  public EarlyStopping() {
    this(MONITOR_DEFAULT);
  }

  public EarlyStopping(String monitor) {
    this.monitorName = monitor;
  }

  /** The least change that counts as an improvement (default 0). */
  public EarlyStopping minDelta(double value) {
    minDelta = Math.abs(value);
    return this;
  }

  /** Epochs without improvement before stopping (default 0). */
  public EarlyStopping patience(int value) {
    if (value < 0) {
      throw new IllegalArgumentException("patience must be >= 0, got " + value);
    }
    patience = value;
    return this;
  }

  /** A value the monitored quantity must beat for the wait to reset (default none). */
  public EarlyStopping baseline(double value) {
    baseline = value;
    return this;
  }

  /** Put the best epoch's weights back when training ends (default false). */
  public EarlyStopping restoreBestWeights(boolean value) {
    restoreBestWeights = value;
    return this;
  }

  /** Epochs of warm-up before improvements are looked for (default 0). */
  public EarlyStopping startFromEpoch(int value) {
    if (value < 0) {
      throw new IllegalArgumentException("startFromEpoch must be >= 0, got " + value);
    }
    startFromEpoch = value;
    return this;
  }

  @Override
  public void onTrainBegin() {
    monitor = Monitor.auto(monitorName, minDelta);
    wait = 0;
    best = monitor.worst();
    bestEpoch = 0;
    stoppedEpoch = 0;
    bestWeights = null;
  }

  @Override
  public void onEpochEnd(int epoch, Map<String, Double> logs) {
    Double current = logs.get(monitorName);
    if (current == null) {
      System.err.println("WARNING: EarlyStopping monitors '" + monitorName
          + "', which is not logged; available: " + logs.keySet());
      return;
    }
    if (epoch < startFromEpoch) {
      return;
    }
    if (restoreBestWeights && bestWeights == null) {
      bestWeights = model().getWeights();
      bestEpoch = epoch;
    }
    wait++;
    if (monitor.improves(current, best)) {
      best = current;
      bestEpoch = epoch;
      if (restoreBestWeights) {
        bestWeights = model().getWeights();
      }
      if (baseline == null || monitor.improves(current, baseline)) {
        wait = 0;
      }
      return;
    }
    if (wait >= patience && epoch > 0) {
      stoppedEpoch = epoch;
      model().stopTraining(true);
    }
  }

  @Override
  public void onTrainEnd() {
    if (stoppedEpoch > 0) {
      System.out.printf("Epoch %d: early stopping%n", stoppedEpoch + 1);
    }
    if (restoreBestWeights && bestWeights != null) {
      System.out.println("Restoring model weights from the end of the best epoch: "
          + (bestEpoch + 1) + ".");
      model().setWeights(bestWeights);
    }
  }

  /** The 0-based epoch training stopped at, or 0 when it did not stop early (as Keras). */
  public int stoppedEpoch() {
    return stoppedEpoch;
  }

  /** The 0-based epoch with the best monitored value. */
  public int bestEpoch() {
    return bestEpoch;
  }

  /** The best monitored value seen. */
  public double best() {
    return best;
  }
}
