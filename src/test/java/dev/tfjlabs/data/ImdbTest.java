package dev.tfjlabs.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The IMDB loader on a tiny corpus the test writes: a tar.gz and a word index. */
class ImdbTest {
  @TempDir Path dir;

  private static final String INDEX =
      "{\"the\": 1, \"movie\": 2, \"was\": 3, \"great\": 4, \"bad\": 5, \"don't\": 6, \"br\": 7}";
  private static final Map<String, String> REVIEWS = Map.of(
      "aclImdb/train/pos/1_10.txt", "The movie was GREAT!<br /><br />Don't miss.",
      "aclImdb/train/neg/2_1.txt", "Bad, bad movie.",
      "aclImdb/test/pos/3_8.txt", "great",
      "aclImdb/test/neg/4_2.txt", "the\tbad",
      "aclImdb/train/unsup/5_0.txt", "the the the",
      "aclImdb/README", "not a review");

  private DataFiles corpus(String archiveName) throws IOException {
    Path imdb = Files.createDirectories(dir.resolve("imdb"));
    Files.writeString(imdb.resolve("imdb_word_index.json"), INDEX);
    try (OutputStream raw = Files.newOutputStream(imdb.resolve(archiveName));
        TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(raw))) {
      for (Map.Entry<String, String> e : REVIEWS.entrySet()) {
        byte[] bytes = e.getValue().getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
        entry.setSize(bytes.length);
        tar.putArchiveEntry(entry);
        tar.write(bytes);
        tar.closeArchiveEntry();
      }
    }
    return new DataFiles(dir, List.of(), w -> { });
  }

  private static int[] byLength(int[][] x, int len) {
    return Arrays.stream(x).filter(s -> s.length == len).findFirst().orElseThrow();
  }

  @Test
  void tokenizesAsKeras() {
    assertEquals(List.of("the", "movie", "was", "great", "br", "br", "don't", "miss"),
        Imdb.tokenize("The movie was GREAT!<br /><br />Don't miss."));
    assertEquals(List.of("Ángela", "a\rb"), Imdb.tokenize("Ángela  a\rb"));
  }

  @Test
  void loadsWithKerasDefaults() throws IOException {
    Imdb imdb = Imdb.open(corpus("aclImdb_v1.tar.gz"));
    assertEquals(2, imdb.trainReviews().size(), "unsup reviews are skipped");
    TrainTest<Imdb.Split> d = imdb.load(null);
    // start char 1, then rank + 3; "miss" is not in the index and is dropped
    assertArrayEquals(new int[] {1, 4, 5, 6, 7, 10, 10, 9}, byLength(d.train().x(), 8));
    assertArrayEquals(new int[] {1, 8, 8, 5}, byLength(d.train().x(), 4));
    int pos = Arrays.asList(d.train().x()).indexOf(byLength(d.train().x(), 8));
    assertEquals(1, d.train().y()[pos]);
    assertEquals(2, d.test().size());
  }

  @Test
  void numWordsSkipTopMaxlenAndOov() throws IOException {
    Imdb imdb = Imdb.open(corpus("aclImdb_v1_labeled.tar.gz"));
    TrainTest<Imdb.Split> d = imdb.load(7, 5, null, 113, 1, 2, 3);
    // values >= 7 and < 5 (including the start char 1) become the oov char 2
    assertArrayEquals(new int[] {2, 2, 5, 6, 2, 2, 2, 2}, byLength(d.train().x(), 8));
    TrainTest<Imdb.Split> noOov = imdb.load(7, 0, null, 113, 1, null, 3);
    assertArrayEquals(new int[] {1, 4, 5, 6}, byLength(noOov.train().x(), 4));
    TrainTest<Imdb.Split> shortOnes = imdb.load(null, 0, 5, 113, 1, 2, 3);
    assertEquals(1, shortOnes.train().size(), "sequences of maxlen or more are dropped");
    assertEquals(4, shortOnes.train().x()[0].length);
    assertThrows(IllegalArgumentException.class, () -> imdb.load(null, 0, 2, 113, 1, 2, 3));
  }

  @Test
  void decodesAndCaches() throws IOException {
    DataFiles files = corpus("aclImdb_v1.tar.gz");
    Imdb imdb = Imdb.open(files);
    assertEquals("? the movie ? bad", imdb.decode(new int[] {1, 4, 5, 2, 8}, 3));
    assertTrue(Files.exists(dir.resolve("imdb/imdb-ranks.bin")));
    Files.delete(dir.resolve("imdb/aclImdb_v1.tar.gz"));
    Files.write(dir.resolve("imdb/aclImdb_v1.tar.gz"), new byte[0]);
    // a changed source (size) invalidates the cache: the empty archive is then read and rejected
    assertThrows(DatasetException.class, () -> Imdb.open(files));
  }

  @Test
  void readsAnExtractedFolder() throws IOException {
    Path imdb = Files.createDirectories(dir.resolve("imdb"));
    Files.writeString(imdb.resolve("imdb_word_index.json"), INDEX);
    for (Map.Entry<String, String> e : REVIEWS.entrySet()) {
      Path p = imdb.resolve(e.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, e.getValue());
    }
    Imdb loaded = Imdb.open(new DataFiles(dir, List.of(), w -> { }));
    assertEquals(2, loaded.testReviews().size());
    assertEquals("test/neg/4_2.txt", loaded.testReviews().stream()
        .map(Imdb.Review::path).min(Comparator.naturalOrder()).orElseThrow());
  }

  @Test
  void aBrokenWordIndexIsNamed() throws IOException {
    DataFiles files = corpus("aclImdb_v1.tar.gz");
    Files.writeString(dir.resolve("imdb/imdb_word_index.json"), "{\"the\": ");
    DatasetException e = assertThrows(DatasetException.class, () -> Imdb.open(files));
    assertTrue(e.getMessage().contains("imdb_word_index.json"), e.getMessage());
    assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("jackson"),
        e.getMessage());
  }

  /**
   * A cache whose bytes changed (here a label flipped to 7, which would train to nonsense) no
   * longer matches its checksum and is rebuilt from the raw reviews.
   */
  @Test
  void aDamagedCacheIsRebuiltFromTheRawReviews() throws IOException {
    DataFiles files = corpus("aclImdb_v1.tar.gz");
    Imdb first = Imdb.open(files);
    Path cache = dir.resolve("imdb/imdb-ranks.bin");
    byte[] bytes = Files.readAllBytes(cache);
    String path = first.trainReviews().get(0).path();
    byte[] name = path.getBytes(StandardCharsets.UTF_8);
    int at = indexOf(bytes, name) + name.length;  // the label byte follows the review's path
    assertTrue(bytes[at] == 0 || bytes[at] == 1, "found the label");
    bytes[at] = 7;
    Files.write(cache, bytes);
    java.io.PrintStream err = System.err;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(captured, true, StandardCharsets.UTF_8));
    Imdb again;
    try {
      again = Imdb.open(files);
    } finally {
      System.setErr(err);
    }
    assertTrue(captured.toString(StandardCharsets.UTF_8).contains("does not match its checksum"));
    assertEquals(first.trainReviews().get(0).label(), again.trainReviews().get(0).label());
    assertTrue(again.trainReviews().stream().allMatch(r -> r.label() == 0 || r.label() == 1));
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
