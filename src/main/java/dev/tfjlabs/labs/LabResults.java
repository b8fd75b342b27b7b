package dev.tfjlabs.labs;

import dev.tfjlabs.keras.callbacks.History;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One trained model's entry in a lab's {@code results.json}. */
final class LabResults {
  private LabResults() {}

  /**
   * Parameters, settings, the final value of every logged quantity, the best {@code monitor}
   * and its 1-based epoch, seconds per epoch and the history file. Each lab adds the notebook's
   * figures it has.
   */
  static Map<String, Object> of(String name, long params, int batchSize, History h,
      String monitor, boolean maximize, String historyCsv) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("params", params);
    m.put("batch_size", batchSize);
    m.put("epochs_run", h.epochs());
    Map<String, Double> last = new LinkedHashMap<>();
    h.history().keySet().forEach(k -> last.put(k, h.last(k)));
    m.put("final", last);
    List<Double> values = h.get(monitor);
    int best = 0;
    for (int i = 1; i < values.size(); i++) {
      if (maximize ? values.get(i) > values.get(best) : values.get(i) < values.get(best)) {
        best = i;
      }
    }
    m.put("best_" + monitor, values.isEmpty() ? null : values.get(best));
    m.put("best_epoch", values.isEmpty() ? null : best + 1);
    m.put("seconds_per_epoch", h.meanEpochSeconds());
    m.put("history_csv", historyCsv);
    return m;
  }
}
