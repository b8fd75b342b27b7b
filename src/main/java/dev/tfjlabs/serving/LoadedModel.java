package dev.tfjlabs.serving;

import dev.tfjlabs.io.Json;
import dev.tfjlabs.keras.backend.Tensors;
import dev.tfjlabs.keras.data.FloatArray;
import dev.tfjlabs.keras.saving.ModelDescription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.types.TFloat32;

/**
 * A SavedModel written by a lab, loaded through TensorFlow Java's {@link SavedModelBundle} with
 * its {@code model.json}, and called through its signature.
 */
public final class LoadedModel implements Predictor {
  private final ModelDescription description;
  private final SavedModelBundle bundle;

  private LoadedModel(ModelDescription description, SavedModelBundle bundle) {
    this.description = description;
    this.bundle = bundle;
  }

  /**
   * @throws BadInputException when {@code dir} is not a SavedModel folder or has no model.json
   */
  public static LoadedModel open(Path dir) {
    if (!Files.isDirectory(dir) || !Files.exists(dir.resolve("saved_model.pb"))) {
      throw new BadInputException(dir + " is not a SavedModel folder (no saved_model.pb); give a"
          + " folder a lab wrote, such as models/fashion-bilstm/basic-rnn");
    }
    Path json = dir.resolve("model.json");
    if (!Files.exists(json)) {
      throw new BadInputException(dir + " has no model.json; predict needs the description a lab"
          + " writes beside the SavedModel");
    }
    ModelDescription d;
    try {
      d = Json.read(json, ModelDescription.class);
    } catch (RuntimeException e) {
      throw new BadInputException(json + " is not a valid model description: "
          + e.getMessage().lines().findFirst().orElse(""));
    }
    requireFields(json, d);
    Path index = dir.resolve("variables").resolve("variables.index");
    if (!Files.exists(index)) {
      throw new BadInputException(index + " is missing: the SavedModel is incomplete; copy the"
          + " whole folder, or run the lab again");
    }
    SavedModelBundle bundle;
    try {
      bundle = SavedModelBundle.load(dir.toString(), d.tag());
    } catch (RuntimeException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName()
          : e.getMessage().lines().findFirst().orElse("");
      throw new BadInputException(dir + " cannot be loaded as a SavedModel (" + why + "):"
          + " saved_model.pb or variables/ is damaged; run the lab again");
    }
    try {
      checkSignature(json, d, bundle);
    } catch (RuntimeException e) {
      bundle.close();
      throw e;
    }
    return new LoadedModel(d, bundle);
  }

  /**
   * The signature, input and output {@code model.json} names must be the SavedModel's, and its
   * input shape the signature's: a shape that does not fit would otherwise reach TensorFlow (a
   * crash of the JVM, a raw kernel error, or an allocation of the wrong size).
   */
  private static void checkSignature(Path json, ModelDescription d, SavedModelBundle bundle) {
    org.tensorflow.Signature sig;
    try {
      sig = bundle.function(d.signature()).signature();
    } catch (RuntimeException e) {
      throw new BadInputException(json + " names signature '" + d.signature() + "', which the"
          + " SavedModel does not have");
    }
    org.tensorflow.Signature.TensorDescription in = sig.getInputs().get(d.input().name());
    if (in == null) {
      throw new BadInputException(json + " names input '" + d.input().name() + "'; the"
          + " signature's inputs are " + sig.inputNames());
    }
    if (!sig.getOutputs().containsKey(d.output().name())) {
      throw new BadInputException(json + " names output '" + d.output().name() + "'; the"
          + " signature's outputs are " + sig.outputNames());
    }
    long[] actual = in.shape.asArray();
    List<Integer> declared = d.input().shape();
    boolean fits = actual != null && actual.length == declared.size();
    for (int i = 1; fits && i < actual.length; i++) {
      fits = actual[i] == declared.get(i) && declared.get(i) > 0;
    }
    if (!fits) {
      throw new BadInputException(json + " gives input shape " + declared + ", but the"
          + " SavedModel's signature takes " + Arrays.toString(actual) + "; restore the"
          + " model.json the lab wrote, or run the lab again");
    }
  }

  /** The fields predict relies on, each named when absent. */
  private static void requireFields(Path json, ModelDescription d) {
    String missing = d.tag() == null ? "tag" : d.signature() == null ? "signature"
        : d.input() == null || d.input().name() == null || d.input().shape() == null ? "input"
        : d.output() == null || d.output().name() == null ? "output"
        : d.classes() == null ? "classes" : null;
    if (missing != null) {
      throw new BadInputException(json + " has no '" + missing + "'; it is not a description a"
          + " lab wrote: run the lab again");
    }
  }

  @Override
  public ModelDescription description() {
    return description;
  }

  /** The shape of one input sample (the signature's input shape without the batch). */
  @Override
  public int[] sampleShape() {
    return description.input().shape().stream().skip(1).mapToInt(Integer::intValue).toArray();
  }

  /**
   * Runs the samples of {@code x} [n, ...sample shape] (already preprocessed),
   * {@code batchSize} at a time, and returns the outputs [n, ...].
   */
  @Override
  public FloatArray run(FloatArray x, int batchSize) {
    float[] out = null;
    int width = 0;
    for (int from = 0; from < x.rows(); from += batchSize) {
      int to = Math.min(x.rows(), from + batchSize);
      try (TFloat32 xb = Tensors.slice(x, from, to);
          Result r = bundle.function(description.signature())
              .call(Map.of(description.input().name(), xb))) {
        TFloat32 y = (TFloat32) r.get(description.output().name()).orElseThrow();
        float[] part = Tensors.values(y);
        if (out == null) {
          width = part.length / (to - from);
          out = new float[x.rows() * width];
        }
        System.arraycopy(part, 0, out, from * width, part.length);
      }
    }
    return new FloatArray(out == null ? new float[0] : out, x.rows(),
        width);
  }

  @Override
  public void close() {
    bundle.close();
  }
}
