package dev.tfjlabs.platform;

import dev.tfjlabs.keras.backend.Backend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * The platform side of every lab: checks the options, prepares the output folders, then either
 * runs the lab's notebook ({@link #run}) and writes its {@code results.json} (merged over the
 * earlier one) and charts, or runs the sweeps asked for with {@code --sweep}. A lab declares
 * its models once ({@link #models}, one {@link ModelSpec} each, and the {@link ModelChoice} of
 * its {@code --model} option, given to the constructor) and loads its data ({@link #load}); the platform checks the option,
 * trains the chosen models in order, and makes the training benchmark's entries from the same
 * declarations.
 *
 * @param <D> the lab's data, loaded once per run
 */
public abstract class LabCommand<D> implements Callable<Integer> {
  @Mixin protected LabOptions options;
  @Spec protected CommandSpec spec;

  private final String id;
  private final String title;
  private final String notebook;
  private final int notebookEpochs;
  private final LabReport report;
  private final ModelChoice choice;

  /**
   * @param id the lab id
   * @param title one line saying what the notebook compares
   * @param notebook the notebook's file in {@code ../shared/seeds/}
   * @param notebookEpochs the fewest epochs any of the notebook's models trains; fewer makes a
   *     quick run
   * @param report draws the lab's charts from what a run saved
   * @param choice the keys and slugs of the lab's models, and the option that picks them
   */
  protected LabCommand(String id, String title, String notebook, int notebookEpochs,
      LabReport report, ModelChoice choice) {
    this.id = id;
    this.title = title;
    this.notebook = notebook;
    this.notebookEpochs = notebookEpochs;
    this.report = report;
    this.choice = choice;
  }

  public String id() {
    return id;
  }

  public String title() {
    return title;
  }

  public String notebook() {
    return notebook;
  }

  /** The lab's report, which draws its charts and figures table. */
  public LabReport report() {
    return report;
  }

  /** The dataset the models train on, as the dataset module names it. */
  protected abstract String dataset();

  /** Checks the lab's own options; throw {@link #usage} for a bad value. */
  protected void validate() {}

  /** The value of the lab's model-choice option in this run. */
  protected abstract String chosen();

  /**
   * The lab's models in the order it trains them, built as this lab's options build them; their
   * keys are the model choice's, in its order.
   */
  protected abstract List<ModelSpec<D>> models();

  /** The notebook's data, loaded once a run (side outputs such as sample pictures may go to
   * {@link Trainer#sideOutputs}). */
  protected abstract D load(Trainer trainer);

  /**
   * Whether the lab's models may train as runs of their own at the same time ({@code all
   * --jobs}): none reads another's files or results, and {@link #summarize} compares none.
   * Default: no, the lab is one run.
   */
  protected boolean modelsTrainApart() {
    return false;
  }

  /**
   * The options of each run of one model ({@code --model rnn}, {@code --model gru}) that
   * {@code all --jobs} may start side by side, in the lab's order; empty where the lab's models
   * do not train apart ({@link #modelsTrainApart}) or it has one.
   */
  public final List<List<String>> separateRuns() {
    if (!modelsTrainApart() || choice.models().size() < 2) {
      return List.of();
    }
    return choice.models().stream().map(m -> List.of(choice.option(), m.key())).toList();
  }
  /** The file slugs of the models that the model-choice value {@code value} picks. */
  public final List<String> slugs(String value) {
    return choice.models().stream().filter(m -> choice.picks(value, m.key()))
        .map(ModelChoice.Model::slug).toList();
  }


  /** What the notebook does with every model's result at the end (default: nothing). */
  protected List<ModelResult> summarize(List<ModelResult> results) {
    return results;
  }

  /** The notebook: loads the data, then trains and analyses each chosen model in order. */
  final List<ModelResult> run(Trainer trainer) {
    List<ModelSpec<D>> specs = declaredModels().stream()
        .filter(m -> choice.picks(chosen(), m.key())).toList();
    D data = load(trainer);
    List<ModelResult> results = new ArrayList<>();
    for (ModelSpec<D> m : specs) {
      results.add(m.train(trainer, data, options));
    }
    return summarize(results);
  }

  /**
   * The lab's models as the training benchmark times them: built as this lab's options build
   * them, at the notebook's batch sizes.
   */
  public final List<BenchmarkModel> benchmarkModels() {
    return declaredModels().stream().map(m -> m.benchmarkModel(id)).filter(Objects::nonNull)
        .toList();
  }

  /** {@link #models}, checked against the model choice: the same keys in the same order. */
  private List<ModelSpec<D>> declaredModels() {
    List<ModelSpec<D>> specs = models();
    List<String> keys = specs.stream().map(ModelSpec::key).toList();
    List<String> declared = choice.models().stream().map(ModelChoice.Model::key).toList();
    if (!keys.equals(declared)) {
      throw new IllegalStateException(id + " declares the models " + keys + " but its "
          + choice.option() + " option the keys " + declared);
    }
    return specs;
  }

  /** Every check of the options: the platform's, the model choice, the lab's own. */
  private void checkOptions() {
    options.validate(notebookEpochs);
    choice.check(chosen(), this::usage);
    validate();
  }

  /**
   * The lab's sweeps as {@code OPTION=V1,V2,...}: {@code --sweep} and any aliases a lab keeps.
   */
  protected List<String> sweepRequests() {
    return options.sweeps();
  }

  /** Options that ask for sweeps, not copied into a sweep's runs. */
  protected Set<String> sweepOptionNames() {
    return Set.of("--sweep");
  }

  /** A usage error of this lab: printed with its usage, exit code 2. */
  protected ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  public LabOptions options() {
    return options;
  }

  @Override
  public final Integer call() {
    checkOptions();
    List<Sweep> sweeps = new ArrayList<>();
    for (String request : sweepRequests()) {
      sweeps.add(Sweep.parse(request, this));
    }
    if (sweeps.stream().anyMatch(Sweep::quick)) {
      // a sweep of short runs is a quick run: its table and charts stay out of reports/
      options.markQuick();
    }
    options.prepareOutputs(id);
    // a sweep's table and charts are the lab's: it takes every model
    List<String> slugs = sweeps.isEmpty() ? slugs(chosen()) : choice.slugs();
    if (sweeps.isEmpty() && options.jobs() > 1 && slugs.size() > 1
        && !separateRuns().isEmpty()) {
      return modelsSideBySide();
    }
    try (RunLock lock = RunLock.acquire(id, List.of(options.reportDir(id),
        options.modelsDir(id)), slugs)) {
      if (sweeps.isEmpty() || options.jobs() == 1) {
        options.applyThreads(); // else each sweep value's run is a JVM of its own
      }
      System.out.println("Device: " + Backend.device());
      Path dir = options.reportDir(id);
      if (!sweeps.isEmpty()) {
        for (Sweep s : sweeps) {
          s.run(dir, slugs, ownArgs());
        }
        return 0;
      }
      Trainer trainer = new Trainer(id, options, null, slugs);
      List<ModelResult> models = run(trainer);
      trainer.publish(LabResults.ofRun(id, notebook, dataset(), options, models), report);
      System.out.println("Reports written to " + dir);
      return 0;
    }
  }

  /** This lab's options as given on the command line (after the lab's name, if it came first). */
  private List<String> ownArgs() {
    List<String> args = spec.commandLine().getParseResult().originalArgs();
    return !args.isEmpty() && args.get(0).equals(id) ? args.subList(1, args.size()) : args;
  }

  /**
   * {@code --jobs N} with models that train apart: each chosen model a run of its own
   * ({@code LAB options... --model KEY}), N side by side in JVMs of their own with cores / N
   * threads per pool unless the options say, each publishing as it ends (one at a time, each
   * over the other); exit 0 when every run succeeded, else 1.
   */
  private int modelsSideBySide() {
    List<String> args = SideBySide.without(ownArgs(), Set.of("--jobs", choice.option()));
    List<SideBySide.Job> runs = new ArrayList<>();
    for (ModelChoice.Model m : choice.models()) {
      if (!choice.picks(chosen(), m.key())) {
        continue;
      }
      List<String> run = new ArrayList<>(List.of(id));
      run.addAll(args);
      run.addAll(List.of(choice.option(), m.key()));
      run.addAll(SideBySide.threadOptions(args, options.jobs()));
      runs.add(new SideBySide.Job(id + " " + choice.option() + " " + m.key(), List.of(run),
          List.of(options.reportDir(id).resolve("logs").resolve(id + "-" + choice.option()
              .replace("--", "") + "-" + m.key() + ".log")), java.time.Duration.ZERO));
    }
    List<SideBySide.Ran> ran = new SideBySide(options.jobs(), SideBySide.launcherStarter(),
        System.out).run(runs);
    return ran.stream().allMatch(r -> r.exitCode() == 0) ? 0 : 1;
  }

  /**
   * A fresh instance of this lab with every option as here except {@code option}, which gets
   * {@code value} (converted and checked as on the command line), and the sweep options.
   */
  LabCommand<?> variant(String option, String value) {
    LabCommand<?> v;
    try {
      v = getClass().getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(getClass() + " needs a public no-argument constructor", e);
    }
    CommandLine cl = new CommandLine(v);
    try {
      cl.parseArgs(option, value);
    } catch (ParameterException e) {
      throw usage("--sweep " + option.substring(2) + ": " + e.getMessage());
    }
    for (OptionSpec o : spec.options()) {
      if (o.longestName().equals(option) || sweepOptionNames().contains(o.longestName())
          || o.usageHelp() || o.versionHelp()) {
        continue;
      }
      OptionSpec target = cl.getCommandSpec().findOption(o.longestName());
      if (target != null) {
        target.setValue(o.getValue());
      }
    }
    v.checkOptions();
    return v;
  }

  /**
   * Runs the notebook as one point of a sweep ({@code OPTION=VALUE}): nothing saved but the
   * TensorBoard logs asked for, the results returned.
   */
  List<ModelResult> runForSweep(String point) {
    Trainer trainer = new Trainer(id, options, point, List.of());
    try {
      return run(trainer);
    } finally {
      trainer.discard();
    }
  }
}
