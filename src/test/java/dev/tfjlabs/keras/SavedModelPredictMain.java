package dev.tfjlabs.keras;

import java.nio.file.Path;
import java.util.Map;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * Run in its own JVM by the tests: loads a SavedModel with TensorFlow Java alone (no class of
 * this project) and prints its {@code serving_default} predictions for the inputs given as
 * {@code rows,d1,d2,...} then the values.
 */
public final class SavedModelPredictMain {
  private SavedModelPredictMain() {}

  /** Runs this class in a new JVM with the current class path; returns the printed values. */
  public static java.util.List<String> runInNewJvm(Path model, String shape,
      String values) throws Exception {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
        SavedModelPredictMain.class.getName(), model.toString(), shape, values)
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new AssertionError("the SavedModel consumer failed: " + out);
    }
    return out.lines().filter(l -> !l.isBlank()).toList();
  }

  public static void main(String[] args) throws Exception {
    String[] dims = args[1].split(",");
    long[] shape = new long[dims.length];
    for (int i = 0; i < dims.length; i++) {
      shape[i] = Long.parseLong(dims[i]);
    }
    String[] vals = args[2].split(",");
    float[] x = new float[vals.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = Float.parseFloat(vals[i]);
    }
    try (SavedModelBundle model = SavedModelBundle.load(args[0], "serve");
        TFloat32 input = TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(x));
        var result = model.function("serving_default").call(Map.of("input", input))) {
      Tensor out = result.get("output").orElseThrow();
      TFloat32 y = (TFloat32) out;
      float[] values = new float[(int) y.shape().size()];
      y.copyTo(DataBuffers.of(values));
      StringBuilder sb = new StringBuilder();
      for (float v : values) {
        sb.append(v).append('\n');
      }
      System.out.print(sb);
    }
  }
}
