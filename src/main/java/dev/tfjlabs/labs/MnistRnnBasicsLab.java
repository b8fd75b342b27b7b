package dev.tfjlabs.labs;

import dev.tfjlabs.data.ImageDataset;
import dev.tfjlabs.data.Mnist;
import dev.tfjlabs.data.Sequences;
import dev.tfjlabs.data.Tf1DataSet;
import dev.tfjlabs.keras.backend.Backend;
import dev.tfjlabs.keras.backend.Tensors;
import dev.tfjlabs.keras.data.FloatArray;
import dev.tfjlabs.keras.saving.ModelDescription;
import dev.tfjlabs.keras.saving.SavedModelExport;
import dev.tfjlabs.platform.EpochLoop;
import dev.tfjlabs.platform.Figures;
import dev.tfjlabs.platform.LabCommand;
import dev.tfjlabs.platform.ModelChoice;
import dev.tfjlabs.platform.ModelResult;
import dev.tfjlabs.platform.ModelSpec;
import dev.tfjlabs.platform.Trainer;
import dev.tfjlabs.tf1.Variables;
import dev.tfjlabs.tf1.rnncell.BasicLSTMCell;
import dev.tfjlabs.tf1.rnncell.BasicRNNCell;
import dev.tfjlabs.tf1.rnncell.GRUCell;
import dev.tfjlabs.tf1.rnncell.RNNCell;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Lab 2, {@code 001_9be0585edb7d840a.txt}: RNN basics on MNIST, written against TensorFlow 1's
 * low-level API (placeholders, variables, a cell from {@code tf.nn.rnn_cell}, a session loop
 * over {@code next_batch}), and ported in that style with TensorFlow Java's own {@code Ops},
 * {@code Graph} and {@code Session} rather than the Keras-style library. The graph is
 * {@link Tf1RnnClassifier}; the cells are in {@code dev.tfjlabs.tf1.rnncell}; the optimizer is
 * TF1's Adam. Defaults are the notebook's: BasicRNNCell of 256 units, learning rate 0.01, 10
 * epochs, batch 256, {@code total_batch = int(55000 / batch)} steps per epoch. The notebook's
 * exercises sweep the learning rate, the epochs, the batch size, the units and the cell.
 */
@Command(name = MnistRnnBasicsLab.ID, mixinStandardHelpOptions = true,
    description = "Lab 2: RNN basics on MNIST with TensorFlow 1's low-level API (BasicRNNCell,"
        + " BasicLSTMCell, GRUCell).")
public final class MnistRnnBasicsLab extends LabCommand<Mnist.Tf1Split> {
  public static final String ID = "mnist-rnn-basics";
  static final String NOTEBOOK = "001_9be0585edb7d840a.txt";
  static final String TITLE = "RNN basics on MNIST (TensorFlow 1, low level)";
  static final double LEARNING_RATE = 0.01;
  static final int TOTAL_EPOCH = 10;
  static final int BATCH_SIZE = 256;
  static final int N_INPUT = 28;
  static final int N_STEP = 28;
  static final int N_HIDDEN = 256;
  static final int N_CLASS = 10;
  /** The notebook's test accuracy (BasicRNNCell, learning rate 0.01): training collapsed. */
  static final double NOTEBOOK_TEST_ACCURACY = 0.0959;
  /** The notebook's wall time per epoch on its CPU: 3 min 21 s for 10 epochs. */
  static final double NOTEBOOK_SECONDS_PER_EPOCH = 20.1;
  /** Below this test accuracy a run has collapsed to about chance (0.1). */
  static final double COLLAPSED_BELOW = 0.2;
  /** Examples per session run when evaluating, to bound memory. */
  static final int EVAL_BATCH = 1000;

  @Option(names = "--cell", defaultValue = "rnn",
      description = "rnn (BasicRNNCell, default), lstm (BasicLSTMCell) or gru (GRUCell).")
  String cell;

  @Option(names = "--units", paramLabel = "N", defaultValue = "" + N_HIDDEN,
      description = "n_hidden, the cell's units (default: ${DEFAULT-VALUE}).")
  int units;

  public MnistRnnBasicsLab() {
    super(ID, TITLE, NOTEBOOK, TOTAL_EPOCH, new MnistRnnBasicsReport(), CELLS);
  }

  @Override
  protected String dataset() {
    return Mnist.DATASET;
  }

  /** The three cells by their {@code --cell} keys and the prefixes of their files; one a run. */
  static final ModelChoice CELLS = new ModelChoice("--cell", List.of(
      new ModelChoice.Model("rnn", "basic-rnn-cell"),
      new ModelChoice.Model("lstm", "basic-lstm-cell"),
      new ModelChoice.Model("gru", "gru-cell")), null);

