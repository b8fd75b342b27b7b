package dev.tfjlabs.keras.models;

import dev.tfjlabs.keras.layers.InputLayer;
import dev.tfjlabs.keras.layers.KerasTensor;
import dev.tfjlabs.keras.layers.Layer;
import dev.tfjlabs.keras.layers.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Keras's {@code model.summary()} table, in the TensorFlow 2.0 layout the notebooks show:
 * 65 characters wide, columns at 29 and 55; a functional model's table is 98 wide with a fourth
 * column, "Connected to", naming each call's inputs as {@code layer[node][tensor]}.
 */
final class Summary {
  private static final int[] COLUMNS = {29, 55, 65};
  private static final int[] FUNCTIONAL = {32, 53, 65, 98};

  private Summary() {}

  static String of(Model model) {
    return model instanceof Sequential ? sequential(model) : functional(model);
  }

  private static String sequential(Model model) {
    String rule = "_".repeat(COLUMNS[2]);
    StringBuilder sb = new StringBuilder();
    sb.append("Model: \"").append(model.name()).append("\"\n");
    sb.append(rule).append('\n');
    sb.append(row("Layer (type)", "Output Shape", "Param #")).append('\n');
    sb.append("=".repeat(COLUMNS[2])).append('\n');
    for (int i = 0; i < model.layers().size(); i++) {
      Layer l = model.layers().get(i);
      sb.append(row(l.name() + " (" + l.kerasType() + ")", shape(l.outputShape()),
          Long.toString(l.countParams()))).append('\n');
      sb.append(i + 1 < model.layers().size() ? rule : "=".repeat(COLUMNS[2])).append('\n');
    }
    totals(model, sb);
    sb.append(rule).append('\n');
    return sb.toString();
  }

  private static String functional(Model model) {
    int width = FUNCTIONAL[3];
    String rule = "_".repeat(width);
    StringBuilder sb = new StringBuilder();
    sb.append("Model: \"").append(model.name()).append("\"\n");
    sb.append(rule).append('\n');
    sb.append(row(FUNCTIONAL, "Layer (type)", "Output Shape", "Param #", "Connected to"))
        .append('\n');
    sb.append("=".repeat(width)).append('\n');
    List<Layer> layers = model.layers();
    for (int i = 0; i < layers.size(); i++) {
      Layer l = layers.get(i);
      List<String> sources = new ArrayList<>();
      for (Node node : l.inboundNodes()) {
        if (model.network().nodes().contains(node)) {
          for (KerasTensor t : node.inputs()) {
            sources.add(t.layer().name() + "[" + t.nodeIndex() + "][" + t.tensorIndex() + "]");
          }
        }
      }
      String shape = l instanceof InputLayer ? "[" + shape(l.outputShape()) + "]"
          : l.outputShapes().size() == 1 ? shape(l.outputShape())
          : l.outputShapes().stream().map(Summary::shape).collect(Collectors.joining(", ", "[", "]"));
      sb.append(row(FUNCTIONAL, l.name() + " (" + l.kerasType() + ")", shape,
          Long.toString(l.countParams()), sources.isEmpty() ? "" : sources.get(0))).append('\n');
      for (String more : sources.subList(Math.min(1, sources.size()), sources.size())) {
        sb.append(row(FUNCTIONAL, "", "", "", more)).append('\n');
      }
      sb.append(i + 1 < layers.size() ? rule : "=".repeat(width)).append('\n');
    }
    totals(model, sb);
    sb.append(rule).append('\n');
    return sb.toString();
  }

  /** Keras's three counts: total, trainable, non-trainable (moving statistics). */
  private static void totals(Model model, StringBuilder sb) {
    long total = model.countParams();
    long trainable = model.countTrainableParams();
    sb.append(String.format(java.util.Locale.US, "Total params: %,d%n", total));
    sb.append(String.format(java.util.Locale.US, "Trainable params: %,d%n", trainable));
    sb.append(String.format(java.util.Locale.US, "Non-trainable params: %,d%n",
        total - trainable));
  }

  private static String row(String... fields) {
    return row(COLUMNS, fields);
  }

  /** Keras's {@code print_row}: each field is cut at its column, its last character a space. */
  private static String row(int[] columns, String... fields) {
    String line = "";
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        line = line.substring(0, line.length() - 1) + " ";
      }
      line += fields[i];
      line = line.substring(0, Math.min(line.length(), columns[i]));
      line += " ".repeat(columns[i] - line.length());
    }
    return line;
  }

  static String shape(int[] sampleShape) {
    return "(None, " + Arrays.stream(sampleShape).mapToObj(d -> d < 0 ? "None" : Integer.toString(d))
        .collect(Collectors.joining(", ")) + ")";
  }
}
