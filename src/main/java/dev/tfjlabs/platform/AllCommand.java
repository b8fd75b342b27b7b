package dev.tfjlabs.platform;

import dev.tfjlabs.io.AtomicFiles;
import dev.tfjlabs.reports.Machine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.ToIntFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code all}: every notebook end to end, in registry order, then {@code reports}. The options
 * it does not know itself are given to every lab ({@code --seed}, {@code --epochs},
 * {@code --data-dir}, the folders, the thread pools...). mnist-rnn-basics runs twice, with the
 * notebook's learning rate and with 0.001, its comparison. A failing lab is reported and the
 * others still run. At the end it prints and writes {@code all.md} beside the labs' reports:
 * each lab's wall time, its figures next to the notebook's, and the total.
 */
@Command(name = "all", mixinStandardHelpOptions = true,
    description = "Run every lab's notebook end to end, then rebuild the reports.")
public final class AllCommand implements Callable<Integer> {
  /** mnist-rnn-basics' comparison run: the learning rate that trains where 0.01 does not. */
  static final String MNIST_COMPARISON_LR = "0.001";

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--labs", split = ",", paramLabel = "LAB,...",
      description = "Only these labs, in registry order (default: all).")
  List<String> only = new ArrayList<>();

  @Unmatched List<String> common = new ArrayList<>();

  private final List<Lab> labs;
  private final ToIntFunction<String[]> launcher;

  /**
   * @param labs the registry
   * @param launcher runs a command line ({@code LAB options...}) and returns its exit code
   */
  public AllCommand(List<Lab> labs, ToIntFunction<String[]> launcher) {
    this.labs = List.copyOf(labs);
    this.launcher = launcher;
  }

  /** One lab's run: its command line, exit code and wall time. */
  private record Run(String lab, List<String> args, int exitCode, Instant start,
      Duration time) {}

  @Override
  public Integer call() {
    List<String> ids = labs.stream().map(Lab::id).toList();
    for (String id : only) {
      if (!ids.contains(id)) {
        throw new ParameterException(spec.commandLine(), "--labs: unknown lab '" + id
            + "'; labs: " + ids);
      }
    }
    List<List<String>> plan = new ArrayList<>();
    for (Lab lab : labs) {
      if (!only.isEmpty() && !only.contains(lab.id())) {
        continue;
      }
      plan.add(withCommon(lab.id()));
      if (lab.id().equals("mnist-rnn-basics") && !common.contains("--learning-rate")) {
        List<String> comparison = withCommon(lab.id());
        comparison.addAll(List.of("--learning-rate", MNIST_COMPARISON_LR));
        plan.add(comparison);
      }
    }
    Instant start = Instant.now();
    List<Run> runs = new ArrayList<>();
    for (int i = 0; i < plan.size(); i++) {
      List<String> args = plan.get(i);
      System.out.printf(Locale.ROOT, "%n=== [%d/%d] %s (%s so far)%n", i + 1, plan.size(),
          String.join(" ", args), clock(Duration.between(start, Instant.now())));
      Instant t0 = Instant.now();
      int code = launcher.applyAsInt(args.toArray(String[]::new));
      runs.add(new Run(args.get(0), args, code, t0, Duration.between(t0, Instant.now())));
      if (code != 0) {
        System.out.println("=== " + args.get(0) + " failed (exit " + code + "); going on with"
            + " the next lab");
      }
    }
    List<String> reports = new ArrayList<>(List.of("reports", "--reports-dir",
        reportsRoot().toString()));
    int reportsCode = launcher.applyAsInt(reports.toArray(String[]::new));
    Duration total = Duration.between(start, Instant.now());
    String summary = summary(runs, total, reportsCode);
    System.out.println();
    System.out.print(summary);
    Path file = reportsRoot().resolve("all.md");
    AtomicFiles.writeString(file, summary);
    System.out.println("Wrote " + file);
    return runs.stream().allMatch(r -> r.exitCode() == 0) && reportsCode == 0 ? 0 : 1;
  }

  private List<String> withCommon(String lab) {
    List<String> args = new ArrayList<>();
    args.add(lab);
    args.addAll(common);
    return args;
  }

  /**
   * Where the labs write their reports: {@code --reports-dir}, else {@code reports/}, or for a
   * quick run ({@code --limit}, {@code --epochs}) the quick-runs folder, as a lab decides.
   */
  Path reportsRoot() {
    int i = common.indexOf("--reports-dir");
    if (i >= 0 && i + 1 < common.size()) {
      return Path.of(common.get(i + 1));
    }
    boolean quick = common.contains("--limit") || common.contains("--epochs");
    return quick ? Path.of(LabOptions.QUICK_RUNS, "reports") : Path.of("reports");
  }

  private String summary(List<Run> runs, Duration total, int reportsCode) {
    StringBuilder md = new StringBuilder("# The whole course\n\n");
    md.append("`mvn -q compile exec:java -Dexec.args=\"all");
    common.forEach(a -> md.append(' ').append(a));
    md.append("\"`, ").append(Instant.now()).append(", on ").append(Machine.describe())
        .append(".\n\n");
    md.append("| lab | run | wall time | figures (notebook) | exit |\n|---|---|---|---|---|\n");
    for (Run r : runs) {
      List<String> options = r.args().subList(1, r.args().size());
      md.append("| ").append(r.lab()).append(" | ").append(options.isEmpty()
          ? "the notebook's settings" : "`" + String.join(" ", options) + "`").append(" | ")
          .append(clock(r.time())).append(" | ")
          .append(r.exitCode() == 0 ? figures(r) : "failed").append(" | ").append(r.exitCode())
          .append(" |\n");
    }
    md.append("\n`reports` exit ").append(reportsCode).append(".\n\nTotal: ").append(clock(total))
        .append('\n');
    return md.toString();
  }

  /** The run's models' figures that the notebook also gives, ours then the notebook's. */
  private String figures(Run r) {
    Path dir = reportsRoot().resolve(r.lab());
    if (!Files.exists(dir.resolve(LabResults.FILE))) {
      return "-";
    }
    List<String> out = new ArrayList<>();
    for (ModelResult m : LabResults.read(dir).models()) {
      if (m.finished() == null || Instant.parse(m.finished()).isBefore(r.start())) {
        continue; // an entry an earlier run left
      }
      for (Map.Entry<String, Double> n : m.notebook().entrySet()) {
        Double ours = m.figures().get(n.getKey());
        if (ours == null && n.getKey().contains(m.monitor())) {
          ours = m.best();
        }
        if (ours != null) {
          out.add(String.format(Locale.ROOT, "%s %s %.4f (%.4f)", m.name(), n.getKey(), ours,
              n.getValue()));
        }
      }
    }
    return out.isEmpty() ? "-" : String.join("; ", out);
  }

  /** H:MM:SS. */
  static String clock(Duration d) {
    long s = d.toSeconds();
    return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
  }
}
