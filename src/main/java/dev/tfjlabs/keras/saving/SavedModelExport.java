package dev.tfjlabs.keras.saving;

import dev.tfjlabs.io.AtomicFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.types.TFloat32;

/**
 * Writes a SavedModel that any TensorFlow runtime loads: tag {@code serve}, signature
 * {@code serving_default} (method {@code tensorflow/serving/predict}) with one float input
 * {@value #INPUT} [batch, ...] and one float output {@value #OUTPUT}, or, for a model of several
 * inputs or outputs, one of each named as the model names them. The folder is filled aside and
 * renamed into place, so a crash never leaves a half-written model.
 */
public final class SavedModelExport {
  /** The signature's input name. */
  public static final String INPUT = "input";
  /** The signature's output name. */
  public static final String OUTPUT = "output";
  /** The tag of the exported meta graph. */
  public static final String TAG = SavedModelBundle.DEFAULT_TAG;
  /** The signature key. */
  public static final String SIGNATURE = Signature.DEFAULT_KEY;

  private SavedModelExport() {}

  /** Exports {@code session}'s graph with a signature from {@code input} to {@code output}. */
  public static void write(Path dir, Session session, Operand<TFloat32> input,
      Operand<TFloat32> output, Map<String, String> extraFiles) {
    write(dir, session, Map.of(INPUT, input), Map.of(OUTPUT, output), extraFiles);
  }

  /** Exports {@code session}'s graph with a signature of these named inputs and outputs. */
  public static void write(Path dir, Session session, Map<String, Operand<TFloat32>> inputs,
      Map<String, Operand<TFloat32>> outputs, Map<String, String> extraFiles) {
    Signature.Builder builder = Signature.builder()
        .key(SIGNATURE)
        .methodName("tensorflow/serving/predict");
    inputs.forEach(builder::input);
    outputs.forEach(builder::output);
    Signature signature = builder.build();
    AtomicFiles.writeFolder(dir, tmp -> {
      SavedModelBundle.exporter(tmp.toString()).withTags(TAG).withSession(session)
          .withSignature(signature).export();
      for (Map.Entry<String, String> e : extraFiles.entrySet()) {
        Files.writeString(tmp.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
      }
    });
  }
}
