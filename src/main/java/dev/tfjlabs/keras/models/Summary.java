package dev.tfjlabs.keras.models;

import dev.tfjlabs.keras.layers.Layer;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Keras's {@code model.summary()} table, in the TensorFlow 2.0 layout the notebooks show:
 * 65 characters wide, columns at 29 and 55.
 */
final class Summary {
  private static final int[] COLUMNS = {29, 55, 65};

  private Summary() {}

  static String of(Sequential model) {
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
    long total = model.countParams();
    sb.append(String.format(java.util.Locale.US, "Total params: %,d%n", total));
    sb.append(String.format(java.util.Locale.US, "Trainable params: %,d%n", total));
    sb.append("Non-trainable params: 0\n");
    sb.append(rule).append('\n');
    return sb.toString();
  }

  /** Keras's {@code print_row}: each field is cut at its column, its last character a space. */
  private static String row(String... fields) {
    String line = "";
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        line = line.substring(0, line.length() - 1) + " ";
      }
      line += fields[i];
      line = line.substring(0, Math.min(line.length(), COLUMNS[i]));
      line += " ".repeat(COLUMNS[i] - line.length());
    }
    return line;
  }

  static String shape(int[] sampleShape) {
    return "(None, " + Arrays.stream(sampleShape).mapToObj(d -> d < 0 ? "None" : Integer.toString(d))
        .collect(Collectors.joining(", ")) + ")";
  }
}
