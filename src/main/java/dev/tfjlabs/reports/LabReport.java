package dev.tfjlabs.reports;

import java.nio.file.Path;
import java.util.List;

/**
 * A lab's report: the charts it draws from what it saved in {@code reports/<lab>/} (histories,
 * results, sweeps), and its figures next to the notebook's. The lab and the {@code reports}
 * command both draw through it, so a rebuild is the same as a run.
 */
public interface LabReport {
  /** The lab id, which is also the folder below the reports directory. */
  String id();

  /** A one-line title: the notebook and what it compares. */
  String title();

  /** The charts the saved files in {@code dir} make, by file name, in reading order. */
  List<String> charts(Path dir);

  /**
   * Redraws every chart from the saved files in {@code dir}.
   *
   * @throws IllegalArgumentException naming a missing or malformed file
   */
  void rebuild(Path dir);

  /** The figures table (a header row, then one row per model) from {@code results.json}. */
  List<List<String>> figures(Path dir);
}
