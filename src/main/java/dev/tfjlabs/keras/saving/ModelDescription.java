package dev.tfjlabs.keras.saving;

import dev.tfjlabs.io.Json;
import dev.tfjlabs.keras.models.Model;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code model.json} written beside each SavedModel: what a consumer needs to call it
 * without this project's code: tag, signature, input and output names, shapes (-1 for the batch)
 * and dtype, the preprocessing the inputs need, and the class names of a classifier.
 *
 * @param lab the lab id that trained it
 * @param model the model's name
 * @param dataset the dataset it was trained on
 * @param tag the SavedModel tag to load
 * @param signature the signature key
 * @param input the input tensor
 * @param output the output tensor
 * @param output_kind {@code probabilities} (softmax over classes) or {@code regression}
 * @param preprocessing how raw data becomes the input, in words
 * @param scale multiply raw values by this (1/255 for images)
 * @param classes class names by index, empty for regression
 * @param text how a text becomes the input sequence, for a text model; null otherwise
 * @param inputs every input of a model of several inputs or outputs, named as the model names
 *     them (then {@code input} and {@code output} are absent); null for one input and output
 * @param outputs every output of such a model
 */
public record ModelDescription(String lab, String model, String dataset, String tag,
    String signature,
    @com.fasterxml.jackson.annotation.JsonInclude(
        com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) TensorSpec input,
    @com.fasterxml.jackson.annotation.JsonInclude(
        com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) TensorSpec output,
    String output_kind, String preprocessing, double scale, List<String> classes,
    @com.fasterxml.jackson.annotation.JsonInclude(
        com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) TextEncoding text,
    @com.fasterxml.jackson.annotation.JsonInclude(
        com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) List<TensorSpec> inputs,
    @com.fasterxml.jackson.annotation.JsonInclude(
        com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) List<TensorSpec> outputs) {

  /** Every input: {@code inputs}, or the one {@code input}. */
  public List<TensorSpec> allInputs() {
    return inputs != null ? inputs : input == null ? List.of() : List.of(input);
  }

  /** Every output: {@code outputs}, or the one {@code output}. */
  public List<TensorSpec> allOutputs() {
    return outputs != null ? outputs : output == null ? List.of() : List.of(output);
  }

  /** A tensor of the signature. */
  public record TensorSpec(String name, List<Integer> shape, String dtype) {}

  /**
   * Keras's IMDB encoding of a text: words ranked by the word index, each rank plus
   * {@code index_from} after {@code start_char}, ranks of {@code num_words} or more replaced by
   * {@code oov_char}, then {@code pad_sequences(maxlen)} (pre-padding with 0, pre-truncating).
   */
  public record TextEncoding(int num_words, int maxlen, int start_char, int oov_char,
      int index_from) {}

  /** This description for a text model encoded by {@code text}. */
  public ModelDescription withText(TextEncoding value) {
    return new ModelDescription(lab, model, dataset, tag, signature, input, output, output_kind,
        preprocessing, scale, classes, value, inputs, outputs);
  }

  /**
   * The description of {@code m} under this project's export conventions ({@code Model.save}):
   * a model of several inputs or outputs lists each, named after its input layer or its layer.
   */
  public static ModelDescription of(String lab, Model m, String dataset, String outputKind,
      String preprocessing, double scale, List<String> classes) {
    if (m.inputs().size() == 1 && m.outputs().size() == 1) {
      return of(lab, m.name(), m.inputShape(), m.outputShape(), dataset, outputKind,
          preprocessing, scale, classes);
    }
    List<TensorSpec> ins = new ArrayList<>();
    for (int i = 0; i < m.inputs().size(); i++) {
      ins.add(spec(m.inputNames().get(i), m.inputs().get(i).shape()));
    }
    List<TensorSpec> outs = new ArrayList<>();
    List<String> names = m.outputNames();
    for (int i = 0; i < names.size(); i++) {
      String name = names.indexOf(names.get(i)) < i ? names.get(i) + "_" + i : names.get(i);
      outs.add(spec(name, m.outputs().get(i).shape()));
    }
    return new ModelDescription(lab, m.name(), dataset, SavedModelExport.TAG,
        SavedModelExport.SIGNATURE, null, null, outputKind, preprocessing, scale,
        List.copyOf(classes), null, List.copyOf(ins), List.copyOf(outs));
  }

  /**
   * The description of a model exported by {@link SavedModelExport} from a graph of its own,
   * taking samples of {@code inputShape} to outputs of {@code outputShape} (without the batch).
   */
  public static ModelDescription of(String lab, String model, int[] inputShape,
      int[] outputShape, String dataset, String outputKind, String preprocessing, double scale,
      List<String> classes) {
    return new ModelDescription(lab, model, dataset, SavedModelExport.TAG,
        SavedModelExport.SIGNATURE, spec(SavedModelExport.INPUT, inputShape),
        spec(SavedModelExport.OUTPUT, outputShape), outputKind, preprocessing, scale,
        List.copyOf(classes), null, null, null);
  }

  private static TensorSpec spec(String name, int[] sampleShape) {
    List<Integer> shape = new ArrayList<>();
    shape.add(-1);
    for (int d : sampleShape) {
      shape.add(d);
    }
    return new TensorSpec(name, shape, "float32");
  }

  public String toJson() {
    return Json.toString(this) + "\n";
  }
}
