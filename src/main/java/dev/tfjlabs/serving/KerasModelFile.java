package dev.tfjlabs.serving;

import dev.tfjlabs.data.FashionMnist;
import dev.tfjlabs.data.Mnist;
import dev.tfjlabs.keras.data.FloatArray;
import dev.tfjlabs.keras.layers.Activation;
import dev.tfjlabs.keras.layers.Dense;
import dev.tfjlabs.keras.layers.Layer;
import dev.tfjlabs.keras.models.Model;
import dev.tfjlabs.keras.saving.KerasFile;
import dev.tfjlabs.keras.saving.ModelDescription;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;

/**
 * A Keras {@code .keras} or {@code .h5} file loaded as a model, with the {@code model.json} a lab
 * would have written for it (a model of several inputs or outputs: each named, values in and
 * out): the input shape from its config, the
 * output kind from its last layer (softmax: class probabilities; one sigmoid unit: the
 * probability of class 1; otherwise values), the pixel scaling given ({@code --scale}), and for
 * 10 classes on 28 x 28 images the class names of the dataset given ({@code --dataset}).
 */
public final class KerasModelFile implements Predictor {
  private final Model model;
  private final ModelDescription description;

  private KerasModelFile(Model model, ModelDescription description) {
    this.model = model;
    this.description = description;
  }

  /**
   * @param scale raw values (pixels) times this are the model's inputs
   * @param dataset {@code fashion-mnist} or {@code mnist}: the class names and the test set of
   *     {@code --idx-test} for an image classifier
   * @throws BadInputException when the file cannot be loaded, saying why
   */
  public static KerasModelFile open(Path file, double scale, String dataset) {
    return open(file, scale, dataset, true);
  }

  /**
   * As {@link #open(Path, double, String)}; {@code warnNonFinite} false leaves non-finite
   * weights for the caller to judge ({@link KerasFile#nonFinite}).
   */
  public static KerasModelFile open(Path file, double scale, String dataset,
      boolean warnNonFinite) {
    Model m;
    try {
      m = warnNonFinite ? KerasFile.load(file) : KerasFile.loadUnchecked(file, Map.of());
    } catch (IllegalArgumentException | UncheckedIOException e) {
      throw new BadInputException(e.getMessage());
    }
    return new KerasModelFile(m, describe(file, m, scale, dataset));
  }

  /** The description of {@code m}, read from the file {@code file}. */
  public static ModelDescription describe(Path file, Model m, double scale,
      String dataset) {
    if (m.inputs().size() != 1 || m.outputs().size() != 1) {
      return ModelDescription.of("keras", m, "unknown", "regression", "Keras model file "
          + file.getFileName() + "; each input as given, each output as computed", 1.0,
          List.of());
    }
    int[] out = m.outputShape();
    int k = out[out.length - 1];
    Layer last = m.layers().isEmpty() ? null : m.layers().get(m.layers().size() - 1);
    Activation act = last instanceof Dense d ? d.activation() : Activation.LINEAR;
    String kind = act == Activation.SOFTMAX ? "probabilities"
        : act == Activation.SIGMOID && k == 1 ? "probability" : "regression";
    List<String> classes = new ArrayList<>();
    if (kind.equals("probability")) {
      classes = List.of("0", "1");
    } else if (kind.equals("probabilities")) {
      boolean image28 = m.inputShape().length >= 2 && m.inputShape()[0] == 28
          && m.inputShape()[1] == 28;
      if (k == 10 && image28) {
        classes = dataset.equals(Mnist.DATASET) ? digits() : FashionMnist.CLASS_NAMES;
      } else {
        for (int i = 0; i < k; i++) {
          classes.add(Integer.toString(i));
        }
      }
    }
    boolean image = m.inputShape().length == 3 || (m.inputShape().length == 2
        && !kind.equals("regression") && classes.size() == 10);
    return ModelDescription.of("keras", m, image ? dataset : "unknown", kind,
        "Keras model file " + file.getFileName() + (image ? "; pixels times " + scale : ""),
        scale, classes);
  }

  private static List<String> digits() {
    List<String> d = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      d.add(Integer.toString(i));
    }
    return d;
  }

  public Model model() {
    return model;
  }

  @Override
  public ModelDescription description() {
    return description;
  }

  @Override
  public int[] sampleShape() {
    return model.inputShape();
  }

  @Override
  public FloatArray run(FloatArray x, int batchSize) {
    return model.predict(x, batchSize);
  }

  @Override
  public List<FloatArray> runAll(List<FloatArray> x, int batchSize) {
    return model.predict(x, batchSize);
  }

  @Override
  public void close() {
    model.close();
  }
}
