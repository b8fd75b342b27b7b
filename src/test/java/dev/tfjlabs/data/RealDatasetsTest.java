package dev.tfjlabs.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tfjlabs.Fixtures;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The real datasets, when present (CI installs Fashion-MNIST from Debian and copies MNIST and
 * IMDB into the data directory): counts and the figures Keras users know.
 */
class RealDatasetsTest {
  private static final DataFiles FILES = DataFiles.standard(null);

  private static void assumePresent(List<RemoteFile> files) {
    for (RemoteFile f : files) {
      Fixtures.require(FILES.find(f) != null, f.name());
    }
  }

  @Test
  void fashionMnistCountsAndClasses() {
    assumePresent(FashionMnist.files());
    TrainTest<ImageDataset> d = FashionMnist.load(FILES);
    assertEquals(60000, d.train().count());
    assertEquals(10000, d.test().count());
    int[] perClass = new int[10];
    Arrays.fill(perClass, 6000);
    assertArrayEquals(perClass, d.train().classCounts(10));
    assertEquals(28, d.train().rows());
    assertEquals(9, d.train().labels()[0], "the first training image is an ankle boot");
    assertEquals("Ankle boot", FashionMnist.CLASS_NAMES.get(9));
  }

  @Test
  void mnistAndTheTf1Split() {
    assumePresent(Mnist.files());
    Mnist.Tf1Split s = Mnist.loadTf1Split(FILES);
    assertEquals(55000, s.train().count());
    assertEquals(5000, s.validation().count());
    assertEquals(10000, s.test().count());
    assertArrayEquals(new int[] {7, 2, 1, 0, 4}, Arrays.copyOf(s.test().labels(), 5));
    TrainTest<ImageDataset> d = Mnist.load(FILES);
    assertEquals(5, d.train().labels()[0]);
    assertEquals(d.train().labels()[5000], s.train().labels()[0]);
  }

  @Test
  void imdbMatchesKerasSequences() {
    assumePresent(List.of(Imdb.WORD_INDEX, Imdb.ARCHIVE));
    Imdb imdb = Imdb.open(FILES);
    assertEquals(25000, imdb.trainReviews().size());
    assertEquals(25000, imdb.testReviews().size());
    assertEquals(88584, imdb.wordIndex().size());
    TrainTest<Imdb.Split> d = imdb.load(null);
    double mean = Arrays.stream(d.train().x()).mapToInt(s -> s.length).average().orElseThrow();
    assertEquals(238.71364, mean, 1e-5);
    Imdb.Review first = imdb.trainReviews().stream()
        .filter(r -> r.path().equals("train/pos/576_10.txt")).findFirst().orElseThrow();
    assertEquals(217, first.ranks().length, "218 values with the start character");
    // Keras's x_train[0]: "? this film was just brilliant casting location scenery story ..."
    int[] keras = {14, 22, 16, 43, 530, 973, 1622, 1385, 65, 458, 4468};
    for (int i = 0; i < keras.length; i++) {
      assertEquals(keras[i], first.ranks()[i] + Imdb.INDEX_FROM, "token " + i);
    }
    assertEquals("? this film was just brilliant",
        imdb.decode(new int[] {1, 14, 22, 16, 43, 530}, Imdb.INDEX_FROM));
    long positives = Arrays.stream(d.train().y()).filter(y -> y == 1).count();
    assertEquals(12500, positives);
  }

  /**
   * The text encoder {@code predict} uses, on Keras's x_train[0] read raw from the archive:
   * Keras's sequence starts 1, 14, 22, 16, 43, 530, 973, 1622, 1385, 65, 458, 4468 and has 218
   * values; with num_words=500 every value from 500 on becomes the oov char 2.
   */
  @Test
  void aRawReviewEncodesAsKerasWithNumWords() throws Exception {
    assumePresent(List.of(Imdb.WORD_INDEX, Imdb.ARCHIVE));
    Imdb imdb = Imdb.open(FILES);
    String text = null;
    try (var in = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(
        new org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream(
            java.nio.file.Files.newInputStream(FILES.get(Imdb.ARCHIVE))))) {
      for (var e = in.getNextEntry(); e != null && text == null; e = in.getNextEntry()) {
        if (e.getName().endsWith("train/pos/576_10.txt")) {
          text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
      }
    }
    Fixtures.require(text != null, "train/pos/576_10.txt in the IMDB archive");
    int[] seq = Imdb.encode(text, imdb.wordIndex(), 500);
    assertEquals(218, seq.length);
    int[] keras = {1, 14, 22, 16, 43, 2, 2, 2, 2, 65, 458, 2};
    for (int i = 0; i < keras.length; i++) {
      assertEquals(keras[i], seq[i], "value " + i);
    }
    Imdb.Review review = imdb.trainReviews().stream()
        .filter(r -> r.path().equals("train/pos/576_10.txt")).findFirst().orElseThrow();
    for (int i = 0; i < review.ranks().length; i++) {
      int loader = review.ranks()[i] + Imdb.INDEX_FROM;
      assertEquals(loader < 500 ? loader : Imdb.OOV_CHAR, seq[i + 1], "the loader's value " + i);
    }
  }
}
