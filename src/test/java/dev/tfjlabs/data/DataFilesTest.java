package dev.tfjlabs.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataFilesTest {
  @TempDir Path dir;

  private static final byte[] CONTENT = "hello".getBytes();
  // md5("hello")
  private static final Checksum MD5 = Checksum.md5OfContent("5d41402abc4b2a76b9719d911017c592");

  private RemoteFile file(String url, Checksum sum) {
    return new RemoteFile("demo", "demo.bin", url, sum);
  }

  @Test
  void prefersTheDataDirectoryThenSystemLocations() throws IOException {
    Path data = dir.resolve("data");
    Path system = dir.resolve("system");
    Files.createDirectories(system.resolve("demo"));
    Files.write(system.resolve("demo/demo.bin"), CONTENT);
    List<String> warnings = new ArrayList<>();
    DataFiles files = new DataFiles(data, List.of(system), warnings::add);
    RemoteFile f = file("http://127.0.0.1:1/demo.bin", MD5);
    assertEquals(system.resolve("demo/demo.bin"), files.get(f));
    Files.createDirectories(data.resolve("demo"));
    Files.write(data.resolve("demo/demo.bin"), CONTENT);
    assertEquals(data.resolve("demo/demo.bin"), files.get(f));
    assertEquals(List.of(), warnings);
  }

  /**
   * A --data-dir that is not a folder fails at once in one line and creates nothing; a file
   * found only in a system location while the user named a data directory is used with one line
   * saying so, once.
   */
  @Test
  void aNamedDataDirectoryIsHeldToItsWord() throws IOException {
    Path missing = dir.resolve("nonexistent").resolve("data");
    var e = assertThrows(DatasetException.class, () -> DataFiles.standard(missing));
    assertTrue(e.getMessage().startsWith("--data-dir " + missing + " is not a folder"),
        e.getMessage());
    assertTrue(!Files.exists(dir.resolve("nonexistent")), "nothing created");

    Path data = Files.createDirectories(dir.resolve("named"));
    Path system = dir.resolve("system2");
    Files.createDirectories(system.resolve("demo"));
    Files.write(system.resolve("demo/demo.bin"), CONTENT);
    List<String> warnings = new ArrayList<>();
    DataFiles files = new DataFiles(data, List.of(system), warnings::add, true);
    RemoteFile f = file("http://127.0.0.1:1/demo.bin", MD5);
    assertEquals(system.resolve("demo/demo.bin"), files.get(f));
    files.get(f);
    assertEquals(List.of("demo.bin is not in --data-dir " + data + "; using "
        + system.resolve("demo/demo.bin")), warnings);
  }

  @Test
  void checksumOfContentAcceptsAGzippedCopy() throws IOException {
    Path gz = IdxReaderTest.write(dir.resolve("hello.gz"), CONTENT, true);
    assertTrue(MD5.matches(gz));
  }

  @Test
  void aLocalFileWithAnotherChecksumLoadsWithOneWarning() throws IOException {
    Files.createDirectories(dir.resolve("demo"));
    Files.write(dir.resolve("demo/demo.bin"), "other".getBytes());
    List<String> warnings = new ArrayList<>();
    DataFiles files = new DataFiles(dir, List.of(), warnings::add);
    RemoteFile f = file("http://127.0.0.1:1/demo.bin", MD5);
    files.get(f);
    files.get(f);
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).contains("differs from the canonical"));
  }

  @Test
  void aDocumentedKnownCopyLoadsWithoutAWarning() throws IOException {
    Path sub = dir.resolve("known");
    Files.createDirectories(sub.resolve("demo"));
    Files.write(sub.resolve("demo/demo.bin"), "other".getBytes());
    List<String> warnings = new ArrayList<>();
    // md5("other"), computed independently: 795f3202b17cb6bc3d4b771d8c6c9eaf
    RemoteFile f = new RemoteFile("demo", "demo.bin", "http://127.0.0.1:1/demo.bin", MD5,
        List.of(), List.of("795f3202b17cb6bc3d4b771d8c6c9eaf"));
    assertEquals(sub.resolve("demo/demo.bin"), new DataFiles(sub, List.of(), warnings::add).get(f));
    assertEquals(List.of(), warnings);
  }

  @Test
  void failedDownloadSaysWhatWasLookedForWhereAndWhatToDo() throws IOException {
    Path data = dir.resolve("data");
    DataFiles files = new DataFiles(data, List.of(dir.resolve("sys")), w -> { });
    RemoteFile f = file("http://127.0.0.1:1/demo.bin", MD5);
    DatasetException e = assertThrows(DatasetException.class, () -> files.get(f));
    String m = e.getMessage();
    assertTrue(m.contains("demo.bin"), m);
    assertTrue(m.contains(data.resolve("demo/demo.bin").toString()), m);
    assertTrue(m.contains(dir.resolve("sys/demo/demo.bin").toString()), m);
    assertTrue(m.contains("http://127.0.0.1:1/demo.bin"), m);
    assertTrue(m.contains("--data-dir"), m);
    try (Stream<Path> left = Files.walk(dir)) {
      assertEquals(0, left.filter(Files::isRegularFile).count(), "nothing half-written is left");
    }
    assertTrue(!Files.exists(data.resolve("demo")), "the folder made for the download is removed");
  }
}
