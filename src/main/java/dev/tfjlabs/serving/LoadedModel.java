package dev.tfjlabs.serving;

import dev.tfjlabs.io.Json;
import dev.tfjlabs.keras.backend.Backend;
import dev.tfjlabs.keras.backend.Tensors;
import dev.tfjlabs.keras.data.FloatArray;
import dev.tfjlabs.keras.saving.ModelDescription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Tensor;
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
      bundle = Backend.loadSavedModel(dir.toString(), d.tag());
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
    for (ModelDescription.TensorSpec spec : d.allInputs()) {
      org.tensorflow.Signature.TensorDescription in = sig.getInputs().get(spec.name());
      if (in == null) {
        throw new BadInputException(json + " names input '" + spec.name() + "'; the"
            + " signature's inputs are " + sig.inputNames());
      }
      long[] actual = in.shape.asArray();
      List<Integer> declared = spec.shape();
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
    for (ModelDescription.TensorSpec spec : d.allOutputs()) {
      if (!sig.getOutputs().containsKey(spec.name())) {
        throw new BadInputException(json + " names output '" + spec.name() + "'; the"
            + " signature's outputs are " + sig.outputNames());
      }
    }
  }

  /** The fields predict relies on, each named when absent. */
  private static void requireFields(Path json, ModelDescription d) {
    String missing = d.tag() == null ? "tag" : d.signature() == null ? "signature"
        : d.allInputs().isEmpty() || d.allInputs().stream()
            .anyMatch(i -> i == null || i.name() == null || i.shape() == null) ? "input"
        : d.allOutputs().isEmpty() || d.allOutputs().stream()
            .anyMatch(o -> o == null || o.name() == null) ? "output"
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
    return description.allInputs().get(0).shape().stream().skip(1)
        .mapToInt(Integer::intValue).toArray();
  }

  /**
   * Runs the samples of {@code x} [n, ...sample shape] (already preprocessed),
   * {@code batchSize} at a time, and returns the outputs [n, ...].
   */
  @Override
  public FloatArray run(FloatArray x, int batchSize) {
    return runAll(List.of(x), batchSize).get(0);
  }

  /**
   * Runs the samples (already preprocessed, one array per input), {@code batchSize} at a time,
   * through the signature; returns one array [n, ...] per output.
   */
  @Override
  public List<FloatArray> runAll(List<FloatArray> x, int batchSize) {
    List<ModelDescription.TensorSpec> ins = description.allInputs();
    List<ModelDescription.TensorSpec> outs = description.allOutputs();
    int rows = x.get(0).rows();
    List<float[]> out = new ArrayList<>();
    int[] widths = new int[outs.size()];
    for (int from = 0; from < rows; from += batchSize) {
      int to = Math.min(rows, from + batchSize);
      Map<String, Tensor> feed = new LinkedHashMap<>();
      try {
        for (int i = 0; i < ins.size(); i++) {
          feed.put(ins.get(i).name(), Tensors.slice(x.get(i), from, to));
        }
        try (Result r = bundle.function(description.signature()).call(feed)) {
          for (int o = 0; o < outs.size(); o++) {
            float[] part = Tensors.values((TFloat32) r.get(outs.get(o).name()).orElseThrow());
            if (from == 0) {
              widths[o] = part.length / (to - from);
              out.add(new float[rows * widths[o]]);
            }
            System.arraycopy(part, 0, out.get(o), from * widths[o], part.length);
          }
        }
      } finally {
        feed.values().forEach(Tensor::close);
      }
    }
    List<FloatArray> arrays = new ArrayList<>();
    for (int o = 0; o < outs.size(); o++) {
      arrays.add(new FloatArray(out.isEmpty() ? new float[0] : out.get(o), rows, widths[o]));
    }
    return arrays;
  }

  @Override
  public void close() {
    bundle.close();
  }
}
