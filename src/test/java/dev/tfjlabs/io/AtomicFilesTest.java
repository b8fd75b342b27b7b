package dev.tfjlabs.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Folders appear whole or not at all, and a killed run's temporary folder goes away. */
class AtomicFilesTest {
  @TempDir Path dir;

  @Test
  void aFailingWriterLeavesTheOldFolderAndNoTemporaryOne() throws Exception {
    Path target = dir.resolve("model");
    AtomicFiles.writeFolder(target, tmp -> Files.writeString(Files.createDirectories(tmp).resolve("a"), "old"));
    assertThrows(IllegalStateException.class, () -> AtomicFiles.writeFolder(target, tmp -> {
      Files.writeString(Files.createDirectories(tmp).resolve("a"), "new");
      throw new IllegalStateException("disk full, say");
    }));
    assertEquals("old", Files.readString(target.resolve("a")));
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count(), "only the model folder");
    }
  }

  @Test
  void temporaryFoldersOfEndedProcessesAreRemovedAtTheNextWrite() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    Path stale = Files.createDirectories(dir.resolve(".model.tmp-" + p.pid()));
    Files.writeString(stale.resolve("half-written"), "x");
    Path other = Files.createDirectories(dir.resolve(".other.tmp-" + p.pid()));
    AtomicFiles.writeFolder(dir.resolve("model"), tmp -> Files.writeString(Files.createDirectories(tmp).resolve("a"), "b"));
    assertFalse(Files.exists(stale), "the killed run's folder for this target is gone");
    assertTrue(Files.exists(other), "another target's folder is left to its own next write");
  }
}
