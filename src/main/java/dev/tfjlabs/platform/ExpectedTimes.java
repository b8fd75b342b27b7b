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
 * lab's runs' wall times), to start the longest labs first (and for {@code CourseFloor}).
 */
public final class ExpectedTimes {
  /** A run's row: {@code | lab | run | [worker | start |] H:MM:SS | figures | exit |}. */
  private static final Pattern ROW = Pattern.compile(
      "\\| ([a-z0-9-]+) \\| [^|]* \\|(?: \\d+ \\| \\d+:\\d\\d:\\d\\d \\|)? (\\d+):(\\d\\d):(\\d\\d) \\|.*");

  private ExpectedTimes() {}

  /** The labs' times from the first of {@code files} that exists; empty when none does. */
  static Map<String, Duration> of(Path... files) {
    for (Path f : files) {
      if (Files.isRegularFile(f)) {
        try {
          return parse(Files.readString(f));
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
    Map<String, Duration> times = new LinkedHashMap<>();
    for (String line : md.lines().toList()) {
      Matcher m = ROW.matcher(line);
      if (m.matches()) {
        Duration d = Duration.ofHours(Long.parseLong(m.group(2)))
            .plusMinutes(Long.parseLong(m.group(3))).plusSeconds(Long.parseLong(m.group(4)));
        times.merge(m.group(1), d, Duration::plus);
      }
    }
    return times;
  }
}
