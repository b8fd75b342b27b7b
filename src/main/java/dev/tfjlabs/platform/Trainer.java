package dev.tfjlabs.platform;

import dev.tfjlabs.keras.callbacks.CSVLogger;
import dev.tfjlabs.keras.callbacks.Callback;
import dev.tfjlabs.keras.callbacks.History;
import dev.tfjlabs.keras.data.FloatArray;
import dev.tfjlabs.keras.models.FitOptions;
import dev.tfjlabs.keras.models.Sequential;
import dev.tfjlabs.keras.saving.ModelDescription;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * What every lab does per model, in one place: print the summary, compile, fit with a
 * {@code CSVLogger} writing {@code reports/<lab>/<slug>-history.csv}, save the SavedModel with
 * its {@code model.json} to {@code models/<lab>/<slug>/}, and return the model's
 * {@link ModelResult}. A loss that turns NaN ends {@code fit} with {@code TrainingDiverged}. In a
 * sweep nothing is written: only the result comes back.
 */
public final class Trainer {
  private final String lab;
  private final LabOptions options;
  private final boolean sweeping;

  Trainer(String lab, LabOptions options, boolean sweeping) {
    this.lab = lab;
    this.options = options;
    this.sweeping = sweeping;
  }

  /** Whether this run is one point of a sweep (nothing saved). */
  public boolean sweeping() {
    return sweeping;
  }

  /**
   * Trains {@code model} and, outside sweeps, saves it; the model stays open for the lab's
   * analysis.
   *
   * @param slug the model's folder and file prefix
   * @param monitor the quantity that ranks epochs in the result
   * @param description the {@code model.json} saved beside the SavedModel
   */
  public ModelResult train(Sequential model, String slug, Compile compile, FloatArray x,
      FloatArray y, FitOptions fit, String monitor, ModelDescription description) {
    System.out.print(model.summary());
    compile.apply(model);
    fit.seed(options.seed());
    String historyFile = null;
    if (!sweeping) {
      historyFile = slug + "-history.csv";
      fit.callbacks(new CSVLogger(options.reportDir(lab).resolve(historyFile)));
    }
    History h = model.fit(x, y, fit);
    String finished = Instant.now().toString();
    String modelDir = null;
    if (!sweeping) {
      Path dir = options.modelDir(lab, slug);
      model.save(dir, Map.of("model.json", description.toJson()));
      System.out.println("Saved " + model.name() + " to " + dir);
      modelDir = dir.toString();
    }
    return ModelResult.of(model.name(), slug, model.countParams(), fit.batchSize(), h, monitor,
        options.seed(), options.limit(), finished, modelDir, historyFile);
  }

  /**
   * For a lab with its own training loop (a TensorFlow 1 session, a PyTorch-style epoch loop):
   * the {@code CSVLogger} that writes {@code slug}'s history; in a sweep one that writes
   * nothing.
   */
  public Callback historyLogger(String slug) {
    return sweeping ? new Callback() {} : new CSVLogger(options.reportDir(lab).resolve(slug
        + "-history.csv"));
  }

  /**
   * For a lab with its own training loop: where {@code slug}'s SavedModel goes, or null in a
   * sweep, which saves nothing.
   */
  public Path modelDir(String slug) {
    return sweeping ? null : options.modelDir(lab, slug);
  }

  /**
   * For a lab with its own training loop: the model's result, once the lab has saved it to
   * {@code savedTo} ({@link #modelDir}; null in a sweep).
   */
  public ModelResult finish(String name, String slug, long params, int batchSize, History h,
      String monitor, Path savedTo) {
    if (savedTo != null) {
      System.out.println("Saved " + name + " to " + savedTo);
    }
    return ModelResult.of(name, slug, params, batchSize, h, monitor, options.seed(),
        options.limit(), Instant.now().toString(), savedTo == null ? null : savedTo.toString(),
        sweeping ? null : slug + "-history.csv");
  }
}
