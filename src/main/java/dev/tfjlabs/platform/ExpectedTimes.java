package dev.tfjlabs.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long each lab took in a previous {@code all} run, from its {@code all.md} (the sum of the
 * lab's runs' wall times), to start the longest labs first (and for {@code CourseFloor}); and
 * each model run on its own ({@code fashion-rnn-gru --model gru}) under that key.
 */
public final class ExpectedTimes {
  /** A run's row: {@code | lab | run | [worker | start |] H:MM:SS | figures | exit |}. */
  private static final Pattern ROW = Pattern.compile(
      "\\| ([a-z0-9-]+) \\| ([^|]*) \\|(?: \\d+ \\| \\d+:\\d\\d:\\d\\d \\|)? (\\d+):(\\d\\d):(\\d\\d) \\|.*");
  /** A run of one model: {@code --model gru} (or {@code --part}) among the run's options. */
  private static final Pattern ONE_MODEL = Pattern.compile("(--model|--part) ([A-Za-z0-9_-]+)");

  private ExpectedTimes() {}

  /**
   * The labs' times (and models' run on their own) from the first of {@code files} that exists;
   * empty when none does.
   */
  static Map<String, Duration> of(Path... files) {
    for (Path f : files) {
      if (Files.isRegularFile(f)) {
        try {
          String md = Files.readString(f);
          Map<String, Duration> times = new LinkedHashMap<>(parse(md));
          times.putAll(parse(md, true));
          return times;
        } catch (IOException | RuntimeException e) {
          System.err.println("WARNING: " + f + " is not readable as an all run's summary ("
              + e.getMessage() + "); the labs start in registry order");
        }
      }
    }
    return Map.of();
  }

  /** Each lab's wall time in an {@code all.md}: its runs' times added. */
  public static Map<String, Duration> parse(String md) {
    return parse(md, false);
  }

  /**
   * @param byModel keys of the runs of one model, {@code LAB --model KEY}, and only those;
   *     else each lab's runs added
   */
  static Map<String, Duration> parse(String md, boolean byModel) {
    Map<String, Duration> times = new LinkedHashMap<>();
    for (String line : md.lines().toList()) {
      Matcher m = ROW.matcher(line);
      if (m.matches()) {
        Duration d = Duration.ofHours(Long.parseLong(m.group(3)))
            .plusMinutes(Long.parseLong(m.group(4))).plusSeconds(Long.parseLong(m.group(5)));
        Matcher one = ONE_MODEL.matcher(m.group(2));
        if (!byModel) {
          times.merge(m.group(1), d, Duration::plus);
        } else if (one.find()) {
          times.merge(m.group(1) + " " + one.group(1) + " " + one.group(2), d, Duration::plus);
        }
      }
    }
    return times;
  }
}
