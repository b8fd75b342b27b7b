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

  /** An entry built setting by setting, from the model's name and file slug. */
  public static Builder builder(String name, String slug) {
    return new Builder(name, slug);
  }

  /** A builder holding this entry's settings, to change some of them. */
  public Builder toBuilder() {
    Builder b = new Builder(name, slug);
    b.params = params;
    b.batchSize = batchSize;
    b.epochsRun = epochsRun;
    b.monitor = monitor;
    b.best = best;
    b.bestEpoch = bestEpoch;
    b.finalValues.putAll(finalValues);
    b.figures.putAll(figures);
    b.notebook.putAll(notebook);
    b.secondsPerEpoch = secondsPerEpoch;
    b.seed = seed;
    b.limit = limit;
    b.finished = finished;
    b.modelDir = modelDir;
    b.historyFile = historyFile;
    b.firstTestPredictions = firstTestPredictions;
    b.history = history;
    return b;
  }

  /** Builds a {@link ModelResult}; what is not set stays empty (no epochs, no figures). */
  public static final class Builder {
    private final String name;
    private final String slug;
    private long params;
    private int batchSize;
    private int epochsRun;
    private String monitor;
    private Double best;
    private Integer bestEpoch;
    private final Map<String, Double> finalValues = new LinkedHashMap<>();
    private final Map<String, Double> figures = new LinkedHashMap<>();
    private final Map<String, Double> notebook = new LinkedHashMap<>();
    private double secondsPerEpoch;
    private long seed;
    private Integer limit;
    private String finished = java.time.Instant.now().toString();
    private String modelDir;
    private String historyFile;
    private List<Float> firstTestPredictions = List.of();
    private History history;

    private Builder(String name, String slug) {
      this.name = name;
      this.slug = slug;
    }

    /** Trainable parameters and the training batch size. */
    public Builder model(long parameters, int batch) {
      params = parameters;
      batchSize = batch;
      return this;
    }

    /**
     * The training's history: epochs run, final values, mean epoch time, and the best
     * {@code monitored} value and its epoch (larger is better when the name contains
     * {@code acc}, as Keras's mode "auto").
     */
    public Builder history(History h, String monitored) {
      history = h;
      monitor = monitored;
      epochsRun = h.epochs();
      finalValues.clear();
      h.history().keySet().forEach(k -> finalValues.put(k, h.last(k)));
      secondsPerEpoch = h.meanEpochSeconds();
      List<Double> values = h.get(monitored);
      boolean maximize = monitored.contains("acc");
      int at = -1;
      for (int i = 0; i < values.size(); i++) {
        double v = values.get(i);
        if (!Double.isNaN(v)
            && (at < 0 || (maximize ? v > values.get(at) : v < values.get(at)))) {
          at = i;
        }
      }
      best = at < 0 ? null : values.get(at);
      bestEpoch = at < 0 ? null : at + 1;
      return this;
    }

    /** The quantity that ranks epochs, for an entry without a history. */
    public Builder monitor(String value) {
      monitor = value;
      return this;
    }

    /** The run's seed and {@code --limit} (null: the whole training set). */
    public Builder run(long runSeed, Integer runLimit) {
      seed = runSeed;
      limit = runLimit;
      return this;
    }

    /** Where the SavedModel and the history were published (null: not saved). */
    public Builder files(String savedModel, String historyCsv) {
      modelDir = savedModel;
      historyFile = historyCsv;
      return this;
    }

    /** A lab figure ({@link Figures}). */
    public Builder figure(String key, double value) {
      figures.put(key, value);
      return this;
    }

    /** The notebook's figure of that name; a null value is left out. */
    public Builder notebook(String key, Double value) {
      if (value != null) {
        notebook.put(key, value);
      }
      return this;
    }

    public Builder firstTestPredictions(List<Float> values) {
      firstTestPredictions = values;
      return this;
    }

    public ModelResult build() {
      return new ModelResult(name, slug, params, batchSize, epochsRun, monitor, best, bestEpoch,
          finalValues, figures, notebook, secondsPerEpoch, seed, limit, finished, modelDir,
          historyFile, firstTestPredictions, history);
    }
  }

  /** The entry of a trained model: its history ranked by {@code monitor}, files and run. */
  static ModelResult of(String name, String slug, long params, int batchSize, History history,
      String monitor, long seed, Integer limit, String finished, String modelDir,
      String historyFile) {
    Builder b = builder(name, slug).model(params, batchSize).history(history, monitor)
        .run(seed, limit).files(modelDir, historyFile);
    b.finished = finished;
    return b.build();
  }

  /**
   * The entry of a model loaded rather than trained here (a Keras file): no epochs, no history;
   * the lab adds its figures.
   */
  public static ModelResult loaded(String name, String slug, long params, long seed,
      Integer limit) {
    return builder(name, slug).model(params, 0).monitor(Figures.TEST_ACCURACY).run(seed, limit)
        .build();
  }

  /** This model as a run of only its first {@code epochs} epochs would have reported it. */
  ModelResult prefix(int epochs) {
    return of(name, slug, params, batchSize, history.prefix(epochs), monitor, seed, limit,
        finished, modelDir, historyFile);
  }

  /** With the lab's figure {@code key} set (a test loss, a correctness). */
  public ModelResult withFigure(String key, double value) {
    return toBuilder().figure(key, value).build();
  }

  /** With the notebook's figure {@code key} to compare with; null values are left out. */
  public ModelResult withNotebook(String key, Double value) {
    return toBuilder().notebook(key, value).build();
  }

  /** With the outputs for the first test samples. */
  public ModelResult withFirstTestPredictions(float[] values) {
    List<Float> v = new java.util.ArrayList<>();
    for (float f : values) {
      v.add(f);
    }
    return toBuilder().firstTestPredictions(v).build();
  }

  /** A lab figure, or NaN when absent. */
  public double figure(String key) {
    return figures.getOrDefault(key, Double.NaN);
  }
}
