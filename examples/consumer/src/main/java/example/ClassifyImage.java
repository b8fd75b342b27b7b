package example;

import java.awt.image.BufferedImage;
import java.io.File;
import java.util.Map;
import javax.imageio.ImageIO;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * Classifies a 28x28 grayscale image with a SavedModel written by tfj-labs' fashion-bilstm lab,
 * using TensorFlow Java alone: load with tag "serve", feed pixel / 255 as "input" [1, 28, 28]
 * (rows are time steps), read the class probabilities from "output" [1, 10]. The class names
 * are in model.json beside the SavedModel.
 *
 * <p>Usage: {@code ClassifyImage SAVED_MODEL_DIR IMAGE.png}; prints {@code class N probability P}.
 */
public final class ClassifyImage {
  private ClassifyImage() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: ClassifyImage SAVED_MODEL_DIR IMAGE.png");
      System.exit(2);
    }
    BufferedImage image = ImageIO.read(new File(args[1]));
    if (image == null || image.getWidth() != 28 || image.getHeight() != 28
        || image.getRaster().getNumBands() != 1) {
      System.err.println(args[1] + " is not a 28x28 grayscale PNG");
      System.exit(2);
    }
    float[] pixels = new float[28 * 28];
    for (int row = 0; row < 28; row++) {
      for (int col = 0; col < 28; col++) {
        pixels[row * 28 + col] = image.getRaster().getSample(col, row, 0) / 255f;
      }
    }
    try (SavedModelBundle model = SavedModelBundle.load(args[0], "serve");
        TFloat32 input = TFloat32.tensorOf(Shape.of(1, 28, 28), DataBuffers.of(pixels));
        Result result = model.function("serving_default").call(Map.of("input", input))) {
      TFloat32 probabilities = (TFloat32) result.get("output").orElseThrow();
      int best = 0;
      for (int c = 1; c < probabilities.shape().get(1); c++) {
        if (probabilities.getFloat(0, c) > probabilities.getFloat(0, best)) {
          best = c;
        }
      }
      System.out.printf("class %d probability %.6f%n", best, probabilities.getFloat(0, best));
    }
  }
}
