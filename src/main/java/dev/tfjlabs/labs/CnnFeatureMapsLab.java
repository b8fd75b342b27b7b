package dev.tfjlabs.labs;

import dev.tfjlabs.data.CourseModels;
import dev.tfjlabs.data.FashionMnist;
import dev.tfjlabs.data.ImageDataset;
import dev.tfjlabs.data.Mnist;
import dev.tfjlabs.data.TrainTest;
import dev.tfjlabs.data.TrainTestSplit;
import dev.tfjlabs.keras.callbacks.EarlyStopping;
import dev.tfjlabs.keras.data.Batches;
import dev.tfjlabs.keras.data.FloatArray;
import dev.tfjlabs.keras.layers.Activation;
import dev.tfjlabs.keras.layers.Conv2D;
import dev.tfjlabs.keras.layers.Dense;
import dev.tfjlabs.keras.layers.Dropout;
import dev.tfjlabs.keras.layers.Flatten;
import dev.tfjlabs.keras.layers.Layer;
import dev.tfjlabs.keras.layers.MaxPooling2D;
import dev.tfjlabs.keras.losses.SparseCategoricalCrossentropy;
import dev.tfjlabs.keras.models.Model;
import dev.tfjlabs.keras.models.Sequential;
import dev.tfjlabs.keras.optimizers.Adam;
import dev.tfjlabs.keras.saving.KerasFile;
import dev.tfjlabs.keras.saving.ModelDescription;
import dev.tfjlabs.platform.Compile;
import dev.tfjlabs.platform.Figures;
import dev.tfjlabs.platform.LabCommand;
import dev.tfjlabs.platform.ModelChoice;
import dev.tfjlabs.platform.ModelResult;
import dev.tfjlabs.platform.ModelSpec;
import dev.tfjlabs.platform.Trainer;
import dev.tfjlabs.serving.BadInputException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Lab 5a and 5b, parts of {@code 004_7237b0d53b66603c.txt}: what a CNN learns. 5a, as the
 * notebook, loads the course's Fashion-MNIST CNN from its {@code best-cnn-model.h5}
 * ({@code Conv2D(32, 3, relu, same) -> MaxPooling2D(2) -> Conv2D(64, 3, relu, same) ->
 * MaxPooling2D(2) -> Flatten -> Dense(100, relu) -> Dropout(0.4) -> Dense(10, softmax)}, trained
 * by the course in Keras; {@code --keras-model FILE} takes another file, {@code --train} trains
 * the CNN here instead), prints its test accuracy and draws its conv1 kernels (and an untrained
 * model's), their histograms and the feature maps of the first training image. 5b trains an MNIST CNN (64 and 128 filters, Dropout(0.3)) and
 * draws its predictions for the first five test images and its feature maps. Both: Adam,
 * sparse categorical cross-entropy, a seeded {@code train_test_split(0.2)}, batch 32, up to 20
 * epochs with {@code ModelCheckpoint(save_best_only)} and {@code EarlyStopping(restore best)},
 * patience 2 (5a) and 3 (5b). The pictures come from the trained model; {@code reports}
 * redraws the history charts and keeps them.
 */
@Command(name = CnnFeatureMapsLab.ID, mixinStandardHelpOptions = true,
    description = "Lab 5a/5b: a Fashion-MNIST CNN's filters and feature maps, and an MNIST CNN.")
public final class CnnFeatureMapsLab extends LabCommand<CnnFeatureMapsLab.Parts> {
  public static final String ID = "cnn-feature-maps";
  static final String NOTEBOOK = "004_7237b0d53b66603c.txt";
  static final String TITLE = "CNN feature maps on Fashion-MNIST and an MNIST CNN (Keras)";
  static final int EPOCHS = 20;
  static final int BATCH_SIZE = 32;
  static final double LEARNING_RATE = 0.001;
  /** The notebook's trained conv1 weights: mean and standard deviation. */
  static final double NOTEBOOK_CONV1_MEAN = -0.0253;
  static final double NOTEBOOK_CONV1_STD = 0.2505;
  /** The course's Fashion CNN's validation accuracy, and the notebook's MNIST CNN figures. */
  static final double COURSE_FASHION_VAL_ACCURACY = 0.92;
  static final double NOTEBOOK_MNIST_VAL_ACCURACY = 0.9917;
  static final double NOTEBOOK_MNIST_TEST_ACCURACY = 0.9923;
  /** The course's notebook's test accuracy of its {@code best-cnn-model.h5}. */
  static final double COURSE_H5_TEST_ACCURACY = 0.9168;

  static final ModelChoice.Model FASHION = new ModelChoice.Model("fashion", "fashion-cnn");
  static final ModelChoice.Model MNIST = new ModelChoice.Model("mnist", "mnist-cnn");
  /** 5a's and 5b's CNNs by their {@code --part} keys and the slugs of their trained files. */
  static final ModelChoice PARTS = new ModelChoice("--part", List.of(FASHION, MNIST), "both");

  @Option(names = "--part", defaultValue = "both",
      description = "fashion (5a), mnist (5b) or both (default).")
  String part;

  @Option(names = "--train",
      description = "5a: train the Fashion CNN here instead of loading the course's"
          + " best-cnn-model.h5, as the notebook does.")
  boolean train;

  @Option(names = "--keras-model", paramLabel = "FILE",
      description = "5a: the Keras .keras or .h5 file of a 28x28x1 CNN to analyse (default: the"
          + " course's best-cnn-model.h5, from the data folder's hg-mldl/ or downloaded).")
  Path kerasModel;

  public CnnFeatureMapsLab() {
    super(ID, TITLE, NOTEBOOK, EPOCHS, new CnnFeatureMapsReport(), PARTS);
  }

  @Override
  protected String dataset() {
    return part.equals("mnist") ? Mnist.DATASET : part.equals("fashion") ? FashionMnist.DATASET
        : FashionMnist.DATASET + ", " + Mnist.DATASET;
  }

  @Override
  protected String chosen() {
    return part;
  }

  @Override
  protected void validate() {
    if (train && kerasModel != null) {
      throw usage("--train and --keras-model exclude each other: train the CNN here, or load"
          + " one");
    }
  }

  Sequential fashionCnn() {
    return new Sequential("Fashion-CNN", 28, 28, 1).seed(options.seed())
        .add(new Conv2D(32, 3, Activation.RELU, "same")).add(new MaxPooling2D(2))
        .add(new Conv2D(64, 3, Activation.RELU, "same")).add(new MaxPooling2D(2))
        .add(new Flatten()).add(new Dense(100, Activation.RELU)).add(new Dropout(0.4))
        .add(new Dense(10, Activation.SOFTMAX));
  }

  Sequential mnistCnn() {
    return new Sequential("MNIST-CNN", 28, 28, 1).seed(options.seed())
        .add(new Conv2D(64, 3, Activation.RELU, "same")).add(new MaxPooling2D(2))
        .add(new Conv2D(128, 3, Activation.RELU, "same")).add(new MaxPooling2D(2))
        .add(new Flatten()).add(new Dense(100, Activation.RELU)).add(new Dropout(0.3))
        .add(new Dense(10, Activation.SOFTMAX));
  }

  /** Images [n, 28, 28, 1] (pixels / 255) and labels, split 80 / 20 with the seed. */
  private record Data(FloatArray trainX, FloatArray trainY, FloatArray valX, FloatArray valY,
      FloatArray testX, FloatArray testY) {}

  private Data split(TrainTest<ImageDataset> d) {
    ImageDataset all = d.train().limit(options.limitOr(d.train().count()));
    TrainTestSplit s = TrainTestSplit.of(all.count(), 0.2, options.seed());
    FloatArray x = channels(all.images());
    FloatArray y = all.labelArray();
    return new Data(x.take(s.train()), y.take(s.train()), x.take(s.test()), y.take(s.test()),
        channels(d.test().images()), d.test().labelArray());
  }

  private static FloatArray channels(FloatArray images) {
    return images.reshape(images.rows(), 28, 28, 1);
  }

  /**
   * The data of both parts, each loaded when its part first asks for it, and the folder of the
   * pictures.
   */
  final class Parts {
    private final Path reports;
    private Data fashion;
    private Data mnist;

    Parts(Path reports) {
      this.reports = reports;
    }

    Data fashion() {
      if (fashion == null) {
        fashion = split(FashionMnist.load(options.dataFiles()));
      }
      return fashion;
    }

    Data mnist() {
      if (mnist == null) {
        mnist = split(Mnist.load(options.dataFiles()));
      }
      return mnist;
    }
  }

  @Override
  protected Parts load(Trainer trainer) {
    return new Parts(trainer.sideOutputs());
  }

  @Override
  protected List<ModelSpec<Parts>> models() {
    // train_test_split(test_size=0.2) leaves 48,000 of the 60,000 training images
    int steps = Batches.count(FashionMnist.TRAIN_COUNT * 4 / 5, BATCH_SIZE);
    List<String> digits = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    ModelSpec<Parts> fashion = cnn(FASHION, "Fashion-CNN", this::fashionCnn, Parts::fashion, 2,
        FashionMnist.CLASS_NAMES).benchmark("cnn-fashion", steps, 0, 10);
    if (train) {
      fashion.analysis(run -> {
        try (Sequential untrained = fashionCnn()) {
          return analyse(run.data().reports, run.model(), untrained, run.data().fashion(),
              evaluated(run, run.data().fashion()), "trained")
              .withNotebook(Figures.VAL_ACCURACY, COURSE_FASHION_VAL_ACCURACY);
        }
      });
    } else {
      fashion.step((trainer, parts) -> courseModel(parts.reports, parts.fashion()));
    }
    ModelSpec<Parts> mnist = cnn(MNIST, "MNIST-CNN", this::mnistCnn, Parts::mnist, 3, digits)
        .analysis(this::mnistAnalysis).benchmark("cnn-mnist", steps, 0, 10);
    return List.of(fashion, mnist);
  }

  /**
   * A CNN fitted as both parts fit theirs: batch 32, up to 20 epochs, validated on the split's
   * 20%, {@code ModelCheckpoint(save_best_only)} and {@code EarlyStopping(patience,
   * restore_best_weights=True)}.
   */
  private ModelSpec<Parts> cnn(ModelChoice.Model key, String name, Supplier<Sequential> build,
      Function<Parts, Data> data, int patience, List<String> classes) {
    Function<Sequential, ModelDescription> description = m -> ModelDescription.of(ID, m,
        key == MNIST ? Mnist.DATASET : FashionMnist.DATASET, "probabilities", "grayscale 28x28"
            + " image, pixel values divided by 255, one channel", 1 / 255.0, classes);
    return ModelSpec.<Parts>of(key, name).build(build).compile(this::compile)
        .batchSize(BATCH_SIZE).epochs(EPOCHS)
        .data(p -> data.apply(p).trainX(), p -> data.apply(p).trainY())
        .fit((fit, parts) -> fit.validationData(data.apply(parts).valX(),
            data.apply(parts).valY()))
        .earlyStopping(() -> new EarlyStopping().patience(patience).restoreBestWeights(true))
        .bestCheckpoint()
        .monitor("val_accuracy").description(description)
        .analysis(run -> evaluated(run, data.apply(run.data())));
  }

  /** 5b: the first five test images with their predicted digits, then feature maps. */
  private ModelResult mnistAnalysis(ModelSpec.Run<Parts> run) {
    Data d = run.data().mnist();
    Path reports = run.data().reports;
    Sequential m = run.model();
    ModelResult r = evaluated(run, d);
    FloatArray five = d.testX().slice(0, 5);
    int[] predicted = m.predict(five, 5).argmax();
    System.out.println("predicted digits of the first 5 test images: "
        + java.util.Arrays.toString(predicted) + " (notebook: [7, 2, 1, 0, 4])");
    CnnFeatureMapsReport.drawPredictions(reports, five, predicted);
    FloatArray firstFive = d.trainX().slice(0, 5);
    FloatArray conv1 = featureMaps(m, 0, firstFive, 5);
    for (int i = 0; i < 5; i++) {
      CnnFeatureMapsReport.drawMaps(reports, "mnist-conv1-maps-" + i + ".png",
          conv1.slice(i, i + 1), 8, 8, "training image " + i + ": conv1 feature maps"
              + " (28x28x64)");
    }
    CnnFeatureMapsReport.drawMaps(reports, "mnist-conv2-maps.png",
        featureMaps(m, 1, firstFive.slice(0, 1), 1), 8, 16,
        "training image 0: all 128 conv2 feature maps (14x14x128)");
    return r.withNotebook(Figures.VAL_ACCURACY, NOTEBOOK_MNIST_VAL_ACCURACY)
        .withNotebook(Figures.TEST_ACCURACY, NOTEBOOK_MNIST_TEST_ACCURACY);
  }

  /**
   * 5a as the notebook runs it: {@code keras.models.load_model('best-cnn-model.h5')} (or the
   * {@code --keras-model} file), its Fashion-MNIST test accuracy, then the analysis.
   */
  private ModelResult courseModel(Path reports, Data d) {
    Path file = kerasModel != null ? kerasModel : options.dataFiles().get(CourseModels.BEST_CNN_H5);
    System.out.println("Loading the Keras model " + file);
    Model m;
    try {
      m = KerasFile.load(file);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage());
    }
    try (m; Sequential untrained = fashionCnn()) {
      if (m.inputs().size() != 1 || m.outputs().size() != 1
          || !java.util.Arrays.equals(m.inputShape(), new int[] {28, 28, 1})
          || convolutions(m).size() < 2) {
        throw new BadInputException(file + " is not a CNN of this lab's shape: 5a needs one"
            + " 28x28x1 input, one output and two Conv2D layers");
      }
      System.out.print(m.summary());
      int[] predicted = m.predict(d.testX(), 1000).argmax();
      int correct = 0;
      for (int i = 0; i < predicted.length; i++) {
        correct += predicted[i] == (int) d.testY().values()[i] ? 1 : 0;
      }
      double test = correct / (double) predicted.length;
      System.out.printf("%s: test accuracy %.4f on %,d Fashion-MNIST test images (the course's"
          + " notebook: %.4f for its best-cnn-model.h5)%n", file.getFileName(), test,
          predicted.length, COURSE_H5_TEST_ACCURACY);
      ModelResult r = ModelResult.loaded("Course CNN (" + file.getFileName() + ")", "course-cnn",
          m.countParams(), options.seed(), options.limit()).withFigure(Figures.TEST_ACCURACY, test);
      if (kerasModel == null) {
        r = r.withNotebook(Figures.TEST_ACCURACY, COURSE_H5_TEST_ACCURACY);
      }
      return analyse(reports, m, untrained, d, r, "course's file");
    }
  }

  /** The model's Conv2D layers, in Keras's order. */
  private static List<Layer> convolutions(Model m) {
    return m.layers().stream().filter(Conv2D.class::isInstance).toList();
  }

  /**
   * The feature maps of the model's {@code which}-th Conv2D for {@code x}, as the notebook
   * computes them: {@code keras.Model(model.inputs, conv.output).predict(x)}, a sub-model on the
   * trained weights.
   */
  private static FloatArray featureMaps(Model m, int which, FloatArray x, int batchSize) {
    Layer conv = convolutions(m).get(which);
    try (Model features = new Model(m.inputs(), List.of(conv.output()), conv.name() + "-maps")) {
      return features.predict(x, batchSize);
    }
  }

  /**
   * 5a's analysis of a Fashion CNN: the conv1 kernels and their statistics, then the first
   * training image's feature maps.
   */
  private ModelResult analyse(Path reports, Model m, Sequential untrained, Data d,
      ModelResult r, String trainedLabel) {
    float[] trained = m.getLayerWeights(m.layers().indexOf(convolutions(m).get(0))).get(0);
    float[] before = untrained.getLayerWeights(0).get(0);
    double[] stats = meanStd(trained);
    System.out.printf("conv1 weights (%s): mean %.5f, std %.5f (notebook: %.4f, %.4f)%n",
        trainedLabel, stats[0], stats[1], NOTEBOOK_CONV1_MEAN, NOTEBOOK_CONV1_STD);
    CnnFeatureMapsReport.drawKernels(reports, "fashion-conv1-kernels.png", trained,
        "conv1 kernels, " + trainedLabel);
    CnnFeatureMapsReport.drawKernels(reports, "fashion-conv1-kernels-untrained.png", before,
        "conv1 kernels, before training");
    CnnFeatureMapsReport.writeWeights(reports, trained, before);
    FloatArray first = d.trainX().slice(0, 1);
    CnnFeatureMapsReport.drawImage(reports, "fashion-first-image.png", first.values(),
        "the first training image");
    CnnFeatureMapsReport.drawMaps(reports, "fashion-conv1-maps.png",
        featureMaps(m, 0, first, 1), 4, 8, "conv1 feature maps (28x28x32)");
    CnnFeatureMapsReport.drawMaps(reports, "fashion-conv2-maps.png",
        featureMaps(m, 1, first, 1), 8, 8, "conv2 feature maps (14x14x64)");
    return r.withFigure(Figures.CONV1_MEAN, stats[0]).withFigure(Figures.CONV1_STD, stats[1])
        .withNotebook(Figures.CONV1_MEAN, NOTEBOOK_CONV1_MEAN)
        .withNotebook(Figures.CONV1_STD, NOTEBOOK_CONV1_STD);
  }

  /** model.compile(optimizer='adam', loss='sparse_categorical_crossentropy', ...). */
  private Compile compile() {
    return options.compile(Compile.of(new Adam(options.learningRateOr(LEARNING_RATE)),
        new SparseCategoricalCrossentropy(), "accuracy"));
  }

  /** The trained model evaluated on the validation and test sets; its training speed. */
  private ModelResult evaluated(ModelSpec.Run<Parts> run, Data d) {
    Sequential m = run.model();
    ModelResult r = run.result();
    int batchSize = options.batchSizeOr(BATCH_SIZE);
    Map<String, Double> val = m.evaluate(d.valX(), d.valY(), batchSize);
    Map<String, Double> test = m.evaluate(d.testX(), d.testY(), batchSize);
    double flops = 3 * forwardFlops(m) * d.trainX().rows();
    int restored = run.earlyStopping().bestEpoch() + 1;
    System.out.printf("%s: validation loss %.4f accuracy %.4f; test loss %.4f accuracy %.4f;"
            + " restored epoch %d; %.1f s per epoch, about %.1f GFLOP/s in training%n", m.name(),
        val.get("loss"), val.get("accuracy"), test.get("loss"), test.get("accuracy"),
        restored, r.secondsPerEpoch(), flops / r.secondsPerEpoch() / 1e9);
    return r.withFigure(Figures.VAL_LOSS, val.get("loss")).withFigure(Figures.VAL_ACCURACY, val.get("accuracy"))
        .withFigure(Figures.TEST_LOSS, test.get("loss")).withFigure(Figures.TEST_ACCURACY, test.get("accuracy"))
        .withFigure(Figures.RESTORED_EPOCH, restored)
        .withFigure(Figures.TRAIN_GFLOP_PER_S, flops / r.secondsPerEpoch() / 1e9);
  }

  /**
   * Multiply-adds times two of one sample's forward pass through the convolutions and dense
   * layers; a training step costs about three times this (forward, and two products backward).
   */
  static double forwardFlops(Sequential m) {
    double flops = 0;
    for (Layer l : m.layers()) {
      int[] in = l.inputShape();
      int[] out = l.outputShape();
      if (l instanceof Conv2D c) {
        flops += 2.0 * out[0] * out[1] * out[2] * in[2] * c.kernelSize()[0] * c.kernelSize()[1];
      } else if (l instanceof Dense) {
        flops += 2.0 * in[in.length - 1] * out[out.length - 1];
      }
    }
    return flops;
  }

  private static double[] meanStd(float[] v) {
    double mean = 0;
    for (float x : v) {
      mean += x;
    }
    mean /= v.length;
    double var = 0;
    for (float x : v) {
      var += (x - mean) * (x - mean);
    }
    return new double[] {mean, Math.sqrt(var / v.length)};
  }
}
