package dev.tfjlabs.keras.callbacks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code fit} returns, as Keras's {@code History}: per epoch, every logged value
 * ({@code loss}, {@code accuracy}, {@code val_loss}, {@code val_accuracy}) and the wall time.
 */
public final class History {
  private final Map<String, List<Double>> history = new LinkedHashMap<>();
  private final List<Double> epochSeconds = new ArrayList<>();
  private String stopReason;

  public void add(Map<String, Double> logs, double seconds) {
    int epoch = epochSeconds.size();
    logs.forEach((k, v) -> {
      List<Double> values = history.computeIfAbsent(k, key -> new ArrayList<>());
      while (values.size() < epoch) {
        values.add(Double.NaN);
      }
      values.add(v);
    });
    epochSeconds.add(seconds);
  }

  /** The values of {@code key} per epoch; empty when never logged. */
  public List<Double> get(String key) {
    return Collections.unmodifiableList(history.getOrDefault(key, List.of()));
  }

  public Map<String, List<Double>> history() {
    return Collections.unmodifiableMap(history);
  }

  public List<Double> epochSeconds() {
    return Collections.unmodifiableList(epochSeconds);
  }

  public int epochs() {
    return epochSeconds.size();
  }

  /** The largest value of {@code key} (NaN when absent). */
  public double max(String key) {
    return get(key).stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }

  /** The smallest value of {@code key} (NaN when absent). */
  public double min(String key) {
    return get(key).stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  /** The last value of {@code key} (NaN when absent). */
  public double last(String key) {
    List<Double> v = get(key);
    return v.isEmpty() ? Double.NaN : v.get(v.size() - 1);
  }

  /** Mean seconds per epoch. */
  public double meanEpochSeconds() {
    return epochSeconds.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }

  /** Why training ended early (NaN loss), or null. */
  public String stopReason() {
    return stopReason;
  }

  public void setStopReason(String reason) {
    this.stopReason = reason;
  }
}
