package dev.tfjlabs.serving;

import dev.tfjlabs.data.DataFiles;
import dev.tfjlabs.data.FashionMnist;
import dev.tfjlabs.data.ImageDataset;
import dev.tfjlabs.data.Imdb;
import dev.tfjlabs.data.Mnist;
import dev.tfjlabs.keras.saving.KerasFile;
import dev.tfjlabs.keras.saving.ModelDescription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code predict MODEL INPUT...}: loads a SavedModel a lab wrote (reading its
 * {@code model.json}) or a Keras {@code .keras} / {@code .h5} file (described from its config,
 * {@code --scale} and {@code --dataset}), and prints the prediction for each input: the top three classes of an image
 * model (PNG or JPEG files, or {@code --idx-test N} for the N-th test image of the model's
 * dataset), the value of a sequence model (CSV files, one line per time step), or the positive
 * probability of a text model (text files of reviews; the word index comes from the data
 * directory).
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
    description = "Predict with a SavedModel a lab wrote, or a Keras .keras or .h5 file.")
public final class PredictCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "MODEL",
      description = "A lab's SavedModel folder, or a Keras .keras or .h5 model file.")
  Path modelDir;

  @Parameters(index = "1..*", paramLabel = "INPUT",
      description = "Image files (image models), CSV files (sequence models) or text files"
          + " (text models). For a model of several inputs, one CSV file per input for each"
          + " prediction, in the model's input order (model.json's inputs): the sample's values"
          + " row by row, comma-separated.")
  List<Path> inputs = new ArrayList<>();

  @Option(names = "--idx-test", paramLabel = "N",
      description = "Also predict the N-th test image of the model's dataset.")
  List<Integer> idxTest = new ArrayList<>();

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Dataset cache for --idx-test.")
  Path dataDir;

  @Mixin KerasFileOptions keras;

  @Override
  public Integer call() {
    if (inputs.isEmpty() && idxTest.isEmpty()) {
      throw new BadInputException("give at least one INPUT file or --idx-test N");
    }
    try (Predictor model = KerasFile.isKerasFile(modelDir) ? keras.open(modelDir)
        : LoadedModel.open(modelDir)) {
      ModelDescription d = model.description();
      if (d.inputs() != null) {
        predictSeveral(model, d);
        return 0;
      }
      int[] s = model.sampleShape();
      boolean classifier = !d.classes().isEmpty();
      Map<String, Integer> wordIndex = d.text() == null || inputs.isEmpty() ? null
          : Imdb.readWordIndex(DataFiles.standard(dataDir).get(Imdb.WORD_INDEX));
      for (Path input : inputs) {
        requireFile(input);
        float[] x = d.text() != null ? TextInput.read(input, d.text(), wordIndex)
            : classifier ? ImageInput.read(input, s[0], s[1], d.scale())
            : CsvInput.read(input, s[0], s[1]);
        System.out.println(input + ": " + describe(d, model.predict(x)));
      }
      if (!idxTest.isEmpty()) {
        ImageDataset test = testSet(d);
        for (int n : idxTest) {
          if (n < 0 || n >= test.count()) {
            throw new BadInputException("--idx-test " + n + " is outside the test set (0.."
                + (test.count() - 1) + ")");
          }
          float[] x = new float[test.rows() * test.cols()];
          for (int i = 0; i < x.length; i++) {
            x[i] = (float) (test.pixel(n, i / test.cols(), i % test.cols()) * d.scale());
          }
          System.out.printf("test image %d (label: %s): %s%n", n,
              d.classes().get(test.labels()[n]), describe(d, model.predict(x)));
        }
      }
    }
    return 0;
  }

  /**
   * A model of several inputs: the INPUT files, one per input in turn, make one prediction
   * each; every output is printed by name, its values comma-separated.
   */
  private void predictSeveral(Predictor model, ModelDescription d) {
    List<ModelDescription.TensorSpec> ins = d.allInputs();
    if (!idxTest.isEmpty() || inputs.size() % ins.size() != 0) {
      throw new BadInputException("a model of " + ins.size() + " inputs ("
          + ins.stream().map(ModelDescription.TensorSpec::name).toList() + ") takes one CSV"
          + " file per input for each prediction, " + ins.size() + ", " + 2 * ins.size()
          + ", ... files; got " + inputs.size() + (idxTest.isEmpty() ? "" : " and --idx-test"));
    }
    inputs.forEach(PredictCommand::requireFile);
    for (int from = 0; from < inputs.size(); from += ins.size()) {
      List<dev.tfjlabs.keras.data.FloatArray> sample = new ArrayList<>();
      for (int i = 0; i < ins.size(); i++) {
        int[] shape = ins.get(i).shape().stream().mapToInt(Integer::intValue).toArray();
        shape[0] = 1;
        int count = java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        sample.add(new dev.tfjlabs.keras.data.FloatArray(
            CsvInput.values(inputs.get(from + i), count), shape));
      }
      List<dev.tfjlabs.keras.data.FloatArray> out = model.runAll(sample, 1);
      StringBuilder line = new StringBuilder();
      for (int o = 0; o < out.size(); o++) {
        line.append(o == 0 ? "" : "; ").append(d.allOutputs().get(o).name()).append(' ');
        float[] v = out.get(o).values();
        for (int k = 0; k < v.length; k++) {
          line.append(k == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.6f", v[k]));
        }
      }
      System.out.println(String.join(" ", inputs.subList(from, from + ins.size()).stream()
          .map(Path::toString).toList()) + ": " + line);
    }
  }

  /** An INPUT that is not there is said to be missing, not unreadable. */
  static void requireFile(Path input) {
    if (Files.isDirectory(input)) {
      throw new BadInputException(input + " is a folder; give an input file");
    }
    if (!Files.exists(input)) {
      throw new BadInputException(input + ": no such file");
    }
  }

  private ImageDataset testSet(ModelDescription d) {
    DataFiles files = DataFiles.standard(dataDir);
    return switch (d.dataset()) {
      case FashionMnist.DATASET -> FashionMnist.load(files).test();
      case Mnist.DATASET -> Mnist.load(files).test();
      default -> throw new BadInputException("--idx-test needs an image model; "
          + modelDir + " was trained on " + d.dataset());
    };
  }

  /**
   * "1. Ankle boot 0.9123, 2. Sneaker 0.0512, 3. Sandal 0.0101", or the regression values
   * (comma-separated, row by row, for an output of several). A
   * model whose output is {@code logits} (PyTorch-style) is given its softmax first.
   */
  static String describe(ModelDescription d, float[] output) {
    if (d.classes().isEmpty()) {
      StringBuilder values = new StringBuilder();
      for (int i = 0; i < output.length; i++) {
        values.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.6f", output[i]));
      }
      return values.toString();
    }
    if ("probability".equals(d.output_kind())) {
      // one sigmoid output: the probability of the second class
      return String.format(Locale.ROOT, "%s probability %.4f (%s)", d.classes().get(1), output[0],
          d.classes().get(output[0] >= 0.5 ? 1 : 0));
    }
    float[] y = "logits".equals(d.output_kind()) ? softmax(output) : output;
    List<Integer> top = IntStream.range(0, y.length).boxed()
        .sorted(Comparator.comparingDouble((Integer i) -> -y[i])).limit(3).toList();
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < top.size(); k++) {
      int c = top.get(k);
      sb.append(k == 0 ? "" : ", ").append(k + 1).append(". ").append(d.classes().get(c))
          .append(String.format(Locale.ROOT, " %.4f", y[c]));
    }
    return sb.toString();
  }

  private static float[] softmax(float[] z) {
    double max = Double.NEGATIVE_INFINITY;
    for (float v : z) {
      max = Math.max(max, v);
    }
    double sum = 0;
    double[] e = new double[z.length];
    for (int i = 0; i < z.length; i++) {
      e[i] = Math.exp(z[i] - max);
      sum += e[i];
    }
    float[] p = new float[z.length];
    for (int i = 0; i < z.length; i++) {
      p[i] = (float) (e[i] / sum);
    }
    return p;
  }
}
