package dev.tfjlabs.bench;

import dev.tfjlabs.io.AtomicFiles;
import dev.tfjlabs.labs.Labs;
import dev.tfjlabs.platform.BenchmarkModel;
import dev.tfjlabs.platform.Lab;
import dev.tfjlabs.platform.LabCommand;
import dev.tfjlabs.platform.LabResults;
import dev.tfjlabs.platform.ModelResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * How fast the whole course could run on this machine's TensorFlow kernels: for every model the
 * committed {@code all} run trained, its epochs times the optimizer steps of one of the
 * notebook's epochs times the training benchmark's best time per step
 * ({@code benchmarks/training-speed.md}) is the time of its training steps alone, with nothing
 * else a run does (validation, evaluation, saving, data loading, start-up). The sum is a floor
 * of the course at the library's step speed; a second floor takes fashion-rnn-gru's 3-layer
 * models at the rate of their matrix products alone (the benchmark's "GRU products alone"),
 * as if every element-wise op of theirs cost nothing. On two cores, the same steps shared out
 * longest first on two workers; and, from {@code benchmarks/side-by-side.md} ({@code
 * benchmarks/run --jobs 2}), at each model's step time when it shares the machine with another
 * training, with the jobs {@code all --jobs 2} runs (a lab, or a model of a lab whose models
 * train apart); and at the run's own epoch times (each model's seconds per epoch in its lab's
 * {@code results.json}, validation included), which leaves out only what a run does besides its
 * epochs. Writes {@code benchmarks/course-floor.md} beside the {@code all} run's wall times.
 */
@Command(name = "course-floor", mixinStandardHelpOptions = true,
    description = "The course's floor: its training steps alone at the benchmark's step times.")
public final class CourseFloor implements Callable<Integer> {
  /** The course goal of issue 25, in minutes. */
  static final double GOAL_MINUTES = 30;
  static final String PRODUCT_BOUND_LAB = "fashion-rnn-gru";

  @Option(names = "--speed", defaultValue = "benchmarks/training-speed.md",
      description = "The training benchmark's table (default: ${DEFAULT-VALUE}).")
  Path speed;

  @Option(names = "--reports", defaultValue = "reports",
      description = "The committed full runs, with all.md (default: ${DEFAULT-VALUE}).")
  Path reports;

  @Option(names = "--side-by-side", defaultValue = "benchmarks/side-by-side.md",
      description = "The step times of trainings side by side (benchmarks/run --jobs 2; default:"
          + " ${DEFAULT-VALUE}); that floor is left out when the file is absent.")
  Path sideBySide;

  @Option(names = "--output", defaultValue = "benchmarks/course-floor.md",
      description = "Where the table goes (default: ${DEFAULT-VALUE}).")
  Path output;

  public static void main(String[] args) {
    System.exit(new CommandLine(new CourseFloor()).execute(args));
  }

  /** A benchmark row: the better of its two library times, and its kernels' GFLOP/s. */
  record Speed(double msPerStep, double gflops) {}

  /** The committed {@code all} run: when it started and ended, and each lab's wall time. */
  record AllRun(Instant start, Instant end, Map<String, Duration> wallTimes) {
    /** The run's wall time, seconds. */
    long seconds() {
      return Duration.between(start, end).toSeconds();
    }
  }

