package dev.tfjlabs.keras.callbacks;

import java.io.PrintStream;
import java.util.Map;

/**
 * Keras's progress printer: {@code Epoch 3/30}, then on a terminal a live bar
 * {@code 1234/1875 [=====>....] - ETA: 2s - loss: 0.4310 - accuracy: 0.8452}, and at the end of
 * the epoch one line {@code 1875/1875 - 4s - 2ms/step - loss: ... - val_accuracy: ...}. When the
 * output is not a terminal (CI logs, files) only the epoch lines are printed.
 */
public final class ProgbarLogger extends Callback {
  private static final int WIDTH = 30;
  private final PrintStream out;
  private final boolean live;
  private int epochs;
  private int steps;
  private long epochStart;
  private long lastDraw;

  public ProgbarLogger() {
    this(System.out, System.console() != null);
  }

  public ProgbarLogger(PrintStream out, boolean live) {
    this.out = out;
    this.live = live;
  }

  @Override
  public void setParams(int epochs, int steps) {
    this.epochs = epochs;
    this.steps = steps;
  }

  @Override
  public void onEpochBegin(int epoch) {
    out.printf("Epoch %d/%d%n", epoch + 1, epochs);
    epochStart = System.nanoTime();
    lastDraw = 0;
  }

  @Override
  public void onBatchEnd(int epoch, int batch, Map<String, Double> logs) {
    if (!live) {
      return;
    }
    long now = System.nanoTime();
    if (now - lastDraw < 100_000_000L && batch + 1 < steps) {
      return;
    }
    lastDraw = now;
    int done = batch + 1;
    double elapsed = (now - epochStart) / 1e9;
    double eta = elapsed / done * (steps - done);
    int filled = (int) ((long) WIDTH * done / steps);
    StringBuilder bar = new StringBuilder("[");
    for (int i = 0; i < WIDTH; i++) {
      bar.append(i < filled - 1 || (i == filled - 1 && done == steps) ? '='
          : i == filled - 1 ? '>' : '.');
    }
    bar.append(']');
    out.printf("\r%s/%d %s - ETA: %ds%s\u001b[K", pad(done), steps, bar, Math.round(eta),
        format(logs));
    out.flush();
  }

  @Override
  public void onEpochEnd(int epoch, Map<String, Double> logs) {
    double seconds = (System.nanoTime() - epochStart) / 1e9;
    String line = String.format("%d/%d - %ds - %dms/step%s", steps, steps, Math.round(seconds),
        Math.round(seconds * 1000 / Math.max(1, steps)), format(logs));
    out.print(live ? "\r" + line + "\u001b[K\n" : line + "\n");
    out.flush();
  }

  private String pad(int done) {
    String s = Integer.toString(done);
    return " ".repeat(Math.max(0, Integer.toString(steps).length() - s.length())) + s;
  }

  /** {@code " - loss: 0.4310 - accuracy: 0.8452"}, training values before validation ones. */
  static String format(Map<String, Double> logs) {
    StringBuilder sb = new StringBuilder();
    logs.forEach((k, v) -> {
      if (!k.startsWith("val_")) {
        sb.append(" - ").append(k).append(": ").append(String.format("%.4f", v));
      }
    });
    logs.forEach((k, v) -> {
      if (k.startsWith("val_")) {
        sb.append(" - ").append(k).append(": ").append(String.format("%.4f", v));
      }
    });
    return sb.toString();
  }
}
