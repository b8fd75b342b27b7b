package dev.tfjlabs.platform;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Pattern;

/**
 * Independent lab runs side by side: {@code slots} workers take jobs longest first, each run in
 * a JVM of its own (with its own TensorFlow session and thread pools), so that the last job to
 * end is a short one. A job's runs follow one another (they share a lab's folders). Each run's
 * whole output goes to its log file; the console gets one line per epoch and per outcome of each
 * running job, prefixed with its lab. A failing run is reported and the others go on; when this
 * JVM ends (Ctrl-C, a kill) the runs end with it, and each publishes nothing half-done, as a lab
 * never does. The resident memory of all runs together is sampled every second.
 */
public final class SideBySide {
  /** Starts a command line ({@code LAB options...}) in a JVM of its own. */
  @FunctionalInterface
  public interface Starter {
    Process start(List<String> args) throws IOException;
  }

  /** How the launcher starts a command line in a JVM of its own; null until it says. */
  private static volatile Starter launcher;

  /** The launcher's way of starting a lab's run in a JVM of its own, for a lab's own jobs. */
  public static void useStarter(Starter starter) {
    launcher = starter;
  }

  /** A command line's options without {@code options} and their values. */
  static List<String> without(List<String> args, Set<String> options) {
    List<String> kept = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (options.contains(a.contains("=") ? a.substring(0, a.indexOf('=')) : a)) {
        i += a.contains("=") ? 0 : 1; // its value too
      } else {
        kept.add(a);
      }
    }
    return kept;
  }

  /**
   * The thread options of one of {@code jobs} runs side by side: {@code cores / jobs} threads per
   * TensorFlow pool, or none where {@code args} set the pools themselves.
   */
  static List<String> threadOptions(List<String> args, int jobs) {
    if (args.stream().anyMatch(a -> a.startsWith("--intra-op-threads")
        || a.startsWith("--inter-op-threads"))) {
      return List.of();
    }
    String threads = Integer.toString(Math.max(1, Runtime.getRuntime().availableProcessors()
        / jobs));
    return List.of("--intra-op-threads", threads, "--inter-op-threads", threads);
  }

  /** The launcher's starter ({@link #useStarter}). */
  static Starter launcherStarter() {
    if (launcher == null) {
      throw new IllegalStateException("--jobs runs a lab's runs through the launcher"
          + " (dev.tfjlabs.Launcher), which has not started here");
    }
    return launcher;
  }

  /**
   * Runs one after the other ({@code LAB options...} each), expected to take {@code expected}
   * together; {@code name} prefixes their console lines (the lab, or {@code LAB --model KEY}).
   */
  record Job(String name, List<List<String>> runs, List<Path> logs, Duration expected) {}

  /** A run that ended: its exit code, when it started, how long it took, which worker ran it. */
  record Ran(String lab, List<String> args, int exitCode, Instant start, Duration time,
      int worker) {}

  /** Keras's epoch header, {@code Epoch 3/50}. */
  private static final Pattern EPOCH = Pattern.compile("Epoch \\d+/\\d+");
  /** Keras's end-of-epoch line, {@code 1875/1875 - 3s - 2ms/step - loss: ...}. */
  private static final Pattern EPOCH_END = Pattern.compile("\\d+/\\d+ - \\d+s - .*");
  /** Lines of a run worth a line on the console besides the epochs. */
  private static final Pattern SHOWN = Pattern.compile(
      "(?i)(ERROR|WARNING|Saved |Reports written|Epoch ?[:\\[]? ?\\d+).*");

  /** Abseil's notice before its first line: native logging, for the log only. */
  private static final String ABSL_NOTICE = "WARNING: All log messages before absl::";

  private final int slots;
  private final Starter starter;
  private final PrintStream console;
  private final Set<Process> running = ConcurrentHashMap.newKeySet();
  private volatile long peakBytes;

  SideBySide(int slots, Starter starter, PrintStream console) {
    this.slots = slots;
    this.starter = starter;
    this.console = console;
  }

  /** Runs every job, longest first; returns the runs in the order they started. */
  List<Ran> run(List<Job> jobs) {
    List<Job> order = new ArrayList<>(jobs);
    order.sort(Comparator.comparing(Job::expected).reversed());
    ConcurrentLinkedQueue<Job> queue = new ConcurrentLinkedQueue<>(order);
    List<Ran> ran = Collections.synchronizedList(new ArrayList<>());
    Thread stop = new Thread(() -> running.forEach(Process::destroy));
    Runtime.getRuntime().addShutdownHook(stop);
    Thread sampler = new Thread(this::sampleMemory, "memory-sampler");
    sampler.setDaemon(true);
    sampler.start();
    List<Thread> workers = new ArrayList<>();
    for (int w = 0; w < slots; w++) {
      int worker = w;
      Thread t = new Thread(() -> {
        for (Job job = queue.poll(); job != null; job = queue.poll()) {
          for (int i = 0; i < job.runs().size(); i++) {
            ran.add(runOne(job.name(), job.runs().get(i), job.logs().get(i), worker));
          }
        }
      }, "worker-" + (w + 1));
      workers.add(t);
      t.start();
    }
    for (Thread t : workers) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        running.forEach(Process::destroy);
        break;
      }
    }
    sampler.interrupt();
    Runtime.getRuntime().removeShutdownHook(stop);
    List<Ran> started = new ArrayList<>(ran);
    started.sort(Comparator.comparing(Ran::start));
    return started;
  }

  /** The most resident memory all runs held together at one sample, in bytes. */
  long peakBytes() {
    return peakBytes;
  }

  private Ran runOne(String name, List<String> args, Path log, int worker) {
    Instant start = Instant.now();
    console.printf(Locale.ROOT, "[%s] started on worker %d: %s (log: %s)%n", name, worker + 1,
        String.join(" ", args), log);
    int code;
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
      Process p = starter.start(args);
      running.add(p);
      try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
          StandardCharsets.UTF_8)); Writer out = Files.newBufferedWriter(log)) {
        String epoch = null;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          out.write(line);
          out.write('\n');
          out.flush();
          // a progress bar redraws itself after carriage returns: its last state counts
          String last = line.substring(line.lastIndexOf('\r') + 1).strip();
          if (EPOCH.matcher(last).matches()) {
            epoch = last;
          } else if (EPOCH_END.matcher(last).matches()) {
            show(name, start, (epoch == null ? "" : epoch + ": ") + last);
          } else if (worthShowing(last)) {
            show(name, start, last);
          }
        }
      }
      code = p.waitFor();
      running.remove(p);
    } catch (IOException e) {
      console.printf(Locale.ROOT, "[%s] could not run: %s%n", name, e.getMessage());
      code = 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      code = 130;
    }
    Duration time = Duration.between(start, Instant.now());
    console.printf(Locale.ROOT, "[%s] %s in %s%n", name, code == 0 ? "finished"
        : "failed (exit " + code + "; its log: " + log + ")", AllCommand.clock(time));
    return new Ran(args.get(0), args, code, start, time, worker);
  }

  /**
   * Whether a line of a run (not a Keras epoch header or end) gets a console line: the labs'
   * own epoch lines ({@code Epoch [6/20], ...}, {@code Epoch: 0001 ...}), errors, warnings,
   * saves and the end; not native logging.
   */
  static boolean worthShowing(String line) {
    return SHOWN.matcher(line).matches() && !line.startsWith(ABSL_NOTICE);
  }

  private void show(String lab, Instant start, String line) {
    console.printf(Locale.ROOT, "[%s %s] %s%n", lab,
        AllCommand.clock(Duration.between(start, Instant.now())), line);
  }

  /** Samples the resident memory of every running run (and its children) every second. */
  private void sampleMemory() {
    while (!Thread.currentThread().isInterrupted()) {
      long total = 0;
      for (Process p : running) {
        total += residentBytes(p.pid());
        total += p.descendants().mapToLong(h -> residentBytes(h.pid())).sum();
      }
      peakBytes = Math.max(peakBytes, total);
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** A process's resident memory ({@code VmRSS} of {@code /proc/PID/status}), 0 if unknown. */
  static long residentBytes(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // the process ended between the listing and the read, or no /proc: nothing to count
    }
    return 0;
  }
}