  @Override
  public Integer call() {
    String speedTable = read(speed);
    Map<String, Speed> speeds = speeds(speedTable);
    double productsRate = number(speedTable, "GRU products alone: ([0-9.]+) GFLOP/s");
    AllRun all = allRun(read(reports.resolve("all.md")));
    Map<String, Double> shared = Files.exists(sideBySide) ? sharedSpeeds(read(sideBySide)) : null;
    Map<String, Double> jobShared = new LinkedHashMap<>();
    Map<String, Double> jobEpochs = new LinkedHashMap<>();
    List<Double> modelShared = new java.util.ArrayList<>();

    StringBuilder rows = new StringBuilder();
    Map<String, Double> labSeconds = new LinkedHashMap<>();
    List<Double> modelSeconds = new java.util.ArrayList<>();
    double floor = 0;
    double productFloor = 0;
    double products = 0;
    for (Lab lab : Labs.ALL) {
      LabCommand<?> command = lab.command().get();
      new CommandLine(command).parseArgs();
      List<ModelResult> trained = trainedInRun(reports.resolve(lab.id()), all);
      List<BenchmarkModel> models = command.benchmarkModels();
      for (ModelResult m : trained) {
        BenchmarkModel b = entryOf(m, models);
        if (b == null) {
          continue;
        }
        Speed s = speeds.get(lab.id() + " | " + b.model());
        if (s == null) {
          throw new IllegalStateException(speed + " has no row for " + lab.id() + " "
              + b.model() + ": rerun benchmarks/run");
        }
        double seconds = m.epochsRun() * b.stepsPerEpoch() * s.msPerStep() / 1000;
        String job = command.separateRuns().isEmpty() ? lab.id() : lab.id() + " " + m.name();
        jobEpochs.merge(job, m.epochsRun() * m.secondsPerEpoch(), Double::sum);
        boolean bound = lab.id().equals(PRODUCT_BOUND_LAB);
        double atProducts = seconds * s.gflops() / productsRate;
        floor += seconds;
        labSeconds.merge(lab.id(), seconds, Double::sum);
        modelSeconds.add(seconds);
        productFloor += bound ? atProducts : seconds;
        products += bound ? atProducts : 0;
        if (shared != null) {
          Double ms = shared.get(lab.id() + " | " + b.model());
          if (ms == null) {
            throw new IllegalStateException(sideBySide + " has no row for " + lab.id() + " "
                + b.model() + ": rerun benchmarks/run --jobs 2");
          }
          double alongside = m.epochsRun() * b.stepsPerEpoch() * ms / 1000;
          jobShared.merge(job, alongside, Double::sum);
          modelShared.add(alongside);
        }
        rows.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %.2f | %s | %s |%n",
            lab.id(), m.name(), m.epochsRun(), b.stepsPerEpoch(), s.msPerStep(), hms(seconds),
            bound ? hms(atProducts) : "-"));
      }
    }
    StringBuilder walls = new StringBuilder();
    all.wallTimes().forEach((lab, d) -> walls.append("| ").append(lab).append(" | ")
        .append(hms(d.toSeconds())).append(" |\n"));
    String md = table(speedTable, productsRate, all, rows.toString(), walls.toString(), floor,
        products, productFloor) + twoCores(labSeconds, modelSeconds, floor, all)
        + (shared == null ? "" : sideBySide(jobShared, modelShared, all))
        + ownEpochs(jobEpochs, all);
    AtomicFiles.writeString(output, md);
    System.out.print(md);
    System.out.println("Wrote " + output);
    return 0;
  }

  /**
   * The benchmark entry of a trained model: the one of its slug, or else the one whose slug is
   * the longest prefix of it before a dash ({@code basic-rnn-cell} of
   * {@code basic-rnn-cell-lr0.01}); null for a model the benchmark does not time.
   */
  static BenchmarkModel entryOf(ModelResult m, List<BenchmarkModel> models) {
    BenchmarkModel best = null;
    for (BenchmarkModel b : models) {
      if (m.slug().equals(b.slug())) {
        return b;
      }
      if (m.slug().startsWith(b.slug() + "-")
          && (best == null || b.slug().length() > best.slug().length())) {
        best = b;
      }
    }
    return best;
  }

  /** The models of {@code dir}'s results that the {@code all} run trained (finished in it). */
  private static List<ModelResult> trainedInRun(Path dir, AllRun all) {
    if (!Files.exists(dir.resolve(LabResults.FILE))) {
      return List.of();
    }
    return LabResults.read(dir).models().stream().filter(m -> m.finished() != null
        && !Instant.parse(m.finished()).isBefore(all.start())
        && !Instant.parse(m.finished()).isAfter(all.end())).toList();
  }

  /** Rows of the benchmark table by "lab | model". */
  static Map<String, Speed> speeds(String table) {
    Map<String, Speed> out = new HashMap<>();
    // | lab | model | batch | ms/step | ms/step, caller's thread | s/epoch | ... | GFLOP/s | of peak |
    rows(table, 12).forEach((key, c) -> out.put(key, new Speed(Math.min(
        Double.parseDouble(c[4].trim()), Double.parseDouble(c[5].trim())),
        Double.parseDouble(c[10].trim()))));
    return out;
  }

  /**
   * The cells of a benchmark table's rows of at least {@code columns} cells (split at "|", the
   * first empty) whose third column is a batch size, by "lab | model".
   */
  private static Map<String, String[]> rows(String table, int columns) {
    Map<String, String[]> out = new LinkedHashMap<>();
    for (String line : table.split("\n")) {
      String[] c = line.split("\\|");
      if (c.length >= columns && c[3].trim().matches("[0-9]+")) {
        out.put(c[1].trim() + " | " + c[2].trim(), c);
      }
    }
    return out;
  }

  /** The run's end (the time all.md gives), its start (end less the total) and lab times. */
  static AllRun allRun(String md) {
    Matcher when = Pattern.compile("`, ([0-9TZ:.\\-]+), on ").matcher(md);
    Matcher total = Pattern.compile("Total: (\\d+):(\\d\\d):(\\d\\d)").matcher(md);
    if (!when.find() || !total.find()) {
      throw new IllegalStateException("all.md has no time and total: rerun `all`");
    }
    Instant end = Instant.parse(when.group(1));
    return new AllRun(end.minus(clock(total.group(1), total.group(2), total.group(3))), end,
        dev.tfjlabs.platform.ExpectedTimes.parse(md));
  }

  private static Duration clock(String h, String m, String s) {
    return Duration.ofSeconds(Long.parseLong(h) * 3600 + Long.parseLong(m) * 60
        + Long.parseLong(s));
  }

  private static double number(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    if (!m.find()) {
      throw new IllegalStateException("no '" + regex + "' in the benchmark table");
    }
    return Double.parseDouble(m.group(1));
  }

  private String table(String speedTable, double productsRate, AllRun all, String rows,
      String walls, double floor, double products, double productFloor) {
    Matcher machine = Pattern.compile("- Machine: (.*)").matcher(speedTable);
    Matcher date = Pattern.compile("on (\\d{4}-\\d\\d-\\d\\d)\\.").matcher(speedTable);
    return "# The whole course's floor on this machine's kernels\n\n"
        + "Written by `mvn -q compile exec:java -Dexec.mainClass=dev.tfjlabs.bench.CourseFloor`"
        + " on " + LocalDate.now() + " from `" + speed + "` (" + (date.find() ? date.group(1)
            : "undated") + ", " + (machine.find() ? machine.group(1) : "machine not given")
        + ") and the committed `all` run in `" + reports + "/all.md` (ended " + all.end()
        + ").\n\n"
        + "Each model the `all` run trained: its epochs there, times the steps of one of the"
        + " notebook's epochs, times the benchmark's better time per step (default pools or the"
        + " caller's thread). That is its training steps alone: nothing else a run does"
        + " (validation, evaluation, checkpoints, saving, data loading, the JVM's start) is"
        + " counted. The last column takes " + PRODUCT_BOUND_LAB + "'s models at the rate of"
        + String.format(Locale.ROOT, " their matrix products alone (%.0f GFLOP/s, the"
            + " benchmark's \"GRU products alone\"), as if every element-wise op of theirs cost"
            + " nothing.%n%n", productsRate)
        + "| lab | model | epochs run | steps per epoch | ms/step | training steps alone |"
        + " at the products' rate |\n|---|---|---|---|---|---|---|\n"
        + rows + "\n"
        + String.format(Locale.ROOT, "- Training steps alone, the whole course: **%s**.%n",
            hms(floor))
        + String.format(Locale.ROOT, "- %s's matrix products alone, at their rate, with no"
            + " element-wise op: **%s**.%n", PRODUCT_BOUND_LAB, hms(products))
        + String.format(Locale.ROOT, "- The whole course with those and every other model's"
            + " steps as measured: **%s**.%n", hms(productFloor))
        + String.format(Locale.ROOT, "- The goal: %.0f minutes. The committed `all` run: %s.%n",
            GOAL_MINUTES, hms(all.seconds()))
        + "\nThe `all` run's wall time per lab (`all.md`), for comparison:\n\n"
        + "| lab | wall time |\n|---|---|\n" + walls;
  }

  /**
   * The floor on two cores: the training steps alone (at the one-process step times above)
   * shared out longest first on two workers, with the labs as jobs (as {@code all --jobs 2}
   * runs them) and with every model as a job, beside the longest job and half the work.
   */
  static String twoCores(Map<String, Double> labSeconds, List<Double> modelSeconds,
      double floor, AllRun all) {
    double labs = longestFirst(List.copyOf(labSeconds.values()), 2);
    double models = longestFirst(modelSeconds, 2);
    String longestLab = longestJob(labSeconds);
    return String.format(Locale.ROOT, "%n## On two cores%n%n"
        + "The training steps above shared out on two workers, longest first, each at its"
        + " one-process step time (sharing the machine slows a step by a factor these times do"
        + " not include; the committed run measures it):%n%n"
        + "- the labs as jobs, each lab's models one after another: **%s** (the"
        + " longest lab, %s, %s; half of all the work %s);%n"
        + "- every model as a job: **%s** (the longest model %s).%n"
        + "- The committed `all` run: %s, %.2fx the labs' floor.%n",
        hms(labs), longestLab, hms(labSeconds.getOrDefault(longestLab, 0.0)), hms(floor / 2),
        hms(models), hms(modelSeconds.stream().mapToDouble(Double::doubleValue).max()
            .orElse(0)), hms(all.seconds()), all.seconds() / labs);
  }

  /**
   * The floor on two cores at the side-by-side step times: the jobs of {@code all --jobs 2}
   * longest first on two workers, each step as slow as beside another training.
   */
  String sideBySide(Map<String, Double> jobSeconds, List<Double> modelSeconds, AllRun all) {
    double jobs = longestFirst(List.copyOf(jobSeconds.values()), 2);
    double models = longestFirst(modelSeconds, 2);
    String longest = longestJob(jobSeconds);
    double work = jobSeconds.values().stream().mapToDouble(Double::doubleValue).sum();
    return String.format(Locale.ROOT, "%n## On two cores, each step as slow as beside another"
        + " training%n%n"
        + "The training steps above at the step times of `%s` (one thread each, beside another"
        + " training of the same model), shared out longest first on two workers as"
        + " `all --jobs 2` runs them (each lab a job, or each model of a lab whose models train"
        + " apart):%n%n"
        + "- **%s** (the longest job, %s, %s; half of all the work %s);%n"
        + "- every model as a job: %s.%n"
        + "- The committed `all` run: %s, %.2fx this floor (the goal: within 1.10x).%n",
        sideBySide, hms(jobs), longest, hms(jobSeconds.getOrDefault(longest, 0.0)),
        hms(work / 2), hms(models), hms(all.seconds()), all.seconds() / jobs);
  }

  /**
   * The jobs of {@code all --jobs 2} at the run's own epoch times (each model's mean seconds per
   * epoch, validation included, times its epochs), longest first on two workers: what the run
   * would take if it did nothing but its epochs, at the speed this machine gave it then.
   */
  static String ownEpochs(Map<String, Double> jobEpochs, AllRun all) {
    double jobs = longestFirst(List.copyOf(jobEpochs.values()), 2);
    String longest = longestJob(jobEpochs);
    return String.format(Locale.ROOT, "%n## On two cores, at the run's own epoch times%n%n"
        + "Each job's epochs as the committed run timed them (`seconds_per_epoch` times the"
        + " epochs run, in each lab's `results.json`: its steps at the speed this machine gave"
        + " them then, and its validation), shared out longest first on two workers:%n%n"
        + "- **%s** (the longest job, %s, %s);%n"
        + "- The committed `all` run: %s, %.2fx this: the rest is what a run does besides its"
        + " epochs (the JVMs' start, data loading, saving, testing checkpoints, the charts).%n",
        hms(jobs), longest, hms(jobEpochs.getOrDefault(longest, 0.0)), hms(all.seconds()),
        all.seconds() / jobs);
  }

  /** Each row's side-by-side ms/step in {@code benchmarks/side-by-side.md}, by "lab | model". */
  static Map<String, Double> sharedSpeeds(String table) {
    Map<String, Double> out = new HashMap<>();
    // | lab | model | batch | alone, default | alone, 1 thread | side by side | slowdown | gain |
    rows(table, 9).forEach((key, c) -> out.put(key, Double.parseDouble(c[6].trim())));
    return out;
  }

  /** The name of the longest of {@code jobs}, or "-" for none. */
  static String longestJob(Map<String, Double> jobs) {
    return jobs.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
        .orElse("-");
  }

  /** The time the last of {@code workers} ends when each takes the longest job left. */
  static double longestFirst(List<Double> jobs, int workers) {
    double[] busy = new double[workers];
    jobs.stream().sorted(java.util.Comparator.reverseOrder()).forEach(j -> {
      int free = 0;
      for (int w = 1; w < workers; w++) {
        if (busy[w] < busy[free]) {
          free = w;
        }
      }
      busy[free] += j;
    });
    return java.util.Arrays.stream(busy).max().orElse(0);
  }

  /** H:MM:SS of a number of seconds. */
  static String hms(double seconds) {
    long s = Math.round(seconds);
    return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
