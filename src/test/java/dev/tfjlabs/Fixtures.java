package dev.tfjlabs;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Data a test needs from beside the checkout ({@code ../shared/}) or the data folder. Where it
 * is missing the test is skipped on a developer's machine, but fails under CI
 * ({@code CI=true}), so a green CI always ran every test.
 */
public final class Fixtures {
  /** The Keras-written model files of {@code ../shared/keras-fixtures/}. */
  public static final Path KERAS = Path.of("..", "shared", "keras-fixtures");

  private Fixtures() {}

  /** Skips (or under CI fails) the test unless {@code available}. */
  public static void require(boolean available, String what) {
    if (available) {
      return;
    }
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(what + " is missing, and CI must run every test");
    }
    // said on the console too: surefire keeps a skip's reason in its XML only
    System.err.println("SKIPPED (" + what + " is not available here; CI=true makes this a"
        + " failure): " + StackWalker.getInstance().walk(s -> s
            .filter(f -> f.getClassName().startsWith("dev.tfjlabs."))
            .reduce((inner, outer) -> outer)
            .map(f -> f.getClassName() + "." + f.getMethodName()).orElse("a test")));
    assumeTrue(false, what + " is not available here");
  }

  /** A file of {@code ../shared/keras-fixtures/}, required as above. */
  public static Path keras(String name) {
    Path p = KERAS.resolve(name);
    require(Files.isRegularFile(p), p.toString());
    return p;
  }
}
