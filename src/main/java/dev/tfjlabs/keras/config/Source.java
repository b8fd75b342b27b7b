package dev.tfjlabs.keras.config;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Where configs are read from: the Keras version that wrote them, the warnings the reading
 * gathered (each said once, by the loader, when the model is built), and the sample shapes the
 * reader gives inputs that a file leaves open (a sequence of any length, {@code None} steps,
 * which this library's unrolled recurrent layers need fixed).
 */
public final class Source {
  private final KerasVersion version;
  private final Set<String> warnings = new LinkedHashSet<>();
  private final Map<String, int[]> inputShapes;
  private final Set<String> inputsSeen = new LinkedHashSet<>();

  public Source(KerasVersion version) {
    this(version, Map.of());
  }

  /** A source whose inputs named in {@code inputShapes} take those sample shapes. */
  public Source(KerasVersion version, Map<String, int[]> inputShapes) {
    this.version = version;
    this.inputShapes = Map.copyOf(inputShapes);
  }

  /**
   * The sample shape of input {@code name}: the file's {@code declared} one, with the shape the
   * reader gave for that input where the file leaves dimensions open (-1).
   *
   * @throws IllegalArgumentException when the given shape contradicts the file's
   */
  public int[] inputShape(String name, int[] declared) {
    if (name == null) {
      return declared;
    }
    inputsSeen.add(name);
    int[] given = inputShapes.get(name);
    if (given == null) {
      return declared;
    }
    boolean fits = given.length == declared.length;
    for (int i = 0; fits && i < given.length; i++) {
      fits = given[i] > 0 && (declared[i] < 0 || declared[i] == given[i]);
    }
    if (!fits) {
      throw new IllegalArgumentException("input " + name + " has shape "
          + java.util.Arrays.toString(declared).replace("-1", "None") + " in the file; the"
          + " shape given, " + java.util.Arrays.toString(given) + ", does not fit it");
    }
    return given.clone();
  }

  /** Refuses a given input shape whose name no input of the file has. */
  public void checkInputShapesUsed() {
    for (String name : inputShapes.keySet()) {
      if (!inputsSeen.contains(name)) {
        throw new IllegalArgumentException("a shape is given for input " + name + ", but the"
            + " model's inputs are " + inputsSeen);
      }
    }
  }

  public KerasVersion version() {
    return version;
  }

  /** Records a warning line (repeats are said once). */
  public void warn(String line) {
    warnings.add(line);
  }

  public Set<String> warnings() {
    return Set.copyOf(warnings);
  }
}