  @Override
  protected String chosen() {
    return cell;
  }

  @Override
  protected void validate() {
    if (units <= 0) {
      throw usage("--units must be a positive number, got " + units);
    }
    // the cell's kernel [N_INPUT + units, 4 units] (the LSTM's, the largest) must fit an array
    if ((long) (N_INPUT + units) * 4 * units > Integer.MAX_VALUE - 8) {
      throw usage("--units " + units + " gives a cell kernel of " + (N_INPUT + (long) units)
          + " x " + (4L * units) + " values, more than one array can hold; use fewer units");
    }
  }

  private RNNCell newCell(String kind) {
    return switch (kind) {
      case "lstm" -> new BasicLSTMCell(units);
      case "gru" -> new GRUCell(units);
      default -> new BasicRNNCell(units);
    };
  }

  private static String cellName(String kind) {
    return switch (kind) {
      case "lstm" -> "BasicLSTMCell";
      case "gru" -> "GRUCell";
      default -> "BasicRNNCell";
    };
  }

  @Override
  protected Mnist.Tf1Split load(Trainer trainer) {
    // mnist = input_data.read_data_sets(..., one_hot=True): 55,000 / 5,000 / 10,000
    return Mnist.loadTf1Split(options.dataFiles());
  }

  @Override
  protected List<ModelSpec<Mnist.Tf1Split>> models() {
    int steps = (Mnist.TRAIN_COUNT - Mnist.TF1_VALIDATION_SIZE) / BATCH_SIZE;
    return CELLS.models().stream().map(c -> ModelSpec.<Mnist.Tf1Split>of(c,
            cellName(c.key()) + "(" + units + ")").batchSize(BATCH_SIZE)
        .step((trainer, mnist) -> train(trainer, c, mnist))
        .benchmark("tf1-" + c.key(), steps, () -> new Tf1Steps(newCell(c.key()), LEARNING_RATE,
            options.seed(), BATCH_SIZE))).toList();
  }

  /** The notebook's session loop for {@code cell}, its test accuracy, its SavedModel. */
  private ModelResult train(Trainer trainer, ModelChoice.Model cell, Mnist.Tf1Split mnist) {
    double learningRate = options.learningRateOr(LEARNING_RATE);
    int totalEpoch = options.epochsOr(TOTAL_EPOCH);
    int asked = options.batchSizeOr(BATCH_SIZE);
    ImageDataset train = mnist.train().limit(options.limitOr(mnist.train().count()));
    // a batch larger than the data is the whole data, as Keras's fit takes it
    int batchSize = Math.min(asked, train.count());
    if (batchSize < asked) {
      System.out.println("--batch-size " + asked + " is larger than the " + train.count()
          + " training examples: one batch of " + batchSize + " a step");
    }
    FloatArray trainX = train.images();
    FloatArray trainY = Sequences.toCategorical(train.labels(), N_CLASS);
    FloatArray validX = mnist.validation().images();
    FloatArray validY = Sequences.toCategorical(mnist.validation().labels(), N_CLASS);
    FloatArray testX = mnist.test().images();
    FloatArray testY = Sequences.toCategorical(mnist.test().labels(), N_CLASS);
    Tf1DataSet batches = new Tf1DataSet(train.count(), options.seed());
    int totalBatch = train.count() / batchSize;

    String name = cellName(cell.key()) + " (lr " + plain(learningRate) + ")";
    String slug = slug(cell, learningRate, batchSize);
    EpochLoop loop = trainer.epochLoop(slug, name, null, plain(learningRate));
    Map<String, float[]> trained;
    double testAccuracy;
    long params;
    try (Tf1Training t = new Tf1Training(newCell(cell.key()), learningRate, options.seed())) {
      params = t.vars.countParams();
      System.out.printf("%s: %d units, %,d parameters; %d steps of %d per epoch%n", name, units,
          params, totalBatch, batchSize);

      loop.begin();
      for (int epoch = 0; epoch < totalEpoch; epoch++) {
        loop.beginEpoch();
        double totalCost = 0;
        for (int i = 0; i < totalBatch; i++) {
          int[] batch = batches.nextBatch(batchSize);
          try (TFloat32 xs = Tensors.batch(trainX, batch, 0, batch.length);
              TFloat32 ys = Tensors.batch(trainY, batch, 0, batch.length)) {
            totalCost += loop.checked(epoch, i, "cost", t.step(xs, ys));
          }
        }
        double[] valid = evaluate(t.session, t.model, validX, validY);
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put("loss", totalCost / totalBatch);
        logs.put("val_loss", valid[0]);
        logs.put("val_accuracy", valid[1]);
        double seconds = loop.endEpoch(epoch, logs);
        System.out.printf("Epoch: %04d Avg. cost = %.3f   validation: cost %.3f, accuracy %.4f"
            + "   %.1f s%n", epoch + 1, totalCost / totalBatch, valid[0], valid[1], seconds);
      }
      loop.end();
      System.out.println("Optimization finished!");
      testAccuracy = evaluate(t.session, t.model, testX, testY)[1];
      System.out.printf("Accuracy: %.4f (test, %,d images)%n", testAccuracy, testX.rows());
      trained = t.vars.values(t.session);
    }
    if (testAccuracy < COLLAPSED_BELOW) {
      // the notebook's collapse is a figure of its settings only; a short run is just short
      if (learningRate == LEARNING_RATE && totalEpoch == TOTAL_EPOCH && !options.quick()) {
        System.out.printf("Training collapsed: the test accuracy %.4f is about chance (0.1), as"
            + " in the notebook at learning rate 0.01 (%.4f).%n", testAccuracy,
            NOTEBOOK_TEST_ACCURACY);
      } else {
        System.out.printf("The test accuracy %.4f is about chance (0.1) after %d epoch(s) at"
            + " learning rate %s.%n", testAccuracy, totalEpoch, learningRate);
      }
    }

    Path dir = trainer.modelDir(slug);
    if (dir != null) {
      export(dir, cell.key(), name, trained);
    }
    ModelResult r = trainer.finish(name, slug, params, batchSize, loop.history(), "val_accuracy", dir)
        .withFigure(Figures.TEST_ACCURACY, testAccuracy).withFigure(Figures.LEARNING_RATE, learningRate)
        .withFigure(Figures.UNITS, units);
    if (cell.key().equals("rnn") && units == N_HIDDEN && batchSize == BATCH_SIZE) {
      r = r.withNotebook(Figures.SECONDS_PER_EPOCH, NOTEBOOK_SECONDS_PER_EPOCH);
      if (learningRate == LEARNING_RATE && totalEpoch == TOTAL_EPOCH) {
        r = r.withNotebook(Figures.TEST_ACCURACY, NOTEBOOK_TEST_ACCURACY);
      }
    }
    return r;
  }

