package dev.tfjlabs.platform;

import dev.tfjlabs.io.AtomicFiles;
import dev.tfjlabs.reports.Charts;
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
 * others still run. With {@code --jobs N} above 1 the labs (and the models of a lab whose models
 * train apart) run side by side, N at a time ({@link SideBySide}). At the end it prints and
 * writes {@code all.md} beside the labs' reports:
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

  @Option(names = "--jobs", paramLabel = "N",
      description = "Jobs trained side by side (labs, or the models of a lab that train apart),"
          + " each in a JVM of its own with the machine's"
          + " cores shared out as thread pools (default: the number of cores, ${DEFAULT-VALUE};"
          + " 1 runs the labs one after the other in this JVM).")
  int jobs = Runtime.getRuntime().availableProcessors();

  @Unmatched List<String> common = new ArrayList<>();

  private final List<Lab> labs;
  private final ToIntFunction<String[]> launcher;
  private final SideBySide.Starter starter;

  /**
   * @param labs the registry
   * @param launcher runs a command line ({@code LAB options...}) in this JVM and returns its
   *     exit code
   * @param starter starts a command line in a JVM of its own, for {@code --jobs} above 1
   */
  public AllCommand(List<Lab> labs, ToIntFunction<String[]> launcher,
      SideBySide.Starter starter) {
    this.labs = List.copyOf(labs);
    this.launcher = launcher;
    this.starter = starter;
  }

  /** One lab's run: its command line, exit code, wall time and the worker that ran it. */
  private record Run(String lab, List<String> args, int exitCode, Instant start,
      Duration time, int worker) {}

  @Override
  public Integer call() {
    List<String> ids = labs.stream().map(Lab::id).toList();
    for (String id : only) {
      if (!ids.contains(id)) {
        throw new ParameterException(spec.commandLine(), "--labs: unknown lab '" + id
            + "'; labs: " + ids);
      }
    }
    if (jobs < 1) {
      throw new ParameterException(spec.commandLine(), "--jobs must be at least 1, got " + jobs);
    }
    List<List<String>> plan = new ArrayList<>();
    for (Lab lab : labs) {
      if (!only.isEmpty() && !only.contains(lab.id())) {
        continue;
      }
      List<List<String>> apart = jobs > 1 ? lab.command().get().separateRuns() : List.of();
      if (!apart.isEmpty() && !common.contains(apart.get(0).get(0))) {
        // models that train apart: each a job of its own, side by side with the others
        for (List<String> model : apart) {
          List<String> run = withCommon(lab.id());
          run.addAll(model);
          plan.add(run);
        }
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
    List<Run> runs = jobs == 1 ? oneAfterAnother(plan, start) : sideBySide(plan);
    List<String> reports = new ArrayList<>(List.of("reports", "--reports-dir",
        reportsRoot().toString()));
    int reportsCode = launcher.applyAsInt(reports.toArray(String[]::new));
    Duration total = Duration.between(start, Instant.now());
    String summary = summary(runs, start, total, reportsCode);
    System.out.println();
    System.out.print(summary);
    Path file = reportsRoot().resolve("all.md");
    if (jobs > 1) {
      drawTimeline(runs, start, reportsRoot().resolve("all-timeline.png"));
    }
    AtomicFiles.writeString(file, summary);
    System.out.println("Wrote " + file);
    return runs.stream().allMatch(r -> r.exitCode() == 0) && reportsCode == 0 ? 0 : 1;
  }

  /** The plan's runs one after the other, in this JVM. */
  private List<Run> oneAfterAnother(List<List<String>> plan, Instant start) {
    List<Run> runs = new ArrayList<>();
    for (int i = 0; i < plan.size(); i++) {
      List<String> args = plan.get(i);
      System.out.printf(Locale.ROOT, "%n=== [%d/%d] %s (%s so far)%n", i + 1, plan.size(),
          String.join(" ", args), clock(Duration.between(start, Instant.now())));
      Instant t0 = Instant.now();
      int code = launcher.applyAsInt(args.toArray(String[]::new));
      runs.add(new Run(args.get(0), args, code, t0, Duration.between(t0, Instant.now()), 0));
      if (code != 0) {
        System.out.println("=== " + args.get(0) + " failed (exit " + code + "); going on with"
            + " the next lab");
      }
    }
    return runs;
  }

  /** Peak resident memory of the side-by-side runs, for the summary; -1 when serial. */
  private long peakBytes = -1;

  /**
   * The plan's runs as {@link SideBySide} jobs, one per lab (a lab's runs share its folders, so
   * they follow one another) or per model of a lab whose models train apart, longest first by
   * the previous {@code all.md}'s times, each run with {@code cores / jobs} threads in each
   * TensorFlow pool unless the options say.
   */
  private List<Run> sideBySide(List<List<String>> plan) {
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / jobs);
    Map<String, Duration> expected = ExpectedTimes.of(reportsRoot().resolve("all.md"),
        Path.of("reports", "all.md"));
    Map<String, SideBySide.Job> byJob = new java.util.LinkedHashMap<>();
    for (List<String> args : plan) {
      List<String> full = new ArrayList<>(args);
      full.addAll(SideBySide.threadOptions(common, jobs));
      String job = jobName(args);
      SideBySide.Job before = byJob.get(job);
      List<List<String>> jobRuns = new ArrayList<>(before == null ? List.of() : before.runs());
      List<Path> logs = new ArrayList<>(before == null ? List.of() : before.logs());
      jobRuns.add(full);
      logs.add(reportsRoot().resolve(args.get(0)).resolve("logs").resolve(logName(args)));
      byJob.put(job, new SideBySide.Job(job, jobRuns, logs, expected.getOrDefault(job,
          expected.getOrDefault(args.get(0), Duration.ZERO))));
    }
    System.out.printf(Locale.ROOT, "%d jobs on %d workers, longest first, %d thread%s per"
        + " TensorFlow pool%n", byJob.size(), jobs, threads, threads == 1 ? "" : "s");
    SideBySide runner = new SideBySide(jobs, starter, System.out);
    List<Run> runs = new ArrayList<>();
    for (SideBySide.Ran r : runner.run(List.copyOf(byJob.values()))) {
      runs.add(new Run(r.lab(), r.args(), r.exitCode(), r.start(), r.time(), r.worker()));
    }
    peakBytes = runner.peakBytes();
    return runs;
  }

  /** The runs on their workers against time: where a worker waited shows as a gap. */
  private void drawTimeline(List<Run> runs, Instant start, Path png) {
    List<String> rows = new ArrayList<>();
    for (int w = 0; w < jobs; w++) {
      rows.add("worker " + (w + 1));
    }
    List<Charts.Span> spans = new ArrayList<>();
    for (Run r : runs) {
      double from = Duration.between(start, r.start()).toMillis() / 60000.0;
      boolean comparison = r.args().contains("--learning-rate")
          && !common.contains("--learning-rate");
      String name = jobName(r.args());
      spans.add(new Charts.Span(name.equals(r.lab()) ? r.lab() + (comparison ? " (comparison)"
          : "") : name.replaceFirst(" --(model|part) (.*)", " ($2)"), r.worker(), from,
          from + r.time().toMillis() / 60000.0));
    }
    Charts.savePng(Charts.timeline("all --jobs " + jobs + ": the runs on the workers", rows,
        spans), png);
  }

  /**
   * The job a run belongs to: its lab, or {@code LAB --model KEY} for a run of one model of a
   * lab whose models train apart.
   */
  private String jobName(List<String> args) {
    List<String> own = args.subList(1 + common.size(), args.size());
    for (int i = 0; i + 1 < own.size(); i++) {
      if (own.get(i).equals("--model") || own.get(i).equals("--part")) {
        return args.get(0) + " " + own.get(i) + " " + own.get(i + 1);
      }
    }
    return args.get(0);
  }

  /** The log of one run: {@code LAB.log}, or with the options it adds to the common ones. */
  private String logName(List<String> args) {
    List<String> own = new ArrayList<>(args.subList(1 + common.size(), args.size()));
    String extra = String.join("-", own).replaceAll("[^A-Za-z0-9.]+", "-")
        .replaceAll("^-+|-+$", "");
    return args.get(0) + (extra.isEmpty() ? "" : "-" + extra) + ".log";
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

  private String summary(List<Run> runs, Instant start, Duration total, int reportsCode) {
    StringBuilder md = new StringBuilder("# The whole course\n\n");
    md.append("`mvn -q compile exec:java -Dexec.args=\"all");
    if (jobs != Runtime.getRuntime().availableProcessors()) {
      md.append(" --jobs ").append(jobs);
    }
    common.forEach(a -> md.append(' ').append(a));
    md.append("\"`, ").append(Instant.now()).append(", on ").append(Machine.describe())
        .append(".\n\n");
    md.append(jobs == 1 ? "The labs one after the other, in one JVM.\n\n"
        : String.format(Locale.ROOT, "%d runs side by side (each in a JVM of its own, longest"
        + " first; the models of a lab that train apart as runs of their own); the timeline: [all-timeline.png](all-timeline.png). Peak resident memory of"
        + " all runs together: %.2f GiB (sampled every second).%n%n", jobs,
        peakBytes / (double) (1L << 30)));
    md.append("| lab | run | worker | start | wall time | figures (notebook) | exit |\n"
        + "|---|---|---|---|---|---|---|\n");
    for (Run r : runs) {
      List<String> options = r.args().subList(1, r.args().size());
      md.append("| ").append(r.lab()).append(" | ").append(options.isEmpty()
          ? "the notebook's settings" : "`" + String.join(" ", options) + "`").append(" | ")
          .append(r.worker() + 1).append(" | ").append(clock(Duration.between(start, r.start())))
          .append(" | ").append(clock(r.time())).append(" | ")
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
    String job = jobName(r.args());
    // a run of one model: that model's entries only (the lab's others may train beside it)
    List<String> mine = job.equals(r.lab()) ? null : labs.stream().filter(l -> l.id().equals(
        r.lab())).findFirst().orElseThrow().command().get().slugs(job.substring(
        job.lastIndexOf(' ') + 1));
    List<String> out = new ArrayList<>();
    for (ModelResult m : LabResults.read(dir).models()) {
      if (m.finished() == null || Instant.parse(m.finished()).isBefore(r.start())
          || Instant.parse(m.finished()).isAfter(r.start().plus(r.time()))
          || mine != null && !mine.contains(m.slug())) {
        continue; // an entry an earlier or later run left, or another model's
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
