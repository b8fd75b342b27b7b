package dev.tfjlabs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The course's floor, from a benchmark table, results and an all.md written here by hand. */
class CourseFloorTest {
  static final String SPEED = """
      # Training speed

      Written by `benchmarks/run` on 2026-11-24.

      - Machine: Linux amd64, Test CPU, 2 cores
      - GRU products alone: 200 GFLOP/s (...)

      | lab | model | batch | ms/step | ms/step, caller's thread | s/epoch | PyTorch ms/step | PyTorch s/epoch | ratio | GFLOP/s | of peak |
      |---|---|---|---|---|---|---|---|---|---|---|
      | multiplication | SimpleRNN | 32 | 4.00 | 3.00 | 0.2 | 7.12 | 0.5 | 2.06x | 15.3 | 4% |
      | multiplication | LSTM | 32 | 5.00 | 6.00 | 0.4 | 27.79 | 1.8 | 4.45x | 33.7 | 9% |
      | fashion-rnn-gru | GRU | 64 | 80.00 | 90.00 | 66.8 | 161.10 | 136.0 | 2.04x | 100.0 | 35% |
      | imdb-sentiment | LSTM | 64 | 2.00 | 2.50 | 1.1 | 11.51 | 3.6 | 3.33x | 8.5 | 2% |
      | imdb-sentiment | 2-layer LSTM | 64 | 4.00 | 4.50 | 1.5 | 24.34 | 7.6 | 5.16x | 10.4 | 3% |
      """;

  static final String ALL = """
      # The whole course

      `mvn -q compile exec:java -Dexec.args="all"`, 2026-11-29T04:00:00Z, on Linux.

      | lab | run | wall time | figures (notebook) | exit |
      |---|---|---|---|---|
      | mnist-rnn-basics | the notebook's settings | 0:01:40 | - | 0 |
      | mnist-rnn-basics | `--learning-rate 0.001` | 0:01:50 | - | 0 |
      | multiplication | the notebook's settings | 0:04:53 | - | 0 |

      `reports` exit 0.

      Total: 1:00:00
      """;

  private static String model(String name, String slug, int epochs, String finished) {
    return "{\"name\": \"" + name + "\", \"slug\": \"" + slug + "\", \"epochs_run\": " + epochs
        + ", \"finished\": \"" + finished + "\", \"figures\": {}, \"notebook\": {}, \"final\": {}}";
  }

  private static String model(String name, String slug, int epochs, String finished,
      double secondsPerEpoch) {
    return model(name, slug, epochs, finished).replaceFirst("\\}$",
        ", \"seconds_per_epoch\": " + secondsPerEpoch + "}");
  }

  /** A reports folder in {@code tmp} with {@link #ALL}, and {@link #SPEED} beside it. */
  private static Path reports(Path tmp) throws Exception {
    Files.writeString(tmp.resolve("speed.md"), SPEED);
    Path reports = tmp.resolve("reports");
    Files.createDirectories(reports);
    Files.writeString(reports.resolve("all.md"), ALL);
    return reports;
  }

