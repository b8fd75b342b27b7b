package example;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * Runs one sample through any tfj-labs SavedModel, whatever its inputs and outputs, using
 * TensorFlow Java alone: each input is given by its signature name with its values row by row
 * (a model of several inputs, such as a functional Keras model converted by {@code convert},
 * names each input after its input layer), each output is printed by name.
 *
 * <p>Usage: {@code RunSignature SAVED_MODEL_DIR NAME=v1,v2,... [NAME=...]}; prints one line per
 * output, {@code NAME v1,v2,...}, in the signature's order.
 */
public final class RunSignature {
  private RunSignature() {}

  public static void main(String[] args) {
    if (args.length < 2) {
      System.err.println("usage: RunSignature SAVED_MODEL_DIR NAME=v1,v2,... [NAME=...]");
      System.exit(2);
    }
    try (SavedModelBundle model = SavedModelBundle.load(args[0], "serve")) {
      Signature signature = model.function("serving_default").signature();
      Map<String, Tensor> feed = new LinkedHashMap<>();
      try {
        for (int i = 1; i < args.length; i++) {
          String[] nameValues = args[i].split("=", 2);
          Signature.TensorDescription input = signature.getInputs().get(nameValues[0]);
          if (input == null || nameValues.length != 2) {
            System.err.println(args[i] + ": the inputs are " + signature.inputNames());
            System.exit(2);
          }
          long[] dims = input.shape.asArray();
          dims[0] = 1;
          String[] cells = nameValues[1].split(",");
          float[] values = new float[cells.length];
          for (int k = 0; k < cells.length; k++) {
            values[k] = Float.parseFloat(cells[k].strip());
          }
          feed.put(nameValues[0], TFloat32.tensorOf(Shape.of(dims), DataBuffers.of(values)));
        }
        try (Result result = model.function("serving_default").call(feed)) {
          for (String name : signature.outputNames()) {
            TFloat32 out = (TFloat32) result.get(name).orElseThrow();
            float[] v = new float[(int) out.size()];
            out.asRawTensor().data().asFloats().read(v);
            StringBuilder line = new StringBuilder(name).append(' ');
            for (int k = 0; k < v.length; k++) {
              line.append(k == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.6f", v[k]));
            }
            System.out.println(line);
          }
        }
      } finally {
        feed.values().forEach(Tensor::close);
      }
    }
  }
}
