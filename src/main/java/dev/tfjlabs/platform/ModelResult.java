package dev.tfjlabs.platform;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.tfjlabs.keras.callbacks.History;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One trained model's entry in a lab's {@code results.json}.
 *
 * @param name the model's name ({@code Basic-RNN})
 * @param slug its folder and file prefix ({@code basic-rnn})
 * @param params trainable parameters
 * @param batchSize the training batch size
 * @param epochsRun epochs trained
 * @param monitor the quantity that ranks epochs ({@code val_accuracy}, {@code val_loss})
 * @param best its best value (largest for accuracies, smallest otherwise)
 * @param bestEpoch the 1-based epoch of {@code best}
 * @param finalValues every logged quantity after the last epoch
 * @param figures the lab's own figures ({@code test_loss}, {@code correctness})
 * @param notebook the notebook's figures to compare with, by the same names
 * @param secondsPerEpoch mean wall time of an epoch, validation included
 * @param seed the run's seed
 * @param limit {@code --limit} of the run, null for the whole training set
 * @param finished when training ended (ISO-8601)
 * @param modelDir the SavedModel folder, null when not saved (sweeps)
 * @param historyFile the CSVLogger file beside results.json, null when not written (sweeps)
 * @param firstTestPredictions outputs for the first test samples, for consumers to check
 * @param history the full history, kept in memory for sweeps; not written
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ModelResult(String name, String slug, long params, int batchSize, int epochsRun,
    String monitor, Double best, Integer bestEpoch,
    @JsonProperty("final") Map<String, Double> finalValues, Map<String, Double> figures,
    Map<String, Double> notebook, double secondsPerEpoch, long seed, Integer limit,
    String finished, String modelDir, String historyFile, List<Float> firstTestPredictions,
    @JsonIgnore History history) {

  public ModelResult {
    finalValues = ordered(finalValues);
    figures = ordered(figures);
    notebook = ordered(notebook);
    firstTestPredictions = firstTestPredictions == null ? List.of()
        : List.copyOf(firstTestPredictions);
  }

  private static Map<String, Double> ordered(Map<String, Double> m) {
    return m == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(m));
  }

  /**
   * The entry for {@code history}: final values, the best {@code monitor} and its epoch (larger
   * is better when the name contains {@code acc}, as Keras's mode "auto").
   */
  static ModelResult of(String name, String slug, long params, int batchSize, History history,
      String monitor, long seed, Integer limit, String finished, String modelDir,
      String historyFile) {
    Map<String, Double> last = new LinkedHashMap<>();
    history.history().keySet().forEach(k -> last.put(k, history.last(k)));
    List<Double> values = history.get(monitor);
    boolean maximize = monitor.contains("acc");
    int best = -1;
    for (int i = 0; i < values.size(); i++) {
      double v = values.get(i);
      if (!Double.isNaN(v) && (best < 0 || (maximize ? v > values.get(best) : v < values.get(best)))) {
        best = i;
      }
    }
    return new ModelResult(name, slug, params, batchSize, history.epochs(), monitor,
        best < 0 ? null : values.get(best), best < 0 ? null : best + 1, last, Map.of(), Map.of(),
        history.meanEpochSeconds(), seed, limit, finished, modelDir, historyFile, List.of(),
        history);
  }

  /**
   * The entry of a model loaded rather than trained here (a Keras file): no epochs, no history;
   * the lab adds its figures.
   */
  public static ModelResult loaded(String name, String slug, long params, long seed,
      Integer limit) {
    return new ModelResult(name, slug, params, 0, 0, "test_accuracy", null, null, Map.of(),
        Map.of(), Map.of(), 0, seed, limit, java.time.Instant.now().toString(), null, null,
        List.of(), null);
  }

  /** This model as a run of only its first {@code epochs} epochs would have reported it. */
  ModelResult prefix(int epochs) {
    return of(name, slug, params, batchSize, history.prefix(epochs), monitor, seed, limit,
        finished, modelDir, historyFile);
  }

  /** With the lab's figure {@code key} set (a test loss, a correctness). */
  public ModelResult withFigure(String key, double value) {
    Map<String, Double> m = new LinkedHashMap<>(figures);
    m.put(key, value);
    return new ModelResult(name, slug, params, batchSize, epochsRun, monitor, best, bestEpoch,
        finalValues, m, notebook, secondsPerEpoch, seed, limit, finished, modelDir, historyFile,
        firstTestPredictions, history);
  }

  /** With the notebook's figure {@code key} to compare with; null values are left out. */
  public ModelResult withNotebook(String key, Double value) {
    if (value == null) {
      return this;
    }
    Map<String, Double> m = new LinkedHashMap<>(notebook);
    m.put(key, value);
    return new ModelResult(name, slug, params, batchSize, epochsRun, monitor, best, bestEpoch,
        finalValues, figures, m, secondsPerEpoch, seed, limit, finished, modelDir, historyFile,
        firstTestPredictions, history);
  }

  /** With the outputs for the first test samples. */
  public ModelResult withFirstTestPredictions(float[] values) {
    List<Float> v = new java.util.ArrayList<>();
    for (float f : values) {
      v.add(f);
    }
    return new ModelResult(name, slug, params, batchSize, epochsRun, monitor, best, bestEpoch,
        finalValues, figures, notebook, secondsPerEpoch, seed, limit, finished, modelDir,
        historyFile, v, history);
  }

  /** A lab figure, or NaN when absent. */
  public double figure(String key) {
    return figures.getOrDefault(key, Double.NaN);
  }
}
