package dev.tfjlabs.keras.callbacks;

import java.util.Map;

/**
 * {@code keras.callbacks.ReduceLROnPlateau(monitor="val_loss", factor=0.1, patience=10,
 * verbose=0, mode="auto", min_delta=1e-4, cooldown=0, min_lr=0.0)}: when the monitored value
 * has not improved by more than {@code min_delta} for {@code patience} epochs, the optimizer's
 * learning rate becomes {@code max(lr * factor, min_lr)} (if it is above {@code min_lr}), then
 * {@code cooldown} epochs pass before counting again. Each epoch's logs get
 * {@code learning_rate}, the rate the epoch ended with, as Keras's do.
 */
public final class ReduceLROnPlateau extends Callback {
  private final String monitorName;
  private double factor = 0.1;
  private int patience = 10;
  private String mode = "auto";
  private double minDelta = 1e-4;
  private int cooldown;
  private double minLr;
  private boolean verbose;
  private Monitor monitor;
  private Double best;
  private int wait;
  private int cooldownCounter;

  /** Monitors {@code val_loss}. */
  public ReduceLROnPlateau() {
    this("val_loss");
  }

  public ReduceLROnPlateau(String monitor) {
    this.monitorName = monitor;
  }

  /** The learning rate's multiplier on a plateau, below 1 (default 0.1). */
  public ReduceLROnPlateau factor(double value) {
    if (!(value < 1.0)) {
      throw new IllegalArgumentException("ReduceLROnPlateau does not support a factor >= 1.0,"
          + " got " + value);
    }
    factor = value;
    return this;
  }

  /** Epochs without improvement before the rate falls (default 10). */
  public ReduceLROnPlateau patience(int value) {
    patience = value;
    return this;
  }

  /** "auto" (the default: larger is better for names with {@code acc}), "min" or "max". */
  public ReduceLROnPlateau mode(String value) {
    if (!value.equals("auto") && !value.equals("min") && !value.equals("max")) {
      throw new IllegalArgumentException("mode must be 'auto', 'min' or 'max', got '" + value
          + "'");
    }
    mode = value;
    return this;
  }

  /** The least change that counts as an improvement (default 1e-4). */
  public ReduceLROnPlateau minDelta(double value) {
    minDelta = value;
    return this;
  }

  /** Epochs to wait after a reduction before counting again (default 0). */
  public ReduceLROnPlateau cooldown(int value) {
    cooldown = value;
    return this;
  }

  /** The lowest learning rate (default 0). */
  public ReduceLROnPlateau minLr(double value) {
    minLr = value;
    return this;
  }

  /** Prints a line at each reduction (Keras's {@code verbose=1}). */
  public ReduceLROnPlateau verbose(boolean value) {
    verbose = value;
    return this;
  }

  @Override
  public void onTrainBegin() {
    monitor = mode.equals("auto") ? Monitor.auto(monitorName, minDelta)
        : new Monitor(monitorName, mode.equals("max"), Math.abs(minDelta));
    best = null;
    wait = 0;
    cooldownCounter = 0;
  }

  @Override
  public void onEpochEnd(int epoch, Map<String, Double> logs) {
    var optimizer = model().optimizer();
    logs.put("learning_rate", (double) optimizer.learningRate());
    Double current = logs.get(monitorName);
    if (current == null) {
      System.err.println("Warning: ReduceLROnPlateau is conditioned on " + monitorName
          + ", which is not available; available: " + String.join(",", logs.keySet()));
      return;
    }
    if (cooldownCounter > 0) {
      cooldownCounter--;
      wait = 0;
    }
    if (best == null || monitor.improves(current, best)) {
      best = current;
      wait = 0;
    } else if (cooldownCounter == 0) {
      wait++;
      float old = optimizer.learningRate();
      if (wait >= patience && old > (float) minLr) {
        double reduced = Math.max(old * factor, minLr);
        optimizer.setLearningRate(reduced);
        if (verbose) {
          System.out.println("\nEpoch " + (epoch + 1) + ": ReduceLROnPlateau reducing learning"
              + " rate to " + reduced + ".");
        }
        cooldownCounter = cooldown;
        wait = 0;
      }
    }
  }
}
