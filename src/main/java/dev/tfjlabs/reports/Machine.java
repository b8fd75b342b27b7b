package dev.tfjlabs.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A one-line description of this machine, recorded next to every timing. */
public final class Machine {
  private Machine() {}

  /** This process's resident memory in MB (Linux's VmRSS), or NaN where it cannot be read. */
  public static double residentMegabytes() {
    return status("VmRSS:");
  }

  /** The most resident memory this process has had, in MB (Linux's VmHWM), or NaN. */
  public static double peakResidentMegabytes() {
    return status("VmHWM:");
  }

  private static double status(String field) {
    try {
      return Files.readAllLines(Path.of("/proc/self/status")).stream()
          .filter(l -> l.startsWith(field))
          .mapToDouble(l -> Double.parseDouble(l.replaceAll("[^0-9]", "")) / 1024).findFirst()
          .orElse(Double.NaN);
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  public static String describe() {
    String cpu = "unknown CPU";
    try {
      cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst().orElse(cpu);
    } catch (IOException | RuntimeException ignored) {
      // not Linux: the OS name below still says where it ran
    }
    return String.format("%s %s, %s, %d cores, Java %s", System.getProperty("os.name"),
        System.getProperty("os.arch"), cpu, Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
  }
}
