package dev.tfjlabs.data;

import dev.tfjlabs.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Finds dataset files the way {@code keras.utils.get_file} does, but safe offline: first the data
 * directory ({@code --data-dir}, else {@code $TFJ_DATA_DIR}, else {@code data/}), then known
 * system locations ({@code /usr/share/datasets/<dataset>/}, where Debian's
 * {@code dataset-fashion-mnist} installs), then a download from the canonical URL with a
 * progress bar, checksum verification and an atomic rename.
 *
 * <p>A local file whose checksum differs from the canonical one is used with a one-line warning,
 * unless it is a documented known copy ({@link RemoteFile#knownCopies});
 * a downloaded file whose checksum differs is deleted and reported.
 */
public final class DataFiles {
  /** Environment variable naming the data directory. */
  public static final String DATA_DIR_ENV = "TFJ_DATA_DIR";
  /** Default data directory, relative to the working directory. */
  public static final Path DEFAULT_DATA_DIR = Path.of("data");
  /** Where Debian's dataset packages install. */
  public static final Path SYSTEM_DATASETS = Path.of("/usr/share/datasets");

  private static final Set<Path> VERIFIED = new HashSet<>();

  private final Path dataDir;
  private final List<Path> systemDirs;
  private final Consumer<String> warnings;
  /** Whether the user named the data directory ({@code --data-dir}). */
  private final boolean named;
  private final Set<Path> announced = new HashSet<>();

  public DataFiles(Path dataDir, List<Path> systemDirs, Consumer<String> warnings) {
    this(dataDir, systemDirs, warnings, false);
  }

  /**
   * @param named whether the user named {@code dataDir}: a file found only in a system location
   *     is then used with one line saying so
   */
  public DataFiles(Path dataDir, List<Path> systemDirs, Consumer<String> warnings,
      boolean named) {
    this.dataDir = dataDir;
    this.systemDirs = List.copyOf(systemDirs);
    this.warnings = warnings;
    this.named = named;
  }

  /**
   * The data directory given, else {@code $TFJ_DATA_DIR}, else {@code data/}; system locations
   * searched after it; warnings to standard error.
   */
  public static DataFiles standard(Path dataDirOrNull) {
    if (dataDirOrNull != null && !Files.isDirectory(dataDirOrNull)) {
      throw new DatasetException("--data-dir " + dataDirOrNull + " is not a folder; create it"
          + " (datasets are found and downloaded there) or leave the option out to use "
          + DEFAULT_DATA_DIR + "/");
    }
    Path dir = dataDirOrNull;
    if (dir == null) {
      String env = System.getenv(DATA_DIR_ENV);
      dir = env == null || env.isBlank() ? DEFAULT_DATA_DIR : Path.of(env);
    }
    return new DataFiles(dir, List.of(SYSTEM_DATASETS),
        msg -> System.err.println("WARNING: " + msg), dataDirOrNull != null);
  }

  /** The folder of the data directory that holds {@code dataset}'s files and caches. */
  public Path datasetDir(String dataset) {
    return dataDir.resolve(dataset);
  }

  /** Every place {@code file} is looked for, in order. */
  public List<Path> candidates(RemoteFile file) {
    List<Path> out = new ArrayList<>();
    List<String> names = new ArrayList<>();
    names.add(file.name());
    names.addAll(file.aliases());
    for (String name : names) {
      out.add(datasetDir(file.dataset()).resolve(name));
    }
    for (Path sys : systemDirs) {
      for (String name : names) {
        out.add(sys.resolve(file.dataset()).resolve(name));
      }
    }
    return out;
  }

  /** The local file if one exists, without downloading; {@code null} otherwise. */
  public Path find(RemoteFile file) {
    for (Path p : candidates(file)) {
      if (Files.exists(p)) {
        if (named && !p.startsWith(dataDir) && announced.add(p)) {
          warnings.accept(file.name() + " is not in --data-dir " + dataDir + "; using " + p);
        }
        return p;
      }
    }
    return null;
  }

  /**
   * A local path holding {@code file}: an existing copy, or a fresh download.
   *
   * @throws DatasetException when it is nowhere and cannot be downloaded
   */
  public Path get(RemoteFile file) {
    Path local = find(file);
    if (local != null) {
      verifyLocal(file, local);
      return local;
    }
    return download(file);
  }

  private void verifyLocal(RemoteFile file, Path local) {
    // only the canonical name carries the canonical checksum; aliases (repacks) are checked by content
    if (file.checksum() == null || !local.getFileName().toString().equals(file.name())) {
      return;
    }
    synchronized (VERIFIED) {
      if (!VERIFIED.add(local.toAbsolutePath())) {
        return;
      }
    }
    String actual;
    try {
      actual = file.checksum().digest(local);
    } catch (UncheckedIOException e) {
      throw new DatasetException(local + " cannot be read (" + e.getCause().getMessage()
          + "): it is truncated or corrupt. Delete it and let the loader fetch it again.", e);
    }
    if (!actual.equals(file.checksum().hex()) && !file.knownCopies().contains(actual)) {
      warnings.accept(String.format("%s: %s %s differs from the canonical %s; using it anyway.",
          local, file.checksum().algorithm(), actual, file.checksum().hex()));
    }
  }

  private Path download(RemoteFile file) {
    Path target = datasetDir(file.dataset()).resolve(file.name());
    boolean newFolder = !Files.exists(target.getParent());
    try {
      Files.createDirectories(target.getParent());
      AtomicFiles.write(target, out -> fetch(file, out));
    } catch (IOException | RuntimeException e) {
      if (newFolder) {
        AtomicFiles.deleteRecursively(target.getParent());
      }
      throw notFound(file, e);
    }
    if (file.checksum() != null && !file.checksum().matches(target)) {
      String actual = file.checksum().digest(target);
      try {
        Files.deleteIfExists(target);
      } catch (IOException ignored) {
        // reported below either way
      }
      throw new DatasetException(String.format(
          "The download of %s from %s is corrupt: %s %s, expected %s. It was deleted; try again.",
          file.name(), file.url(), file.checksum().algorithm(), actual, file.checksum().hex()));
    }
    return target;
  }

  private static void fetch(RemoteFile file, OutputStream out) throws IOException {
    HttpClient client = HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NORMAL)
        .connectTimeout(Duration.ofSeconds(20))
        .build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(file.url())).GET().build();
    HttpResponse<InputStream> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (response.statusCode() != 200) {
      response.body().close();
      throw new IOException("HTTP " + response.statusCode());
    }
    long length = response.headers().firstValueAsLong("content-length").orElse(-1);
    try (InputStream in = response.body();
        ProgressBar bar = new ProgressBarBuilder()
            .setTaskName("Downloading " + file.name())
            .setInitialMax(length)
            .setStyle(ProgressBarStyle.ASCII)
            .setUnit(" MB", 1 << 20)
            .showSpeed()
            .build()) {
      byte[] buf = new byte[1 << 16];
      int n;
      while ((n = in.read(buf)) > 0) {
        out.write(buf, 0, n);
        bar.stepBy(n);
      }
    }
  }

  private DatasetException notFound(RemoteFile file, Exception cause) {
    Throwable root = cause;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    String reason = root.getClass().getSimpleName()
        + (root.getMessage() != null ? ": " + root.getMessage() : "");
    StringBuilder msg = new StringBuilder();
    msg.append("Dataset file ").append(file.name()).append(" was not found and could not be downloaded.\n");
    msg.append("  Looked in:\n");
    for (Path p : candidates(file)) {
      msg.append("    ").append(p).append('\n');
    }
    msg.append("  Tried to download: ").append(file.url()).append(" (").append(reason).append(")\n");
    msg.append("  Fix: download it by hand and put it in ")
        .append(datasetDir(file.dataset()).toAbsolutePath())
        .append("/, or point --data-dir (or $").append(DATA_DIR_ENV).append(") at a folder with a ")
        .append(file.dataset()).append("/ sub-folder holding it.");
    return new DatasetException(msg.toString(), cause);
  }
}