  /** CourseFloor on {@link #reports}'s files and {@code more} options: what it wrote. */
  private static String floor(Path tmp, String... more) throws Exception {
    Path out = tmp.resolve("floor.md");
    java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("--speed",
        tmp.resolve("speed.md").toString(), "--reports", tmp.resolve("reports").toString(),
        "--output", out.toString()));
    args.addAll(java.util.List.of(more));
    assertEquals(0, new CommandLine(new CourseFloor()).execute(args.toArray(String[]::new)));
    return Files.readString(out);
  }

  private static void results(Path dir, String lab, String... models) throws Exception {
    Files.createDirectories(dir.resolve(lab));
    Files.writeString(dir.resolve(lab).resolve("results.json"), "{\"lab\": \"" + lab
        + "\", \"models\": [" + String.join(", ", models) + "]}");
  }

  @Test
  void sumsTheTrainingStepsOfTheModelsTheAllRunTrained(@TempDir Path tmp) throws Exception {
    Path reports = reports(tmp);
    // in the run (03:00 to 04:00): SimpleRNN 100 epochs, LSTM 50, the GRU 20; not: the GRU
    // of multiplication, finished before the run
    results(reports, "multiplication",
        model("SimpleRNN", "simple-rnn", 100, "2026-11-29T03:10:00Z"),
        model("LSTM", "lstm", 50, "2026-11-29T03:20:00Z"),
        model("GRU", "gru", 100, "2026-11-28T03:20:00Z"));
    results(reports, "fashion-rnn-gru", model("GRU", "gru", 20, "2026-11-29T03:50:00Z"));
    // lstm-2 is the 2-layer LSTM's slug, not a variant of the LSTM's
    results(reports, "imdb-sentiment", model("LSTM", "lstm", 10, "2026-11-29T03:51:00Z"),
        model("2-layer LSTM", "lstm-2", 10, "2026-11-29T03:52:00Z"));
    String md = floor(tmp, "--side-by-side", tmp.resolve("absent.md").toString());
    assertTrue(!md.contains("beside another training"), "no side-by-side floor without its table");
    // SimpleRNN: 100 epochs x 64 steps x 3.00 ms = 19.2 s; LSTM: 50 x 64 x 5.00 ms = 16 s;
    // GRU: 20 x 844 x 80 ms = 1350.4 s, at the products' rate 1350.4 x 100 / 200 = 675.2 s
    assertTrue(md.contains("| multiplication | SimpleRNN | 100 | 64 | 3.00 | 0:00:19 | - |"), md);
    assertTrue(md.contains("| multiplication | LSTM | 50 | 64 | 5.00 | 0:00:16 | - |"), md);
    assertTrue(md.contains("| fashion-rnn-gru | GRU | 20 | 844 | 80.00 | 0:22:30 | 0:11:15 |"),
        md);
    assertTrue(!md.contains("| multiplication | GRU |"), md);
    // LSTM: 10 x 313 x 2.00 ms = 6.26 s; 2-layer LSTM: 10 x 313 x 4.00 ms = 12.52 s, once
    assertTrue(md.contains("| imdb-sentiment | LSTM | 10 | 313 | 2.00 | 0:00:06 | - |\n"
        + "| imdb-sentiment | 2-layer LSTM | 10 | 313 | 4.00 | 0:00:13 | - |\n\n"), md);
    // 19.2 + 16 + 1350.4 + 6.26 + 12.52 = 1404.4 s; 19.2 + 16 + 675.2 + 18.78 = 729.2 s
    assertTrue(md.contains("the whole course: **0:23:24**"), md);
    assertTrue(md.contains("element-wise op: **0:11:15**"), md);
    assertTrue(md.contains("as measured: **0:12:09**"), md);
    assertTrue(md.contains("The committed `all` run: 1:00:00."), md);
    assertTrue(md.contains("| mnist-rnn-basics | 0:03:30 |"), md);
    assertTrue(md.contains("Test CPU"), md);
    // two workers: fashion-rnn-gru's 1350.4 s on one, multiplication's 35.2 s and imdb's
    // 18.78 s on the other; half the work 702.2 s
    assertTrue(md.contains("one after another: **0:22:30** (the longest lab, fashion-rnn-gru,"
        + " 0:22:30; half of all the work 0:11:42)"), md);
    assertTrue(md.contains("every model as a job: **0:22:30** (the longest model 0:22:30)"), md);
    assertTrue(md.contains("The committed `all` run: 1:00:00, 2.67x the labs' floor."), md);
  }

  static final String SIDE = """
      # Trainings side by side

      | lab | model | batch | ms/step alone, default pools | ms/step alone, 1 thread | ms/step side by side, 1 thread each | slowdown | gain of 2 side by side |
      |---|---|---|---:|---:|---:|---:|---:|
      | multiplication | SimpleRNN | 32 | 4.00 | 3.00 | 4.00 | 1.33x | 2.00x |
      | multiplication | LSTM | 32 | 5.00 | 6.00 | 10.00 | 1.67x | 1.00x |
      | fashion-rnn-gru | GRU | 64 | 80.00 | 90.00 | 100.00 | 1.11x | 1.60x |
      | imdb-sentiment | LSTM | 64 | 2.00 | 2.50 | 3.00 | 1.20x | 1.33x |
      | imdb-sentiment | 2-layer LSTM | 64 | 4.00 | 4.50 | 5.00 | 1.11x | 1.60x |
      """;

  /**
   * The floor at the side-by-side step times, with the jobs of {@code all --jobs 2}: each lab a
   * job, fashion-rnn-gru's models apart.
   */
  @Test
  void theTwoCoreFloorAtTheSideBySideStepTimes(@TempDir Path tmp) throws Exception {
    Path side = tmp.resolve("side.md");
    Files.writeString(side, SIDE);
    Path reports = reports(tmp);
    results(reports, "multiplication",
        model("SimpleRNN", "simple-rnn", 100, "2026-11-29T03:10:00Z"),
        model("LSTM", "lstm", 50, "2026-11-29T03:20:00Z"));
    results(reports, "fashion-rnn-gru", model("GRU", "gru", 20, "2026-11-29T03:50:00Z"));
    results(reports, "imdb-sentiment", model("LSTM", "lstm", 10, "2026-11-29T03:51:00Z"),
        model("2-layer LSTM", "lstm-2", 10, "2026-11-29T03:52:00Z"));
    String md = floor(tmp, "--side-by-side", side.toString());
    // SimpleRNN 100 x 64 x 4 ms = 25.6 s, LSTM 50 x 64 x 10 ms = 32 s: multiplication 57.6 s;
    // the GRU 20 x 844 x 100 ms = 1688 s, a job of its own; imdb 9.39 + 15.65 = 25.04 s.
    // Two workers: 1688 s on one, 82.64 s on the other; half the work 885.32 s
    assertTrue(md.contains("- **0:28:08** (the longest job, fashion-rnn-gru GRU, 0:28:08; half"
        + " of all the work 0:14:45);"), md);
    assertTrue(md.contains("every model as a job: 0:28:08."), md);
    assertTrue(md.contains("The committed `all` run: 1:00:00, 2.13x this floor"), md);
  }

  /**
   * The floor at the run's own epoch times: each job's epochs as results.json timed them,
   * longest first on two workers, against the run's wall time.
   */
  @Test
  void theTwoCoreFloorAtTheRunsOwnEpochTimes(@TempDir Path tmp) throws Exception {
    Path reports = reports(tmp);
    results(reports, "multiplication",
        model("SimpleRNN", "simple-rnn", 100, "2026-11-29T03:10:00Z", 0.2),
        model("LSTM", "lstm", 50, "2026-11-29T03:20:00Z", 0.4));
    results(reports, "fashion-rnn-gru", model("GRU", "gru", 20, "2026-11-29T03:50:00Z", 90));
    results(reports, "imdb-sentiment", model("LSTM", "lstm", 10, "2026-11-29T03:51:00Z", 1),
        model("2-layer LSTM", "lstm-2", 10, "2026-11-29T03:52:00Z", 2));
    String md = floor(tmp);
    // the GRU's job 20 x 90 s = 1800 s on one worker; multiplication 100 x 0.2 + 50 x 0.4 = 40 s
    // and imdb 10 x 1 + 10 x 2 = 30 s on the other; the run's hour is 2.00x the 30 minutes
    assertTrue(md.contains("- **0:30:00** (the longest job, fashion-rnn-gru GRU, 0:30:00);"), md);
    assertTrue(md.contains("The committed `all` run: 1:00:00, 2.00x this"), md);
  }

  /** Longest first: 5 and 4 first, then each 3 to the worker free first (5, 4+3, 5+3, 7+3). */
  @Test
  void longestFirstGivesTheLastEnd() {
    assertEquals(10.0, CourseFloor.longestFirst(java.util.List.of(3.0, 5.0, 3.0, 4.0, 3.0), 2));
    assertEquals(5.0, CourseFloor.longestFirst(java.util.List.of(3.0, 5.0, 3.0, 4.0, 3.0), 5));
  }

  @Test
  void readsTheRunsWindowFromAllMd() {
    CourseFloor.AllRun run = CourseFloor.allRun(ALL);
    assertEquals(Instant.parse("2026-11-29T03:00:00Z"), run.start());
    assertEquals(Instant.parse("2026-11-29T04:00:00Z"), run.end());
  }
}
