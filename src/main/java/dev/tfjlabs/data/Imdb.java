package dev.tfjlabs.data;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tfjlabs.io.AtomicFiles;
import dev.tfjlabs.keras.data.Shuffling;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * The IMDB movie-review sentiment dataset as {@code keras.datasets.imdb}, rebuilt from the raw
 * Stanford Large Movie Review text and Keras's {@code imdb_word_index.json} (rank 1 = the most
 * frequent word). Each review is tokenised as Keras did (see {@link #tokenize}) and mapped to
 * word ranks; tokens absent from the index are dropped.
 *
 * <p>The raw text is accepted as the original {@code aclImdb_v1.tar.gz}, as the labeled repack
 * {@code aclImdb_v1_labeled.tar.gz}, or as an extracted {@code aclImdb/} folder. Parsing the
 * 50,000 reviews happens once; the ranks are then cached in {@code <data-dir>/imdb/} and load in
 * well under a second.
 *
 * <p>Review order: Keras shuffles its stored order with NumPy's generator; that stored order is
 * not published, so here reviews are sorted by file path and shuffled with {@code seed} through
 * {@link Shuffling}. Sequences, lengths and vocabulary match Keras; positions do not.
 */
public final class Imdb {
  public static final String DATASET = "imdb";
  public static final RemoteFile ARCHIVE = new RemoteFile(DATASET, "aclImdb_v1.tar.gz",
      "https://ai.stanford.edu/~amaas/data/sentiment/aclImdb_v1.tar.gz",
      Checksum.md5OfFile("7c2ac02c03563afcf9b574c7e56c153a"),
      List.of("aclImdb_v1_labeled.tar.gz", "aclImdb"));
  public static final RemoteFile WORD_INDEX = new RemoteFile(DATASET, "imdb_word_index.json",
      "https://storage.googleapis.com/tensorflow/tf-keras-datasets/imdb_word_index.json",
      Checksum.md5OfFile("bfafd718b763782e994055a2d397834f"));

  /** Reviews in the training split (and in the test split). */
  public static final int TRAIN_COUNT = 25_000;
  /** Keras's {@code load_data} defaults. */
  public static final int DEFAULT_SEED = 113;
  public static final int START_CHAR = 1;
  public static final int OOV_CHAR = 2;
  public static final int INDEX_FROM = 3;

  private static final String CACHE_NAME = "imdb-ranks.bin";
  private static final int CACHE_VERSION = 2;
  private static final Pattern REVIEW =
      Pattern.compile("(?:^|/)(train|test)/(pos|neg)/(\\d+_\\d+)\\.txt$");
  private static final String FILTERS = "!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n";

  /** One review: its path below {@code aclImdb/}, label (1 positive) and word ranks. */
  public record Review(String path, int label, int[] ranks) {}

  /** Integer sequences and 0/1 labels of one split. */
  public record Split(int[][] x, int[] y) {
    public int size() {
      return y.length;
    }
  }

  private final Map<String, Integer> wordIndex;
  private final List<Review> train;
  private final List<Review> test;
  private Map<Integer, String> reverseIndex;

  private Imdb(Map<String, Integer> wordIndex, List<Review> train, List<Review> test) {
    this.wordIndex = wordIndex;
    this.train = train;
    this.test = test;
  }

  /** Finds (or downloads) the raw reviews and word index and reads them, through the cache. */
  public static Imdb open(DataFiles files) {
    Path indexFile = files.get(WORD_INDEX);
    Map<String, Integer> index = readWordIndex(indexFile);
    Path archive = files.get(ARCHIVE);
    Path cache = files.datasetDir(DATASET).resolve(CACHE_NAME);
    String source = describe(archive) + ";" + describe(indexFile);
    List<Review> reviews = readCache(cache, source);
    if (reviews == null) {
      reviews = parse(archive, index);
      writeCache(cache, source, reviews);
    }
    List<Review> tr = new ArrayList<>();
    List<Review> te = new ArrayList<>();
    for (Review r : reviews) {
      (r.path().startsWith("train/") ? tr : te).add(r);
    }
    if (tr.isEmpty() || te.isEmpty()) {
      throw new DatasetException(archive + " holds " + tr.size() + " training and " + te.size()
          + " test reviews; expected aclImdb/{train,test}/{pos,neg}/*.txt. Is it the IMDB archive?");
    }
    return new Imdb(index, List.copyOf(tr), List.copyOf(te));
  }

  /** Reads the word index from a JSON object {word: rank}. */
  public static Map<String, Integer> readWordIndex(Path file) {
    try {
      return new ObjectMapper().readValue(file.toFile(), new TypeReference<Map<String, Integer>>() {});
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new DatasetException(file + " is not a valid word index (a JSON object of word to"
          + " rank): " + e.getOriginalMessage().lines().findFirst().orElse("")
          + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr())
          + ". Delete it and let the loader fetch it again.", e);
    } catch (IOException e) {
      throw new DatasetException(file + " cannot be read as the word index: " + e.getMessage()
          + ". Delete it and let the loader fetch it again.", e);
    }
  }

  /**
   * Keras's {@code text_to_word_sequence} as used to build the IMDB data: ASCII letters are
   * lower-cased (other characters kept as they are), each of
   * {@code !"#$%&()*+,-./:;<=>?@[\]^_`{|}~}, tab and newline becomes a space, and the text is
   * split on spaces with empty tokens dropped. The apostrophe stays inside words.
   */
  public static List<String> tokenize(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        sb.append((char) (c + ('a' - 'A')));
      } else if (FILTERS.indexOf(c) >= 0) {
        sb.append(' ');
      } else {
        sb.append(c);
      }
    }
    List<String> tokens = new ArrayList<>();
    for (String t : sb.toString().split(" ")) {
      if (!t.isEmpty()) {
        tokens.add(t);
      }
    }
    return tokens;
  }

  /** The word ranks of {@code text}: tokens absent from {@code index} are dropped. */
  public static int[] toRanks(String text, Map<String, Integer> index) {
    return tokenize(text).stream().map(index::get).filter(r -> r != null)
        .mapToInt(Integer::intValue).toArray();
  }

  /**
   * A text as {@code load_data} encodes a review: its word ranks ({@link #toRanks}), each plus
   * {@code indexFrom} after {@code startChar}, and values outside [0, numWords) replaced by
   * {@code oovChar}: {@code load(numWords)}'s sequence for the same text.
   */
  public static int[] encode(String text, Map<String, Integer> index, int numWords) {
    return clip(sequence(toRanks(text, index), START_CHAR, INDEX_FROM), 0, numWords, OOV_CHAR);
  }

  public Map<String, Integer> wordIndex() {
    return wordIndex;
  }

  public List<Review> trainReviews() {
    return train;
  }

  public List<Review> testReviews() {
    return test;
  }

  /** {@code imdb.load_data()} with Keras's defaults. */
  public TrainTest<Split> load(Integer numWords) {
    return load(numWords, 0, null, DEFAULT_SEED, START_CHAR, OOV_CHAR, INDEX_FROM);
  }

  /**
   * {@code keras.datasets.imdb.load_data} with Keras's meaning of every argument: each split is
   * shuffled with {@code seed}; every rank {@code r} becomes {@code r + indexFrom}, after
   * {@code startChar} when that is not null; sequences of {@code maxlen} values or more are
   * dropped (counting the start character); values outside {@code [skipTop, numWords)} become
   * {@code oovChar}, or are removed when {@code oovChar} is null.
   *
   * @param numWords keep the most frequent words below this value; null for all
   * @param maxlen drop sequences this long or longer; null to keep all
   */
  public TrainTest<Split> load(Integer numWords, int skipTop, Integer maxlen, long seed,
      Integer startChar, Integer oovChar, int indexFrom) {
    Random rng = new Random(seed);
    Split tr = encode(train, Shuffling.permutation(train.size(), rng), startChar, indexFrom);
    Split te = encode(test, Shuffling.permutation(test.size(), rng), startChar, indexFrom);
    if (maxlen != null) {
      tr = dropLong(tr, maxlen);
      te = dropLong(te, maxlen);
      if (tr.size() == 0 || te.size() == 0) {
        throw new IllegalArgumentException("maxlen " + maxlen + " leaves no sequence; increase it");
      }
    }
    int limit = numWords != null ? numWords : Math.max(max(tr.x()), max(te.x())) + 1;
    return new TrainTest<>(clip(tr, skipTop, limit, oovChar), clip(te, skipTop, limit, oovChar));
  }

  private static Split encode(List<Review> reviews, int[] order, Integer startChar,
      int indexFrom) {
    int[][] out = new int[order.length][];
    int[] y = new int[order.length];
    for (int i = 0; i < order.length; i++) {
      out[i] = sequence(reviews.get(order[i]).ranks(), startChar, indexFrom);
      y[i] = reviews.get(order[i]).label();
    }
    return new Split(out, y);
  }

  /** Each rank plus {@code indexFrom}, after {@code startChar} when that is not null. */
  private static int[] sequence(int[] ranks, Integer startChar, int indexFrom) {
    int offset = startChar == null ? 0 : 1;
    int[] seq = new int[ranks.length + offset];
    if (startChar != null) {
      seq[0] = startChar;
    }
    for (int j = 0; j < ranks.length; j++) {
      seq[j + offset] = ranks[j] + indexFrom;
    }
    return seq;
  }

  private static Split dropLong(Split s, int maxlen) {
    List<int[]> xs = new ArrayList<>();
    List<Integer> ys = new ArrayList<>();
    for (int i = 0; i < s.size(); i++) {
      if (s.x()[i].length < maxlen) {
        xs.add(s.x()[i]);
        ys.add(s.y()[i]);
      }
    }
    return new Split(xs.toArray(new int[0][]), ys.stream().mapToInt(Integer::intValue).toArray());
  }

  private static Split clip(Split s, int skipTop, int numWords, Integer oovChar) {
    int[][] out = new int[s.size()][];
    for (int i = 0; i < s.size(); i++) {
      out[i] = clip(s.x()[i], skipTop, numWords, oovChar);
    }
    return new Split(out, s.y().clone());
  }

  /**
   * Values outside [skipTop, numWords) become {@code oovChar}, or are removed when that is
   * null.
   */
  private static int[] clip(int[] seq, int skipTop, int numWords, Integer oovChar) {
    if (oovChar == null) {
      return java.util.Arrays.stream(seq).filter(w -> w >= skipTop && w < numWords).toArray();
    }
    int[] out = new int[seq.length];
    for (int j = 0; j < seq.length; j++) {
      out[j] = seq[j] >= skipTop && seq[j] < numWords ? seq[j] : oovChar;
    }
    return out;
  }

  private static int max(int[][] xs) {
    int m = 0;
    for (int[] x : xs) {
      for (int v : x) {
        m = Math.max(m, v);
      }
    }
    return m;
  }

  /**
   * Words of an encoded sequence, as Keras's reverse word index gives them: value {@code v}
   * is the word of rank {@code v - indexFrom}; padding, start and out-of-vocabulary markers
   * read {@code ?}.
   */
  public String decode(int[] sequence, int indexFrom) {
    if (reverseIndex == null) {
      Map<Integer, String> reverse = new HashMap<>();
      wordIndex.forEach((w, r) -> reverse.put(r, w));
      reverseIndex = reverse;
    }
    StringBuilder sb = new StringBuilder();
    for (int v : sequence) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(reverseIndex.getOrDefault(v - indexFrom, "?"));
    }
    return sb.toString();
  }

  // ---- reading the raw reviews -------------------------------------------------------------

  private static List<Review> parse(Path source, Map<String, Integer> index) {
    System.err.println("Reading IMDB reviews from " + source + " (once; the result is cached)...");
    List<Review> out = new ArrayList<>();
    try {
      if (Files.isDirectory(source)) {
        try (Stream<Path> walk = Files.walk(source)) {
          for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
            String rel = source.relativize(p).toString().replace('\\', '/');
            addIfReview(rel, Files.readString(p, StandardCharsets.UTF_8), index, out);
          }
        }
      } else {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(source), 1 << 16);
            TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
          TarArchiveEntry e;
          while ((e = tar.getNextEntry()) != null) {
            if (e.isFile() && REVIEW.matcher(e.getName()).find()) {
              addIfReview(e.getName(), new String(tar.readAllBytes(), StandardCharsets.UTF_8),
                  index, out);
            }
          }
        }
      }
    } catch (IOException e) {
      throw new DatasetException(source + " cannot be read as the IMDB archive (" + e.getMessage()
          + "): it is truncated or corrupt. Delete it and let the loader fetch it again.", e);
    }
    out.sort(Comparator.comparing(Review::path));
    return out;
  }

  private static void addIfReview(String name, String text, Map<String, Integer> index,
      List<Review> out) {
    Matcher m = REVIEW.matcher(name);
    if (m.find()) {
      String path = m.group(1) + "/" + m.group(2) + "/" + m.group(3) + ".txt";
      out.add(new Review(path, m.group(2).equals("pos") ? 1 : 0, toRanks(text, index)));
    }
  }

  private static String describe(Path p) {
    try {
      return p.getFileName() + ":" + (Files.isDirectory(p) ? "dir" : Files.size(p));
    } catch (IOException e) {
      return p.getFileName().toString();
    }
  }

  // ---- the cache: magic, version, source description, then (path, label, ranks) per review,
  // ---- then the CRC-32 of everything before it, so a damaged or edited cache is rebuilt

  private static List<Review> readCache(Path cache, String source) {
    if (!Files.exists(cache)) {
      return null;
    }
    try {
      byte[] all = Files.readAllBytes(cache);
      if (all.length < 8) {
        return null;
      }
      java.util.zip.CRC32 crc = new java.util.zip.CRC32();
      crc.update(all, 0, all.length - 8);
      if (crc.getValue() != ByteBuffer.wrap(all, all.length - 8, 8).getLong()) {
        System.err.println("WARNING: the IMDB cache " + cache + " does not match its checksum;"
            + " rebuilding it from the raw reviews");
        return null;
      }
      ByteBuffer b = ByteBuffer.wrap(all, 0, all.length - 8);
      if (b.getInt() != 0x494D4442 || b.getInt() != CACHE_VERSION || !readString(b).equals(source)) {
        return null;
      }
      int n = b.getInt();
      List<Review> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        String path = readString(b);
        int label = b.get();
        int[] ranks = new int[b.getInt()];
        b.asIntBuffer().get(ranks);
        b.position(b.position() + 4 * ranks.length);
        out.add(new Review(path, label, ranks));
      }
      return out;
    } catch (IOException | RuntimeException e) {
      System.err.println("WARNING: ignoring unreadable IMDB cache " + cache + " (" + e + ")");
      return null;
    }
  }

  private static String readString(ByteBuffer b) {
    byte[] bytes = new byte[b.getShort()];
    b.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static void writeCache(Path cache, String source, List<Review> reviews) {
    try {
      AtomicFiles.write(cache, raw -> {
        java.util.zip.CheckedOutputStream checked = new java.util.zip.CheckedOutputStream(raw,
            new java.util.zip.CRC32());
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(checked, 1 << 16));
        out.writeInt(0x494D4442);
        out.writeInt(CACHE_VERSION);
        writeString(out, source);
        out.writeInt(reviews.size());
        for (Review r : reviews) {
          writeString(out, r.path());
          out.writeByte(r.label());
          out.writeInt(r.ranks().length);
          for (int v : r.ranks()) {
            out.writeInt(v);
          }
        }
        out.flush();
        new DataOutputStream(raw).writeLong(checked.getChecksum().getValue());
      });
    } catch (RuntimeException e) {
      System.err.println("WARNING: could not cache the parsed IMDB reviews (" + e.getMessage()
          + "); the next load parses the archive again.");
    }
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    out.writeShort(bytes.length);
    out.write(bytes);
  }
}
