package dev.tfjlabs.platform;

import dev.tfjlabs.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code --sweep OPTION=V1,V2,...}: trains the lab once per value of one of its options and
 * writes {@code sweep-OPTION.csv} (see {@link SweepRow}) with its two charts. Every value is
 * checked before anything trains. Training is deterministic for a seed, so an E-epoch run is
 * the first E epochs of a longer one: an {@code epochs} sweep trains once, for the largest
 * value, and reads each value's figures from that run's prefix.
 */
final class Sweep {
  /** Options that choose where things go or what runs, not how a model trains. */
  private static final Set<String> NOT_SWEEPABLE = Set.of("sweep", "models-dir", "reports-dir",
      "data-dir", "log-device-placement", "help", "version");

  private final String option;
  private final List<String> values;
  private final List<LabCommand<?>> variants;

  private Sweep(String option, List<String> values, List<LabCommand<?>> variants) {
    this.option = option;
    this.values = values;
    this.variants = variants;
  }

  /**
   * Parses and checks {@code OPTION=V1,V2,...} against {@code lab}'s options.
   *
   * @throws picocli.CommandLine.ParameterException for an unknown option or a bad value
   */
  static Sweep parse(String request, LabCommand<?> lab) {
    int eq = request.indexOf('=');
    String option = eq < 0 ? request : request.substring(0, eq).replaceFirst("^--", "");
    List<String> values = eq < 0 ? List.of() : Arrays.stream(request.substring(eq + 1).split(","))
        .map(String::strip).filter(v -> !v.isEmpty()).toList();
    if (values.isEmpty()) {
      throw lab.usage("--sweep takes OPTION=V1,V2,..., e.g. learning-rate=0.1,0.01; got '"
          + request + "'");
    }
    if (NOT_SWEEPABLE.contains(option) || lab.spec.findOption("--" + option) == null
        || lab.sweepOptionNames().contains("--" + option)) {
      throw lab.usage("--sweep: '" + option + "' is not an option of " + lab.id()
          + " that can be swept; see " + lab.id() + " --help");
    }
    List<LabCommand<?>> variants = new ArrayList<>();
    if (option.equals("epochs")) {
      int longest = 0;
      for (String v : values) {
        variants.add(lab.variant("--epochs", v));
        longest = Math.max(longest, variants.get(variants.size() - 1).options().epochsOr(0));
      }
      variants = List.of(lab.variant("--epochs", Integer.toString(longest)));
    } else {
      for (String v : values) {
        variants.add(lab.variant("--" + option, v));
      }
    }
    return new Sweep(option, values, variants);
  }

