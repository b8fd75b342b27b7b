package dev.tfjlabs.platform;

import dev.tfjlabs.keras.callbacks.EarlyStopping;
import dev.tfjlabs.keras.data.FloatArray;
import dev.tfjlabs.keras.models.FitOptions;
import dev.tfjlabs.keras.models.Sequential;
import dev.tfjlabs.keras.saving.ModelDescription;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One model of a lab, declared once: its {@code --model} key and file slug, its name, how it is
 * built, compiled and fitted (batch size, epochs, the monitored quantity, the fit settings that
 * need the run's data, early stopping, the best checkpoint), its {@code model.json} description, the analysis after training, and
 * how the training benchmark times it. From a lab's list of specs the platform runs the chosen
 * models ({@link LabCommand#run}) and makes the benchmark entries
 * ({@link LabCommand#benchmarkModels}).
 *
 * <p>A Keras-style model is declared setting by setting, and trained by {@link Trainer#train}:
 *
 * <pre>{@code
 * ModelSpec.<Data>of(BASIC, "Basic-RNN").build(this::basicRnn).compile(this::compile)
 *     .batchSize(32).epochs(50).data(Data::x, Data::y)
 *     .fit((fit, data) -> fit.validationData(data.xTest(), data.yTest()))
 *     .monitor("val_accuracy").description(this::description)
 *     .analysis(run -> run.result().withFigure(...)).benchmark("bilstm-basic", 1875, 0, 10);
 * }</pre>
 *
 * A model trained by a hand-written loop (PyTorch's, TensorFlow 1's) or not trained at all
 * declares its own step instead: {@code ModelSpec.of(key, name).step((trainer, data) -> ...)}.
 *
 * @param <D> the lab's data, loaded once per run and handed to every model's step
 */
public final class ModelSpec<D> {
  /** A model's whole training and analysis on the run's data. */
  @FunctionalInterface
  public interface Step<D> {
    ModelResult train(Trainer trainer, D data);
  }

  /**
   * One training of a Keras-style spec as its analysis sees it.
   *
   * @param data the run's data
   * @param model the trained model
   * @param earlyStopping the training's {@code EarlyStopping}, or null when the spec has none
   * @param result the training's result
   */
  public record Run<D>(D data, Sequential model, EarlyStopping earlyStopping,
      ModelResult result) {}

  /** Fit settings that need the run's data, such as the validation data. */
  @FunctionalInterface
  public interface FitSettings<D> {
    FitOptions apply(FitOptions fit, D data);
  }

  /** What a lab does with a trained model before it is closed: evaluations, figures. */
  @FunctionalInterface
  public interface Analysis<D> {
    ModelResult apply(Run<D> run);
  }

  private final ModelChoice.Model choice;
  private final String name;
  private Supplier<Sequential> build;
  private Supplier<Compile> compile;
  private int batchSize;
  private int epochs;
  private Function<D, FloatArray> x;
  private Function<D, FloatArray> y;
  private FitSettings<D> fitSettings = (fit, data) -> fit;
  private Supplier<EarlyStopping> earlyStopping;
  private boolean bestCheckpoint;
  private String monitor = "val_loss";
  private Function<Sequential, ModelDescription> description;
  private Analysis<D> analysis = Run::result;
  private Step<D> step;
  private String torch;
  private int stepsPerEpoch;
  private Supplier<TrainingSteps> benchmarkSteps;

  private ModelSpec(ModelChoice.Model choice, String name) {
    this.choice = Objects.requireNonNull(choice);
    this.name = Objects.requireNonNull(name);
  }

  /** A spec of the model {@code choice} names, shown as {@code name}. */
  public static <D> ModelSpec<D> of(ModelChoice.Model choice, String name) {
    return new ModelSpec<>(choice, name);
  }

  /** The model's {@code --model} key. */
  public String key() {
    return choice.key();
  }

  /** The prefix of the model's files. */
  public String slug() {
    return choice.slug();
  }

  public String name() {
    return name;
  }

  /** Builds the model, uncompiled (a fresh one for every call). */
  public ModelSpec<D> build(Supplier<Sequential> value) {
    build = value;
    return this;
  }

  /** The model's {@code compile} arguments. */
  public ModelSpec<D> compile(Supplier<Compile> value) {
    compile = value;
    return this;
  }

  /** The notebook's batch size ({@code --batch-size} overrides it in training). */
  public ModelSpec<D> batchSize(int value) {
    batchSize = value;
    return this;
  }

  /** The notebook's epochs ({@code --epochs} overrides them). */
  public ModelSpec<D> epochs(int value) {
    epochs = value;
    return this;
  }

  /** The training inputs and targets in the run's data. */
  public ModelSpec<D> data(Function<D, FloatArray> inputs, Function<D, FloatArray> targets) {
    x = inputs;
    y = targets;
    return this;
  }

  /** Fit settings beyond batch size and epochs (default: none). */
  public ModelSpec<D> fit(FitSettings<D> value) {
    fitSettings = value;
    return this;
  }

  /**
   * Keras's {@code EarlyStopping}, a fresh one for every training; the analysis reads it from
   * {@link Run#earlyStopping}.
   */
  public ModelSpec<D> earlyStopping(Supplier<EarlyStopping> value) {
    earlyStopping = value;
    return this;
  }

  /**
   * Keras's {@code ModelCheckpoint(save_best_only=True)} into {@code best-<slug>} beside the
   * models, published with the run ({@link Trainer#bestCheckpoint}), after the early stopping.
   */
  public ModelSpec<D> bestCheckpoint() {
    bestCheckpoint = true;
    return this;
  }

  /** The logged quantity that ranks epochs in the result (default {@code val_loss}). */
  public ModelSpec<D> monitor(String value) {
    monitor = value;
    return this;
  }

  /** The {@code model.json} of the trained model. */
  public ModelSpec<D> description(Function<Sequential, ModelDescription> value) {
    description = value;
    return this;
  }

  /** The analysis of the trained model (default: the training's result as it is). */
  public ModelSpec<D> analysis(Analysis<D> value) {
    analysis = value;
    return this;
  }

  /** A step of the lab's own in place of {@code fit}: a hand-written loop, or no training. */
  public ModelSpec<D> step(Step<D> value) {
    step = value;
    return this;
  }

  /**
   * The training benchmark's entry: {@code torch} is the model's key in
   * {@code benchmarks/torch_models.py}, {@code stepsPerEpoch} the optimizer steps of one of the
   * notebook's epochs; the built and compiled model is trained through {@code fit} on generated
   * data (inputs uniform in [0, 1), or token ids below {@code tokens} when it is positive;
   * {@code classes} as {@link FitSteps} takes it).
   */
  public ModelSpec<D> benchmark(String torch, int stepsPerEpoch, int tokens, int classes) {
    return benchmark(torch, stepsPerEpoch, () -> {
      requireBuilt();
      return new FitSteps(build.get(), compile.get(), batchSize, tokens, classes);
    });
  }

  /** The training benchmark's entry, timed through {@code steps} (for a hand-written loop). */
  public ModelSpec<D> benchmark(String torch, int stepsPerEpoch, Supplier<TrainingSteps> steps) {
    this.torch = torch;
    this.stepsPerEpoch = stepsPerEpoch;
    benchmarkSteps = steps;
    return this;
  }

  /** The benchmark's entry of this model in {@code lab}, or null when it declares none. */
  BenchmarkModel benchmarkModel(String lab) {
    return benchmarkSteps == null ? null
        : new BenchmarkModel(lab, name, slug(), torch, batchSize, stepsPerEpoch, benchmarkSteps);
  }

  /**
   * Trains the model on {@code data}: through its own step if it has one, or else built,
   * compiled and fitted by {@code trainer} with the run's options, then analysed and closed.
   */
  ModelResult train(Trainer trainer, D data, LabOptions options) {
    if (step != null) {
      return step.train(trainer, data);
    }
    requireBuilt();
    if (x == null || description == null) {
      throw new IllegalStateException("model " + key() + " needs data and description, or a"
          + " step");
    }
    try (Sequential m = build.get()) {
      FitOptions fit = fitSettings.apply(options.fitOptions(batchSize)
          .epochs(options.epochsOr(epochs)), data);
      EarlyStopping es = earlyStopping == null ? null : earlyStopping.get();
      if (es != null) {
        fit.callbacks(es);
      }
      if (bestCheckpoint) {
        fit.callbacks(trainer.bestCheckpoint("best-" + slug(), description.apply(m)));
      }
      ModelResult r = trainer.train(Training.of(m, slug()).compile(compile.get())
          .data(x.apply(data), y.apply(data)).fit(fit).monitor(monitor)
          .description(description.apply(m)));
      return analysis.apply(new Run<>(data, m, es, r));
    }
  }

  private void requireBuilt() {
    if (build == null || compile == null || batchSize <= 0) {
      throw new IllegalStateException("model " + key() + " needs build, compile and a batch"
          + " size");
    }
  }
}
