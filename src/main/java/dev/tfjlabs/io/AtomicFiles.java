package dev.tfjlabs.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The one place that writes files and folders atomically: content goes to a temporary sibling
 * first and is renamed into place only when complete, so a crash never leaves something that
 * looks finished.
 */
public final class AtomicFiles {

  /** Writes the content of one file. */
  @FunctionalInterface
  public interface FileWriter {
    void write(OutputStream out) throws IOException;
  }

  /** Fills a folder. */
  @FunctionalInterface
  public interface FolderWriter {
    void write(Path folder) throws IOException;
  }

  private AtomicFiles() {}

  /** Writes {@code target} through {@code writer}, replacing any existing file atomically. */
  public static void write(Path target, FileWriter writer) {
    Path tmp = null;
    try {
      Path parent = target.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      tmp = Files.createTempFile(parent, "." + target.getFileName(), ".tmp");
      try (OutputStream out = Files.newOutputStream(tmp)) {
        writer.write(out);
      }
      readableByAll(tmp);
      move(tmp, target);
    } catch (IOException e) {
      // the device is judged before the partial file is removed and frees its space
      RuntimeException r = noSpace(target, e).orElseGet(() -> new UncheckedIOException(
          "Could not write " + target + ": " + e.getMessage(), e));
      deleteQuietly(tmp);
      throw r;
    } catch (RuntimeException e) {
      RuntimeException r = noSpace(target, e).orElse(e);
      deleteQuietly(tmp);
      throw r;
    }
  }

  /** What went wrong with a file, in words: "permission denied at /sys", ... */
  static String why(IOException e) {
    if (e instanceof java.nio.file.AccessDeniedException a) {
      return "permission denied at " + a.getFile();
    }
    if (e instanceof java.nio.file.NoSuchFileException n) {
      return "no such file or folder: " + n.getFile();
    }
    if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
      return f.getReason() + " at " + f.getFile();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** What a full device's line tells the user to do: the running command's way elsewhere. */
  private static volatile String fullDiskAdvice =
      "free space, or choose another --models-dir/--reports-dir";

  /**
   * Sets what the line for a full device tells the user to do, for commands whose outputs are
   * not {@code --models-dir}/{@code --reports-dir} ({@code convert}: another OUT).
   *
   * @return the advice it replaces, for the command to put back when it ends
   */
  public static String adviseOnFullDisk(String advice) {
    String previous = fullDiskAdvice;
    fullDiskAdvice = advice;
    return previous;
  }

  /** Below this many free bytes a failed write is put down to a full device. */
  private static final long FULL = 1 << 20;

  /**
   * A write to {@code target} that failed because its device is full (whatever the writer made
   * of it: TensorFlow's out-of-memory hint, ImageIO's "I/O error writing PNG file!"), said so in
   * one line with what to do; empty when the device has room.
   */
  static java.util.Optional<RuntimeException> noSpace(Path target, Exception cause) {
    Path dir = target.toAbsolutePath();
    while (dir != null && !Files.exists(dir)) {
      dir = dir.getParent();
    }
    try {
      java.nio.file.FileStore store = Files.getFileStore(dir);
      // pseudo file systems (/proc, /sys) report no space at all: not full, just not writable
      if (store.getTotalSpace() == 0 || store.getUsableSpace() >= FULL) {
        return java.util.Optional.empty();
      }
      return java.util.Optional.of(new UncheckedIOException("No space left on " + store
          + " writing " + target + ": " + fullDiskAdvice,
          cause instanceof IOException io ? io : new IOException(cause)));
    } catch (IOException | RuntimeException e) {
      return java.util.Optional.empty();
    }
  }

  /** Writes a UTF-8 text file atomically. */
  public static void writeString(Path target, String text) {
    write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Fills a temporary sibling folder {@code .NAME.tmp-PID} through {@code writer}, then
   * replaces {@code target} with it. A previous folder at {@code target} is removed only after
   * the new one is complete; when {@code writer} fails, the temporary folder is removed and
   * {@code target} stays as it was. Temporary folders of {@code target} left by processes that
   * no longer run (a killed run) are removed first.
   */
  public static void writeFolder(Path target, FolderWriter writer) {
    Path parent = target.toAbsolutePath().getParent();
    Path tmp = parent.resolve("." + target.getFileName() + ".tmp-" + ProcessHandle.current().pid());
    try {
      Files.createDirectories(parent);
      // a folder that cannot be written is found here, before the writer (TensorFlow) tries
      Files.delete(Files.createTempFile(parent, "." + target.getFileName(), ".probe"));
      removeStale(parent, target.getFileName().toString());
      deleteRecursively(tmp);
      writer.write(tmp);
      replaceFolder(tmp, target);
    } catch (IOException e) {
      RuntimeException r = noSpace(target, e).orElseGet(() -> new UncheckedIOException(
          "Cannot write " + target + " (" + why(e) + "); choose another folder", e));
      deleteRecursively(tmp);
      throw r;
    } catch (RuntimeException e) {
      RuntimeException r = noSpace(target, e).orElse(e);
      deleteRecursively(tmp);
      throw r;
    } catch (Error e) {
      deleteRecursively(tmp);
      throw e;
    }
  }

  /**
   * Replaces folder {@code target} (if any) with the complete folder {@code from}: the old one
   * is moved aside first and removed after the rename.
   */
  public static void replaceFolder(Path from, Path target) throws IOException {
    Path parent = target.toAbsolutePath().getParent();
    Path old = parent.resolve("." + target.getFileName() + ".old-" + ProcessHandle.current().pid());
    deleteRecursively(old);
    if (Files.exists(target)) {
      move(target, old);
    }
    move(from, target);
    deleteRecursively(old);
  }

  /** Removes {@code .NAME.tmp-PID} and {@code .NAME.old-PID} of processes that have ended. */
  private static void removeStale(Path parent, String name) throws IOException {
    java.util.regex.Pattern stale = java.util.regex.Pattern.compile(
        "\\." + java.util.regex.Pattern.quote(name) + "\\.(tmp|old)-(\\d+)");
    try (java.util.stream.Stream<Path> siblings = Files.list(parent)) {
      for (Path p : siblings.toList()) {
        java.util.regex.Matcher m = stale.matcher(p.getFileName().toString());
        if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(2))).isEmpty()) {
          deleteRecursively(p);
        }
      }
    }
  }

  /** Temporary files are private (rw-------); the finished file gets the usual rw-r--r--. */
  private static void readableByAll(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: its default permissions apply
    }
  }

  /** Renames atomically where the file system allows it. */
  public static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Deletes a file or a folder tree; absent paths are ignored. */
  public static void deleteRecursively(Path path) {
    if (path == null || !Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      walk.sorted(Comparator.reverseOrder()).forEach(AtomicFiles::deleteQuietly);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteQuietly(Path p) {
    if (p == null) {
      return;
    }
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // best effort: a leftover temporary file is named so that nothing mistakes it for output
    }
  }
}
