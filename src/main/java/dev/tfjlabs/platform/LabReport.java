package dev.tfjlabs.platform;

import java.nio.file.Path;
import java.util.List;

/**
 * A lab's own charts, drawn from what it saved in {@code reports/<lab>/} (histories and
 * {@code results.json}), and its figures next to the notebook's. The lab (after a run) and the
 * {@code reports} command both draw through it, so a rebuild is the same as a run. Sweep charts
 * are drawn for every lab alike by {@link SweepReport}.
 */
public interface LabReport {
  /** The charts the saved files in {@code dir} make, by file name, in reading order. */
  List<String> charts(Path dir);

  /**
   * Redraws {@link #charts}.
   *
   * @throws IllegalArgumentException naming a malformed file
   */
  void rebuild(Path dir);

  /**
   * Files besides the histories that every run of the lab writes into {@code dir}
   * ({@code lengths.csv}); {@code reports} names each one missing.
   */
  default List<String> requiredFiles() {
    return List.of();
  }

  /** The figures table: a header row, then one row per model. */
  List<List<String>> figures(LabResults results);
}
