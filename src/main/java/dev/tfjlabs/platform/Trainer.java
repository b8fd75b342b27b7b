package dev.tfjlabs.platform;

import dev.tfjlabs.io.AtomicFiles;
import dev.tfjlabs.io.Swap;
import dev.tfjlabs.keras.callbacks.CSVLogger;
import dev.tfjlabs.keras.callbacks.Callback;
import dev.tfjlabs.keras.callbacks.History;
import dev.tfjlabs.keras.callbacks.ModelCheckpoint;
import dev.tfjlabs.keras.callbacks.TensorBoard;
import dev.tfjlabs.keras.models.FitOptions;
import dev.tfjlabs.keras.models.Sequential;
import dev.tfjlabs.keras.saving.KerasFile;
import dev.tfjlabs.keras.saving.ModelDescription;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What every lab does per model, in one place: print the summary, compile, fit with a
 * {@code CSVLogger} for {@code reports/<lab>/<slug>-history.csv}, save the SavedModel with its
 * {@code model.json} for {@code models/<lab>/<slug>/}, and return the model's
 * {@link ModelResult}. A loss that turns NaN ends {@code fit} with {@code TrainingDiverged}.
 *
 * <p>Nothing a run writes replaces an earlier run's files until the lab has finished: the
 * history stays in {@code <slug>-history.csv.partial} and the SavedModel in a hidden staging
 * folder {@code models/<lab>/.<slug>.staged-PID}; {@link #publish} moves them into place
 * together with {@code results.json} and the charts, all or none. A run that fails or is killed before
 * then leaves the earlier files as they were; its leftovers are removed by the next run. In a
 * sweep nothing is written: only the result comes back.
 */
public final class Trainer {
  /** Runs before the outputs are published; tests put a failure here. */
  static volatile Runnable beforePublish = () -> { };

  private static final Pattern STAGED = Pattern.compile("\\.(.+)\\.staged-(\\d+)");
  /** A folder write's temporary or displaced copy, {@code .NAME.tmp-PID} / {@code .old-PID}. */
  private static final Pattern ASIDE = Pattern.compile("\\..+\\.(?:tmp|old)-(\\d+)");
  /** A published copy moved aside while it is replaced, {@code .NAME.old-PID}. */
  private static final Pattern OLD = Pattern.compile("\\.(.+)\\.old-\\d+");

  private final String lab;
  private final LabOptions options;
  private final boolean sweeping;
  private final String sweepPoint;
  private final List<Publication> publications = new ArrayList<>();

  /** A staged file or folder and where it goes. */
  private record Publication(Path staged, Path target, CSVLogger history) {}

  /** The staging folder of the lab's side outputs (pictures, tables), or null until asked. */
  private Path sideOutputs;

  /**
   * @param sweepPoint {@code OPTION=VALUE} of a sweep's run, or null outside sweeps
   * @param slugs the models this run trains (their histories' partial files are its own)
   */
  Trainer(String lab, LabOptions options, String sweepPoint, List<String> slugs) {
    this.lab = lab;
    this.options = options;
    this.sweeping = sweepPoint != null;
    this.sweepPoint = sweepPoint;
    if (!sweeping) {
      removeLeftovers(lab, options, slugs);
    }
  }

  /**
   * Trains the model of {@code t} and, outside sweeps, saves it (staged until
   * {@link #publish}); the model stays open for the lab's analysis.
   */
  public ModelResult train(Training t) {
    t.check();
    Sequential model = t.model;
    String slug = t.slug;
    FitOptions fit = t.fit;
    System.out.print(model.summary());
    Compile compile = t.compile;
    compile.apply(model);
    fit.seed(options.seed());
    fit.callbacks(loggers(slug));
    History h = model.fit(t.x, t.y, fit);
    Path dir = modelDir(slug);
    if (dir != null) {
      model.save(dir, Map.of("model.json", t.description.toJson()));
      // the same model for Python's Keras: keras.models.load_model(".../model.keras")
      KerasFile.save(model, dir.resolve(KerasFile.IN_SAVED_MODEL));
    }
    return finish(model.name(), slug, model.countParams(), fit.batchSize(), h, t.monitor, dir);
  }

  /**
   * What logs {@code slug}'s training, as one callback: the {@code CSVLogger} of its history,
   * published with the model (none in a sweep), and with {@code --tensorboard} a
   * {@link TensorBoard} writing to {@link LabOptions#tensorboardDir} (the model's earlier logs
   * there are replaced). Also for a lab with its own training loop, which calls its hooks (and
   * {@code setModel} when it trains a {@code Sequential}, for the graph and histograms).
   */
  public Callback loggers(String slug) {
    List<Callback> parts = new ArrayList<>();
    if (!sweeping) {
      CSVLogger logger = new CSVLogger(options.reportDir(lab).resolve(slug + "-history.csv"))
          .publishOnTrainEnd(false);
      publications.add(new Publication(null, null, logger));
      parts.add(logger);
    }
    if (options.tensorboard()) {
      Path logs = options.tensorboardDir(lab, slug, sweepPoint);
      AtomicFiles.deleteRecursively(logs.resolve("train"));
      AtomicFiles.deleteRecursively(logs.resolve("validation"));
      parts.add(new TensorBoard(logs).histogramFreq(1));
      System.out.println("TensorBoard logs: " + logs);
    }
    return new Loggers(parts);
  }

  /**
   * The helper of a lab with its own training loop: {@link #loggers} of {@code slug}, given
   * {@code model} when the loop trains a {@code Sequential} (for TensorBoard's graph and
   * histograms; null otherwise), epoch timing, the History and the divergence check.
   *
   * @param learningRate as the divergence message should show it
   */
  public EpochLoop epochLoop(String slug, String name, Sequential model, Object learningRate) {
    Callback logs = loggers(slug);
    if (model != null) {
      logs.setModel(model);
    }
    return new EpochLoop(name, logs, learningRate);
  }

  /**
   * Where to save {@code slug}'s SavedModel (a staging folder, moved to
   * {@code models/<lab>/<slug>/} when published), or null in a sweep. Also for a lab with its
   * own training loop.
   */
  public Path modelDir(String slug) {
    if (sweeping) {
      return null;
    }
    Path target = options.modelDir(lab, slug);
    Path staged = target.resolveSibling("." + slug + ".staged-" + ProcessHandle.current().pid());
    AtomicFiles.deleteRecursively(staged);
    publications.add(new Publication(staged, target, null));
    return staged;
  }

  /**
   * Keras's {@code ModelCheckpoint(save_best_only=True)} into {@code models/<lab>/<name>/}
   * with {@code model.json}, staged and published with the lab's models; in a sweep, a
   * callback that saves nothing.
   */
  public Callback bestCheckpoint(String name, ModelDescription description) {
    if (sweeping) {
      return new Callback() { };
    }
    return new ModelCheckpoint(modelDir(name)).saveBestOnly(true)
        .shownAs(options.modelDir(lab, name))
        .extraFiles(Map.of("model.json", description.toJson()));
  }

  /**
   * The folder a lab writes its side outputs to (pictures, weight tables, checkpoint tables,
   * lengths): a hidden staging folder {@code reports/<lab>/.outputs.staged-PID} whose files are
   * moved into {@code reports/<lab>/} when the lab is published, with its models and
   * histories, so a run killed at any moment leaves the earlier run's side outputs as they were.
   * In a sweep, a temporary folder that {@link #discard} removes: a sweep publishes no side
   * output, and the lab need not know it is one.
   */
  public Path sideOutputs() {
    if (sweeping && sideOutputs == null) {
      try {
        sideOutputs = Files.createTempDirectory("tfj-sweep-outputs");
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot create a temporary folder: " + e.getMessage(), e);
      }
    }
    if (sideOutputs == null) {
      Path reports = options.reportDir(lab);
      sideOutputs = reports.resolve(".outputs.staged-" + ProcessHandle.current().pid());
      AtomicFiles.deleteRecursively(sideOutputs);
      try {
        Files.createDirectories(sideOutputs);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot create " + sideOutputs + ": " + e.getMessage(),
            e);
      }
      publications.add(new Publication(sideOutputs, reports, null));
    }
    return sideOutputs;
  }

  /**
   * The model's result, once the lab has saved it to {@code savedTo} (under
   * {@link #modelDir}; null in a sweep). The result names the published folder.
   */
  public ModelResult finish(String name, String slug, long params, int batchSize, History h,
      String monitor, Path savedTo) {
    String modelDir = null;
    if (savedTo != null) {
      Path published = savedTo;
      for (Publication p : publications) {
        if (p.staged() != null && savedTo.startsWith(p.staged())) {
          published = p.target().resolve(p.staged().relativize(savedTo));
        }
      }
      System.out.println("Saved " + name + " (published to " + published + " when the lab ends)");
      modelDir = published.toString();
    }
    return ModelResult.of(name, slug, params, batchSize, h, monitor, options.seed(),
        options.limit(), Instant.now().toString(), modelDir,
        sweeping ? null : slug + "-history.csv");
  }

  /** Removes what a sweep's run wrote to its temporary side-output folder. */
  void discard() {
    if (sweeping && sideOutputs != null) {
      AtomicFiles.deleteRecursively(sideOutputs);
    }
  }

  /**
   * Publishes the run, all of it or nothing: the lab's next {@code reports/<lab>/} is put
   * together in a hidden staging folder (the current files, this run's histories and side
   * outputs, {@code results} merged over the current {@code results.json}, and {@code report}'s
   * charts drawn from them), then every staged SavedModel, checkpoint folder and new report file
   * replaces its published copy in one {@link Swap}. A failure anywhere, drawing on a full disk
   * or a model folder that cannot be replaced, leaves every published file as it was. Runs of
   * the lab's other models publish one at a time ({@link RunLock#publishing}), each over the
   * previous one.
   */
  void publish(LabResults results, LabReport report) {
    beforePublish.run();
    Path reports = options.reportDir(lab);
    Path next = reports.resolve(".next.staged-" + ProcessHandle.current().pid());
    Swap swap = new Swap();
    Set<String> written = new LinkedHashSet<>();
    try (RunLock turn = RunLock.publishing(reports)) {
      AtomicFiles.deleteRecursively(next);
      Files.createDirectories(next);
      copyFiles(reports, next);
      for (Publication p : publications) {
        if (p.history() != null) {
          if (Files.exists(p.history().partialFile())) {
            String name = p.history().file().getFileName().toString();
            AtomicFiles.move(p.history().partialFile(), next.resolve(name));
            written.add(name);
          }
        } else if (p.staged().equals(sideOutputs)) {
          try (Stream<Path> files = Files.list(sideOutputs)) {
            for (Path f : files.toList()) {
              AtomicFiles.move(f, next.resolve(f.getFileName()));
              written.add(f.getFileName().toString());
            }
          }
          AtomicFiles.deleteRecursively(sideOutputs);
        } else if (Files.exists(p.staged())) {
          swap.add(p.staged(), p.target());
        }
      }
      results.writeMerged(next);
      written.add(LabResults.FILE);
      report.rebuild(next);
      written.addAll(report.charts(next));
      for (String name : written) {
        swap.add(next.resolve(name), reports.resolve(name));
      }
      swap.commit();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not stage the run's reports in " + next + " ("
          + e.getMessage() + "); the earlier results are as they were", e);
    } finally {
      AtomicFiles.deleteRecursively(next);
    }
  }

  /** Copies the visible files (not folders, not hidden) of {@code from} into {@code to}. */
  private static void copyFiles(Path from, Path to) throws IOException {
    if (!Files.isDirectory(from)) {
      return;
    }
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String name = f.getFileName().toString();
        if (!name.startsWith(".") && !name.endsWith(".partial")) {
          Files.copy(f, to.resolve(name));
        }
      }
    }
  }

  /**
   * Removes staged folders of runs that ended without publishing (their process has ended, or
   * it is this one, which runs one lab at a time), the temporary folders of saves that were
   * killed ({@code ..<slug>.staged-PID.tmp-PID}) and the partial histories of the models this
   * run trains (another model's may be a running run's). A published
   * file or folder still moved aside ({@code .NAME.old-PID}) with nothing at {@code NAME} (a
   * publication killed halfway) is put back.
   */
  static void removeLeftovers(String lab, LabOptions options, List<String> slugs) {
    Path models = options.modelsDir(lab);
    Path reports = options.reportDir(lab);
    long self = ProcessHandle.current().pid();
    for (Path dir : List.of(models, reports)) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> files = Files.list(dir)) {
        for (Path p : files.toList()) {
          String name = p.getFileName().toString();
          Matcher m = STAGED.matcher(name);
          boolean staged = m.matches() && (Long.parseLong(m.group(2)) == self
              || ProcessHandle.of(Long.parseLong(m.group(2))).isEmpty());
          Matcher a = ASIDE.matcher(name);
          boolean aside = a.matches() && (Long.parseLong(a.group(1)) == self
              || ProcessHandle.of(Long.parseLong(a.group(1))).isEmpty());
          Matcher o = OLD.matcher(name);
          if (aside && o.matches() && !o.group(1).startsWith(".")
              && !Files.exists(dir.resolve(o.group(1)), LinkOption.NOFOLLOW_LINKS)) {
            // a publication killed between moving the old copy aside and the new one in
            AtomicFiles.move(p, dir.resolve(o.group(1)));
          } else if (staged || aside || slugs.stream().anyMatch(slug -> name.equals(slug
              + "-history.csv.partial"))) {
            AtomicFiles.deleteRecursively(p);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Could not list " + dir + ": " + e.getMessage(), e);
      }
    }
  }
}
