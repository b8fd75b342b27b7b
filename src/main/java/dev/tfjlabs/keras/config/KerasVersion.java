package dev.tfjlabs.keras.config;

/**
 * The Keras version that wrote a file ({@code keras_version} of a legacy {@code .h5},
 * {@code metadata.json} of a {@code .keras} file), and its backend. Some definitions changed
 * between versions (Keras 2's {@code hard_sigmoid} is {@code clip(0.2 x + 0.5, 0, 1)}, Keras 3's
 * {@code clip(x / 6 + 0.5, 0, 1)}); a file keeps the numbers of the Keras that wrote it
 * ({@code keras2HardSigmoid}).
 */
public record KerasVersion(int major, int minor, String text, String backend,
    boolean keras2HardSigmoid) {
  /** This library's own objects: Keras 3's definitions. */
  public static final KerasVersion CURRENT = new KerasVersion(3, 4, "3.4.1", "tensorflow",
      false);

  /**
   * The version of a {@code keras_version} text ({@code "2.1.3"}, {@code "3.4.1"}, tf.keras's
   * {@code "2.11.0"}); a file that names none is taken as Keras 2 (the legacy format).
   */
  public static KerasVersion of(String text, String backend) {
    if (text == null || text.isBlank()) {
      return new KerasVersion(2, 0, "unknown", backend, true);
    }
    String[] parts = text.trim().split("[.]");
    try {
      int major = Integer.parseInt(parts[0].replaceAll("\\D.*", ""));
      int minor = parts.length > 1 ? Integer.parseInt(parts[1].replaceAll("\\D.*", "")) : 0;
      return new KerasVersion(major, minor, text.trim(), backend, major == 2);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("keras_version " + text + " is not a version number");
    }
  }

  /**
   * Refuses what this library cannot read exactly: Keras 1's configs (other argument names,
   * other weight layouts) and Keras 2 files of the Theano backend (flipped convolution kernels).
   */
  public void checkReadable() {
    if (major < 2) {
      throw new IllegalArgumentException("written by Keras " + text + "; Keras 1 files are not"
          + " read here (nor by Keras 3): load it in Keras 2 (TensorFlow backend) and save it"
          + " again, or re-save it with Keras 3");
    }
    if (backend != null && backend.equals("theano")) {
      throw new IllegalArgumentException("written by Keras " + text + " with the Theano"
          + " backend; re-save it with Keras 2 (TensorFlow backend) or Keras 3");
    }
  }

  /**
   * This version, for a file whose {@code hard_sigmoid} is Keras 2's: a {@code .keras} file
   * this library wrote from a model loaded from a Keras 2 file says so in its metadata.
   */
  public KerasVersion withKeras2HardSigmoid() {
    return new KerasVersion(major, minor, text, backend, true);
  }
}
