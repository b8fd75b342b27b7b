package dev.tfjlabs.keras.config;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Where configs are read from: the Keras version that wrote them, and the warnings the reading
 * gathered (each said once, by the loader, when the model is built).
 */
public final class Source {
  private final KerasVersion version;
  private final Set<String> warnings = new LinkedHashSet<>();

  public Source(KerasVersion version) {
    this.version = version;
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
