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
 * One run of a lab at a time in the same output folders: a {@code .run.lock} file in each
 * folder, locked by the operating system for as long as the run lasts (a killed run's lock goes
 * with its process) and holding the run's PID, so a second run refuses to start with one line
 * naming the first instead of sharing its half-written histories.
 */
final class RunLock implements AutoCloseable {
  static final String FILE = ".run.lock";

  private final List<FileChannel> channels = new ArrayList<>();
  private final List<FileLock> locks = new ArrayList<>();

  private RunLock() {}

  /**
   * Locks every folder of {@code dirs} for {@code lab}.
   *
   * @throws IllegalStateException naming the running run when a folder is taken
   */
  static RunLock acquire(String lab, List<Path> dirs) {
    RunLock lock = new RunLock();
    try {
      for (Path dir : dirs.stream().map(Path::toAbsolutePath).map(Path::normalize).distinct()
          .toList()) {
        lock.take(lab, dir);
      }
      return lock;
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  private void take(String lab, Path dir) {
    Path file = dir.resolve(FILE);
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
