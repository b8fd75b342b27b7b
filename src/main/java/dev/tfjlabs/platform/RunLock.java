package dev.tfjlabs.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * One run of a lab's model at a time in the same output folders: a {@code .run-<slug>.lock}
 * file per model in each folder, locked by the operating system for as long as the run lasts (a
 * killed run's lock goes with its process) and holding the run's PID, so a second run of that
 * model refuses to start with one line naming the first instead of sharing its half-written
 * histories. Runs of different models of a lab may train at the same time ({@code all --jobs});
 * their publications follow one another under the folder's {@code .publish.lock}
 * ({@link #publishing}), each merging over what the other published.
 */
final class RunLock implements AutoCloseable {
  private static final String PUBLISH = ".publish.lock";

  private final List<FileChannel> channels = new ArrayList<>();
  private final List<FileLock> locks = new ArrayList<>();

  private RunLock() {}

  /** The lock file of the model {@code slug}. */
  static String file(String slug) {
    return ".run-" + slug + ".lock";
  }

  /**
   * Locks the models {@code slugs} of {@code lab} in every folder of {@code dirs}.
   *
   * @throws IllegalStateException naming the running run when a model is taken
   */
  static RunLock acquire(String lab, List<Path> dirs, List<String> slugs) {
    RunLock lock = new RunLock();
    try {
      for (Path dir : dirs.stream().map(Path::toAbsolutePath).map(Path::normalize).distinct()
          .toList()) {
        for (String slug : slugs) {
          lock.take(lab, dir.resolve(file(slug)));
        }
      }
      return lock;
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  /**
   * Waits for, then holds, the right to publish into {@code dir}: one publication at a time, so
   * that each merges over the previous one's {@code results.json} and charts.
   */
  static RunLock publishing(Path dir) {
    RunLock lock = new RunLock();
    Path file = dir.resolve(PUBLISH);
    try {
      java.nio.file.Files.createDirectories(dir);
      FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE,
          StandardOpenOption.WRITE);
      lock.channels.add(ch);
      lock.locks.add(ch.lock());
      return lock;
    } catch (IOException e) {
      lock.close();
      throw new UncheckedIOException("Cannot lock " + file + ": " + e.getMessage(), e);
    }
  }

  private void take(String lab, Path file) {
    Path dir = file.getParent();
    try {
      FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
      channels.add(ch);
      FileLock l;
      try {
        l = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        l = null;
      }
      if (l == null) {
        String pid = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).strip();
        throw new IllegalStateException("Another run of " + lab + (pid.isEmpty() ? ""
            : " (PID " + pid + ")") + " is writing to " + dir + "; wait for it to end, or give"
            + " this run other --models-dir/--reports-dir folders");
      }
      locks.add(l);
      ch.truncate(0);
      ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n")
          .getBytes(StandardCharsets.UTF_8)), 0);
      ch.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot lock " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    for (FileLock l : locks) {
      try {
        l.release();
      } catch (IOException ignored) {
        // the channel's close below releases it too
      }
    }
    for (FileChannel ch : channels) {
      try {
        ch.close();
      } catch (IOException ignored) {
        // nothing more to release
      }
    }
  }
}
