package dev.tfjlabs.io;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Another JVM on this one's Java and class path: the command line that starts it. */
public final class Jvm {
  private Jvm() {}

  /** {@code java -cp CLASSPATH MAIN ARGS...} with this JVM's {@code java} and class path. */
  public static List<String> command(Class<?> main, List<String> args) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        classPath(main.getClassLoader()), main.getName()));
    command.addAll(args);
    return command;
  }

  /**
   * The class path the classes were loaded from: the loader's URLs under Maven's
   * {@code exec:java}, else {@code java.class.path}.
   */
  public static String classPath(ClassLoader loader) {
    if (loader instanceof URLClassLoader urls && urls.getURLs().length > 0) {
      List<String> paths = new ArrayList<>();
      for (URL url : urls.getURLs()) {
        try {
          paths.add(Path.of(url.toURI()).toString());
        } catch (URISyntaxException | IllegalArgumentException e) {
          throw new IllegalStateException("class path entry " + url + " is not a file", e);
        }
      }
      return String.join(File.pathSeparator, paths);
    }
    return System.getProperty("java.class.path");
  }
}