  /**
   * The values' runs side by side, {@code jobs} at a time: each a one-value sweep of the lab
   * ({@code LAB options... --sweep OPTION=V}) in a JVM of its own with {@code cores / jobs}
   * threads per pool unless the options say, into a hidden folder of {@code dir} whose table
   * gives its rows; its whole output in {@code dir/logs/sweep-OPTION-V.log}, its TensorBoard
   * logs moved beside this run's. The rows in the values' order; a failed run fails the sweep.
   */
  private List<SweepRow> sideBySide(Path dir, List<String> args, int jobs) {
    String lab = variants.get(0).id();
    Path points = dir.resolve(".sweep.points-" + ProcessHandle.current().pid());
    AtomicFiles.deleteRecursively(points);
    List<String> common = SideBySide.without(args, Set.of("--sweep", "--jobs", "--reports-dir",
        "--models-dir"));
    List<SideBySide.Job> runs = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      List<String> run = new ArrayList<>(List.of(lab));
      run.addAll(common);
      run.addAll(List.of("--sweep", option + "=" + values.get(i), "--reports-dir",
          points.resolve(Integer.toString(i)).toString(), "--models-dir",
          points.resolve(i + "-models").toString()));
      run.addAll(SideBySide.threadOptions(common, jobs));
      Path log = dir.resolve("logs").resolve(("sweep-" + option + "-" + values.get(i))
          .replaceAll("[^A-Za-z0-9.=-]+", "-") + ".log");
      runs.add(new SideBySide.Job(lab + " " + option + "=" + values.get(i), List.of(run),
          List.of(log), java.time.Duration.ZERO));
    }
    System.out.printf("Sweep %s: %d runs, %d side by side%n", option, values.size(), jobs);
    try {
      List<SideBySide.Ran> ran = new SideBySide(jobs, SideBySide.launcherStarter(), System.out)
          .run(runs);
      for (SideBySide.Ran r : ran) {
        if (r.exitCode() != 0) {
          String point = r.args().get(r.args().indexOf("--sweep") + 1);
          throw new IllegalStateException("The sweep's run of " + point + " failed (exit "
              + r.exitCode() + "); its log is in " + dir.resolve("logs"));
        }
      }
      List<SweepRow> rows = new ArrayList<>();
      for (int i = 0; i < values.size(); i++) {
        Path reports = points.resolve(Integer.toString(i)).resolve(lab);
        rows.addAll(SweepRow.read(reports.resolve(SweepReport.table(option))));
        moveTree(reports.resolve("logs"), dir.resolve("logs"));
      }
      return rows;
    } finally {
      AtomicFiles.deleteRecursively(points);
    }
  }

  /** Moves every file under {@code from} to the same place under {@code to}. */
  private static void moveTree(Path from, Path to) {
    if (!Files.isDirectory(from)) {
      return;
    }
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        Files.createDirectories(target.getParent());
        AtomicFiles.move(f, target);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not move the sweep's TensorBoard logs from " + from
          + " to " + to + ": " + e.getMessage(), e);
    }
  }

  /** Whether a value's run is a quick one (fewer epochs than the notebook, {@code --limit}). */
  boolean quick() {
    return variants.stream().anyMatch(v -> v.options().quick());
  }

  /**
   * Trains every value and writes the table and charts into {@code dir}.
   *
   * @param slugs the lab's models, which this run has locked
   * @param args the lab's command line (its options), for runs side by side ({@code --jobs})
   */
  void run(Path dir, List<String> slugs, List<String> args) {
    Trainer.removeLeftovers(variants.get(0).id(), variants.get(0).options(), slugs);
    List<SweepRow> rows = new ArrayList<>();
    int jobs = variants.get(0).options().jobs();
    if (jobs > 1 && !option.equals("epochs") && values.size() > 1) {
      rows.addAll(sideBySide(dir, args, jobs));
    } else if (option.equals("epochs")) {
      List<ModelResult> longest = variants.get(0).runForSweep(
          option + "=" + variants.get(0).options().epochsOr(0));
      for (String v : values) {
        int epochs = Integer.parseInt(v);
        longest.forEach(r -> rows.add(SweepRow.of(option, v, r.prefix(epochs))));
      }
    } else {
      for (int i = 0; i < values.size(); i++) {
        String v = values.get(i);
        System.out.println("Sweep " + option + " = " + v);
        variants.get(i).runForSweep(option + "=" + v).forEach(r -> rows.add(SweepRow.of(option, v, r)));
      }
    }
    for (SweepRow r : rows) {
      System.out.printf("%s %s, %s: best %s %.4f (epoch %d), %.2f s/epoch%n", option, r.value(),
          r.model(), r.monitor(), r.best(), r.bestEpoch(), r.secondsPerEpoch());
    }
    // the table and its charts appear together: written aside, then moved into place
    Path stage = dir.resolve(".sweep.staged-" + ProcessHandle.current().pid());
    AtomicFiles.deleteRecursively(stage);
    List<Path> written;
    try {
      Files.createDirectories(stage);
      AtomicFiles.writeString(stage.resolve(SweepReport.table(option)), SweepRow.table(rows));
      SweepReport.draw(stage, option, rows);
      try (Stream<Path> files = Files.list(stage)) {
        written = files.sorted().toList();
        for (Path f : written) {
          AtomicFiles.move(f, dir.resolve(f.getFileName()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the sweep's table and charts to " + dir
          + ": " + e.getMessage(), e);
    } finally {
      AtomicFiles.deleteRecursively(stage);
    }
    // the table and its charts, each by the name it has in place
    System.out.println("Wrote " + written.stream().map(f -> dir.resolve(f.getFileName())
        .toString()).collect(java.util.stream.Collectors.joining(", ")));
  }
}
