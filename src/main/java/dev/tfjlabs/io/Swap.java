package dev.tfjlabs.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Staged files and folders moved into place together or not at all. {@link #commit} moves each
 * existing target aside ({@code .NAME.old-PID}), then the staged copy in; when any move fails,
 * every move done so far is undone in reverse order (the new copy back to its staging place, the
 * old one back to its name), so the targets are exactly as they were, and one line says which
 * target could not be replaced and why. The copies moved aside are removed only once every
 * target is in place.
 */
public final class Swap {
  /** Runs before each target is replaced; tests put a failure here. */
  @FunctionalInterface
  public interface Hook {
    void beforeReplacing(Path target) throws IOException;
  }

  /** Runs before each target is replaced; tests put a failure here. */
  public static volatile Hook beforeReplacing = target -> { };

  private record Entry(Path staged, Path target) {}

  /** A move done: the entry, the old target's place aside (or null), whether the new is in. */
  private static final class Done {
    final Entry entry;
    final Path aside;
    boolean placed;

    Done(Entry entry, Path aside) {
      this.entry = entry;
      this.aside = aside;
    }
  }

  private final List<Entry> entries = new ArrayList<>();

  /** Adds {@code staged} (a complete file or folder) to go to {@code target}. */
  public Swap add(Path staged, Path target) {
    entries.add(new Entry(staged, target));
    return this;
  }

  /**
   * Moves every staged copy into place, all or none.
   *
   * @throws UncheckedIOException naming the target that could not be replaced and why, after
   *     every target was put back as it was
   */
  public void commit() {
    List<Done> done = new ArrayList<>();
    for (Entry e : entries) {
      try {
        beforeReplacing.beforeReplacing(e.target());
        Path aside = null;
        if (Files.exists(e.target(), LinkOption.NOFOLLOW_LINKS)) {
          aside = asideOf(e.target());
          AtomicFiles.deleteRecursively(aside);
          AtomicFiles.move(e.target(), aside);
        }
        Done d = new Done(e, aside);
        done.add(d);
        Files.createDirectories(e.target().toAbsolutePath().getParent());
        AtomicFiles.move(e.staged(), e.target());
        d.placed = true;
      } catch (IOException | RuntimeException failure) {
        String restore = undo(done);
        String why = failure instanceof IOException io ? AtomicFiles.why(io)
            : String.valueOf(failure.getMessage());
        throw new UncheckedIOException("Could not replace " + e.target() + " (" + why + "); "
            + restore, failure instanceof IOException io ? io : new IOException(failure));
      }
    }
    for (Done d : done) {
      AtomicFiles.deleteRecursively(d.aside);
    }
  }

  /** Where {@code target} waits while it is being replaced. */
  static Path asideOf(Path target) {
    return target.resolveSibling("." + target.getFileName() + ".old-"
        + ProcessHandle.current().pid());
  }

  /** Undoes {@code done} in reverse; says what the targets are now. */
  private static String undo(List<Done> done) {
    List<String> lost = new ArrayList<>();
    for (int i = done.size() - 1; i >= 0; i--) {
      Done d = done.get(i);
      try {
        if (d.placed) {
          AtomicFiles.move(d.entry.target(), d.entry.staged());
        }
        if (d.aside != null) {
          AtomicFiles.move(d.aside, d.entry.target());
        }
      } catch (IOException e) {
        lost.add(d.entry.target() + " (its earlier version is in " + d.aside + ")");
      }
    }
    return lost.isEmpty() ? "nothing was replaced, the earlier files are as they were"
        : "could not put back " + String.join(", ", lost);
  }
}