  /** {cost, accuracy} over all of {@code x}, as the notebook's {@code sess.run(accuracy)}. */
  private static double[] evaluate(Session sess, Tf1RnnClassifier graph, FloatArray x,
      FloatArray y) {
    double cost = 0;
    double accuracy = 0;
    for (int from = 0; from < x.rows(); from += EVAL_BATCH) {
      int to = Math.min(x.rows(), from + EVAL_BATCH);
      try (TFloat32 xs = Tensors.slice(x, from, to); TFloat32 ys = Tensors.slice(y, from, to);
          Result r = sess.runner().feed(graph.x, xs).feed(graph.y, ys).fetch(graph.cost)
              .fetch(graph.accuracy).run()) {
        cost += ((TFloat32) r.get(0)).getFloat() * (to - from);
        accuracy += ((TFloat32) r.get(1)).getFloat() * (to - from);
      }
    }
    return new double[] {cost / x.rows(), accuracy / x.rows()};
  }

  /** The trained graph again, inference only, from the trained values, as a SavedModel. */
  private void export(Path dir, String cell, String name, Map<String, float[]> trained) {
    try (Graph g = new Graph(); Session sess = Backend.newSession(g)) {
      Variables vars = Variables.restoring(Ops.create(g), trained);
      Tf1RnnClassifier graph = new Tf1RnnClassifier(vars, newCell(cell), N_STEP, N_INPUT,
          N_CLASS);
      vars.initialize(sess);
      ModelDescription d = ModelDescription.of(ID, name, new int[] {N_STEP, N_INPUT},
          new int[] {N_CLASS}, Mnist.DATASET, "probabilities", "grayscale 28x28 image, pixel"
              + " values divided by 255, the 28 rows as 28 time steps of 28 features", 1 / 255.0,
          List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"));
      SavedModelExport.write(dir, sess, graph.x, graph.probabilities,
          Map.of("model.json", d.toJson()));
    }
  }

  /** {@code basic-rnn-cell-lr0.01}, with the units and batch size when not the notebook's. */
  private String slug(ModelChoice.Model cell, double learningRate, int batchSize) {
    String s = cell.slug() + "-lr" + plain(learningRate);
    if (units != N_HIDDEN) {
      s += "-units" + units;
    }
    if (batchSize != BATCH_SIZE) {
      s += "-batch" + batchSize;
    }
    return s;
  }

  private static String plain(double v) {
    return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
  }
}
