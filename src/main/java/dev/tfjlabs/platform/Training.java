package dev.tfjlabs.platform;

import dev.tfjlabs.keras.data.FloatArray;
import dev.tfjlabs.keras.models.FitOptions;
import dev.tfjlabs.keras.models.Sequential;
import dev.tfjlabs.keras.saving.ModelDescription;
import java.util.Objects;

/**
 * What {@link Trainer#train} trains, setting by setting:
 *
 * <pre>{@code
 * trainer.train(Training.of(model, "lstm").compile(compile()).data(x, y)
 *     .fit(options.fitOptions(64).epochs(100)).monitor("val_accuracy").description(d));
 * }</pre>
 *
 * Required: the model and its slug (its folder and file prefix), the compile settings, the
 * data, the fit options and the {@code model.json} description; the monitored quantity, which
 * ranks epochs in the result, defaults to {@code val_loss}, as Keras's callbacks.
 */
public final class Training {
  final Sequential model;
  final String slug;
  Compile compile;
  FloatArray x;
  FloatArray y;
  FitOptions fit;
  String monitor = "val_loss";
  ModelDescription description;

  private Training(Sequential model, String slug) {
    this.model = Objects.requireNonNull(model);
    this.slug = Objects.requireNonNull(slug);
  }

  public static Training of(Sequential model, String slug) {
    return new Training(model, slug);
  }

  public Training compile(Compile value) {
    compile = value;
    return this;
  }

  /** The training inputs and targets. */
  public Training data(FloatArray inputs, FloatArray targets) {
    x = inputs;
    y = targets;
    return this;
  }

  public Training fit(FitOptions value) {
    fit = value;
    return this;
  }

  /** The logged quantity that ranks epochs in the result (default {@code val_loss}). */
  public Training monitor(String value) {
    monitor = value;
    return this;
  }

  /** The {@code model.json} saved beside the SavedModel. */
  public Training description(ModelDescription value) {
    description = value;
    return this;
  }

  void check() {
    if (compile == null || x == null || y == null || fit == null || description == null) {
      throw new IllegalStateException("training " + slug + " needs compile, data, fit and"
          + " description");
    }
  }
}
