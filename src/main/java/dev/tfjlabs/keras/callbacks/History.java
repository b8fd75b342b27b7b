package dev.tfjlabs.keras.callbacks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keras's {@code History} callback, which {@code fit} always adds and returns: per epoch, every
 * logged value ({@code loss}, {@code accuracy}, {@code val_loss}, {@code val_accuracy}) and the
 * wall time of the epoch, validation included.
 */
public final class History extends Callback {
  private final Map<String, List<Double>> history = new LinkedHashMap<>();
  private final List<Double> epochSeconds = new ArrayList<>();
  private long epochStart;

  @Override
  public void onEpochBegin(int epoch) {
    epochStart = System.nanoTime();
  }

  @Override
  public void onEpochEnd(int epoch, Map<String, Double> logs) {
    add(logs, (System.nanoTime() - epochStart) / 1e9);
  }

  /** Appends one epoch's values; also how a saved history is read back. */
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

  /** The first {@code epochs} epochs, as a run of that length would have logged them. */
  public History prefix(int epochs) {
    History h = new History();
    for (int e = 0; e < Math.min(epochs, epochs()); e++) {
      Map<String, Double> logs = new LinkedHashMap<>();
      for (Map.Entry<String, List<Double>> k : history.entrySet()) {
        List<Double> values = k.getValue();
        logs.put(k.getKey(), e < values.size() ? values.get(e) : Double.NaN);
      }
      h.add(logs, epochSeconds.get(e));
    }
    return h;
  }
}
