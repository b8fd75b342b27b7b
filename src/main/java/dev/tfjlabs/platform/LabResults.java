package dev.tfjlabs.platform;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.tfjlabs.io.Json;
import dev.tfjlabs.keras.backend.Backend;
import dev.tfjlabs.reports.Machine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A lab's {@code results.json}: the run's settings and one {@link ModelResult} per model,
 * written by the labs and read by their reports and the {@code reports} command.
 *
 * @param lab the lab id
 * @param notebook the notebook's file
 * @param dataset the dataset the models trained on
 * @param device where the latest run trained ({@code CPU:0}, {@code GPU:0})
 * @param machine the machine of the latest run, in words
 * @param seed the latest run's seed
 * @param limit the latest run's {@code --limit}, null for the whole training set
 * @param finished when the latest run ended (ISO-8601)
 * @param models one entry per model, in the lab's order
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record LabResults(String lab, String notebook, String dataset, String device,
    String machine, long seed, Integer limit, String finished, List<ModelResult> models) {

  /** The file name beside the histories. */
  public static final String FILE = "results.json";

  public LabResults {
    models = List.copyOf(models);
  }

  /**
   * Reads {@code dir/results.json}.
   *
   * @throws java.io.UncheckedIOException naming the file when it is missing or malformed
   */
  /**
   * The results of a lab run that ends now, on this machine and device, with the run's seed and
   * limit.
   */
  static LabResults ofRun(String lab, String notebook, String dataset, LabOptions options,
      List<ModelResult> models) {
    return new LabResults(lab, notebook, dataset, Backend.device(),
        Machine.describe(), options.seed(), options.limit(),
        Instant.now().toString(), models);
  }

  public static LabResults read(Path dir) {
    return Json.read(dir.resolve(FILE), LabResults.class);
  }

  /**
   * These results with the models of {@code earlier} that this run did not train kept, so that
   * training one model never drops the others' entries. Each entry carries its own seed, limit
   * and time, which tell runs of different settings apart.
   */
  public LabResults mergedOver(LabResults earlier) {
    if (earlier == null) {
      return this;
    }
    List<ModelResult> merged = new ArrayList<>();
    for (ModelResult old : earlier.models()) {
      ModelResult replacement = models.stream().filter(m -> m.slug().equals(old.slug()))
          .findFirst().orElse(old);
      merged.add(replacement);
    }
    for (ModelResult m : models) {
      if (merged.stream().noneMatch(e -> e.slug().equals(m.slug()))) {
        merged.add(m);
      }
    }
    return new LabResults(lab, notebook, dataset, device, machine, seed, limit, finished, merged);
  }

  /** Writes {@code dir/results.json}, merged over a readable earlier one. */
  public void writeMerged(Path dir) {
    Path file = dir.resolve(FILE);
    LabResults earlier = null;
    if (Files.exists(file)) {
      try {
        earlier = read(dir);
      } catch (RuntimeException e) {
        System.err.println("WARNING: " + file + " is not readable as results (" + e.getMessage()
            + "); replacing it");
      }
    }
    Json.write(file, mergedOver(earlier));
  }
}
