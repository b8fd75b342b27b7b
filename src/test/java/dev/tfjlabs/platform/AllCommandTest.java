package dev.tfjlabs.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tfjlabs.Fixtures;
import dev.tfjlabs.LabRunner;
import dev.tfjlabs.data.DataFiles;
import dev.tfjlabs.data.FashionMnist;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code all}: labs in registry order, a failing one reported while the others run. */
class AllCommandTest {
  @TempDir Path out;

  @Test
  void runsTheLabsInOrderGoesOnPastAFailureAndWritesTheSummary() throws Exception {
    for (var f : FashionMnist.files()) {
      Fixtures.require(DataFiles.standard(null).find(f) != null, f.name());
    }
    Path reports = out.resolve("reports");
    // --model simple suits multiplication; fashion-bilstm refuses it (a usage error, exit 2)
    LabRunner.Output o = LabRunner.capture("all", "--labs", "multiplication,fashion-bilstm",
        "--model", "simple", "--epochs", "1", "--limit", "64", "--reports-dir",
        reports.toString(), "--models-dir", out.resolve("models").toString());
    assertEquals(1, o.exitCode(), o.err());
    String text = o.out();
    int first = text.indexOf("=== [1/2] fashion-bilstm");
    int second = text.indexOf("=== [2/2] multiplication");
    assertTrue(first >= 0 && second > first, "registry order: " + text);
    assertTrue(text.contains("=== fashion-bilstm failed (exit 2); going on"), text);
    String md = Files.readString(reports.resolve("all.md"));
    assertTrue(md.contains("| fashion-bilstm | `--model simple --epochs 1 --limit 64"), md);
    assertTrue(md.contains("| failed | 2 |"), md);
    assertTrue(md.matches("(?s).*\\| multiplication \\| .*\\| \\d:\\d\\d:\\d\\d \\| SimpleRNN"
        + " correctness [0-9.]+ \\(0\\.1000\\) \\| 0 \\|.*"), md);
    assertTrue(md.matches("(?s).*\\nTotal: \\d:\\d\\d:\\d\\d\\n"), md);
    assertTrue(Files.exists(reports.resolve("multiplication/results.json")));
  }

  @Test
  void anUnknownLabIsAUsageError() {
    LabRunner.Output o = LabRunner.capture("all", "--labs", "nope");
    assertEquals(2, o.exitCode());
    assertTrue(o.err().contains("--labs: unknown lab 'nope'"), o.err());
  }
}
