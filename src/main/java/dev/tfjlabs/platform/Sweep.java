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

  /** Whether a value's run is a quick one (fewer epochs than the notebook, {@code --limit}). */
  boolean quick() {
    return variants.stream().anyMatch(v -> v.options().quick());
  }

  /**
   * Trains every value and writes the table and charts into {@code dir}.
   *
   * @param slugs the lab's models, which this run has locked
   */
  void run(Path dir, List<String> slugs) {
    Trainer.removeLeftovers(variants.get(0).id(), variants.get(0).options(), slugs);
    List<SweepRow> rows = new ArrayList<>();
    if (option.equals("epochs")) {
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
