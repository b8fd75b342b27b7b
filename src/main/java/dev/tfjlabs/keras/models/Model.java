package dev.tfjlabs.keras.models;

import dev.tfjlabs.keras.backend.Tensors;
import dev.tfjlabs.keras.callbacks.CallbackList;
import dev.tfjlabs.keras.callbacks.History;
import dev.tfjlabs.keras.data.Batches;
import dev.tfjlabs.keras.data.FloatArray;
import dev.tfjlabs.keras.layers.KerasTensor;
import dev.tfjlabs.keras.layers.Layer;
import dev.tfjlabs.keras.layers.Weight;
import dev.tfjlabs.keras.losses.Loss;
import dev.tfjlabs.keras.metrics.Metric;
import dev.tfjlabs.keras.metrics.Metrics;
import dev.tfjlabs.keras.metrics.WeightedMean;
import dev.tfjlabs.keras.optimizers.Optimizer;
import dev.tfjlabs.keras.saving.SavedModelExport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.types.TFloat32;

/**
 * {@code keras.Model}: a functional model, a graph of layers from one or several
 * {@link dev.tfjlabs.keras.layers.Input}s to one or several outputs, with Keras's
 * {@code summary}, {@code compile}, {@code fit}, {@code evaluate} and {@code predict}, and the
 * batch-level {@code train_on_batch}, {@code test_on_batch} and {@code predict_on_batch} for
 * hand-written loops. {@link Sequential} is a model built as a chain.
 *
 * <pre>{@code
 * KerasTensor in = Input.of("pixels", 784);
 * KerasTensor h = new Dense("hidden", 64, Activation.RELU).apply(in);
 * KerasTensor out = new Dense("digit", 10, Activation.SOFTMAX).apply(new Add(null).apply(h, h));
 * Model m = new Model(in, out, "mlp");
 * }</pre>
 *
 * <p>Weights are initialised from the model's {@link #seed(long) seed} (default
 * {@value #DEFAULT_SEED}), so the same seed gives the same starting weights. Models that share
 * layers (a model and a sub-model built on its tensors) share their weights' values: each model
 * starts from, and before each run catches up with, the values another model last wrote.
 */
public class Model implements AutoCloseable {
  /** Seed of the initial weights when none is given. */
  public static final long DEFAULT_SEED = 42;

  private final String name;
  private long seed = DEFAULT_SEED;
  private Network network;
  /** Names given to the outputs (Keras's dict outputs); null: the output layers' names. */
  private List<String> outputNames;
  private ModelGraph graph;
  private Optimizer optimizer;
  /** One loss, weight and metric (null: none) per output, once compiled. */
  private List<Loss> losses;
  private List<Double> lossWeights;
  private List<List<Metric>> metrics;
  private Random batchSeeds;
  /** The epoch a callback asked the running fit to resume from (0: none). */
  private int resumeEpoch;
  private long batchesTrained;
  private boolean stopTraining;

  /** Keras's {@code keras.Model(inputs, outputs, name)} of one input and one output. */
  public Model(KerasTensor input, KerasTensor output, String name) {
    this(List.of(input), List.of(output), name);
  }

  /**
   * Keras's {@code keras.Model(inputs, outputs, name)}: the layers that lead from
   * {@code inputs} to {@code outputs}. Unnamed layers were named when first applied.
   *
   * @throws IllegalArgumentException in one line naming the tensor or layer, when an output
   *     cannot be computed from the inputs, an input is unused, or two layers share a name
   */
  public Model(List<KerasTensor> inputs, List<KerasTensor> outputs, String name) {
    this.name = name == null ? "functional" : name;
    this.network = new Network(inputs, outputs);
  }

  /**
   * Keras's {@code keras.Model(inputs={...}, outputs={...})}: inputs by their names (each key
   * must be its input layer's name, as Keras expects) and outputs under names of their own,
   * which {@link #outputNames()}, History, compile's maps and the SavedModel use.
   */
  public Model(Map<String, KerasTensor> inputs, Map<String, KerasTensor> outputs, String name) {
    this(List.copyOf(inputs.values()), List.copyOf(outputs.values()), name);
    inputs.forEach((key, t) -> {
      if (!key.equals(t.layer().name())) {
        throw new IllegalArgumentException("the input named " + key + " is the tensor of input"
            + " layer " + t.layer().name() + "; name each input by its layer's name");
      }
    });
    this.outputNames = List.copyOf(outputs.keySet());
  }

  /** A model whose graph its subclass defines ({@link Sequential}). */
  Model(String name) {
    this.name = name;
  }

  /** Sets the graph; a {@link Sequential} does so as layers are added, before it runs. */
  final void define(Network value) {
    if (graph != null) {
      throw new IllegalStateException("cannot add layers after the model has run");
    }
    network = value;
  }

  /**
   * Seeds the initial weights and the dropout masks of {@link #trainOnBatch}; call before the
   * model first runs.
   */
  public Model seed(long value) {
    if (graph != null) {
      throw new IllegalStateException("set the seed before the model runs: its weights are"
          + " already initialised");
    }
    seed = value;
    return this;
  }

  public String name() {
    return name;
  }

  /**
   * Keras's {@code model.layers}: every layer, input layers included, deepest first (a
   * {@link Sequential} leaves out its input layer, as Keras's does).
   */
  public List<Layer> layers() {
    return network.layers();
  }

  /** Keras's {@code model.get_layer(name)}. */
  public Layer getLayer(String layerName) {
    for (Layer l : network.layers()) {
      if (l.name().equals(layerName)) {
        return l;
      }
    }
    throw new IllegalArgumentException("No such layer: " + layerName + ". Existing layers are: "
        + network.layers().stream().map(Layer::name).toList());
  }

  /** Keras's {@code model.inputs}. */
  public List<KerasTensor> inputs() {
    return network.inputs();
  }

  /** Keras's {@code model.outputs}. */
  public List<KerasTensor> outputs() {
    return network.outputs();
  }

  /** The sample shape of the model's only input. */
  public int[] inputShape() {
    return only(network.inputs(), "input").shape();
  }

  /** The sample shape of the model's only output. */
  public int[] outputShape() {
    return only(network.outputs(), "output").shape();
  }

  private KerasTensor only(List<KerasTensor> tensors, String what) {
    if (tensors.size() != 1) {
      throw new IllegalStateException("model " + name + " has " + tensors.size() + " " + what
          + "s; give one array per " + what);
    }
    return tensors.get(0);
  }

  /**
   * The calls of layers that make up this model, each after those it reads (input layers' own
   * nodes left out); a shared layer's other calls, in other models, are not among them.
   */
  public List<dev.tfjlabs.keras.layers.Node> nodes() {
    return network.nodes();
  }

  /** The layers of this graph in Keras's order (for weights, nodes and summaries). */
  final Network network() {
    return network;
  }

  public long countParams() {
    return layers().stream().mapToLong(Layer::countParams).sum();
  }

  /** The parameters the optimizer trains; the others are layers' state (moving statistics). */
  public long countTrainableParams() {
    return layers().stream().mapToLong(Layer::countTrainableParams).sum();
  }

  /**
   * For a callback's {@code onTrainBegin} ({@code BackupAndRestore}): the starting {@code fit}
   * goes on from {@code epoch} (0-based), as if given {@code initialEpoch(epoch)}; Keras's
   * {@code model._initial_epoch}.
   */
  public void resumeFrom(int epoch) {
    resumeEpoch = epoch;
  }

  /**
   * Keras's {@code reset_states()}: empties the states that stateful recurrent layers
   * ({@code stateful=True}) keep from one batch to the next, so that the next batch starts from
   * zeros (and may have another size).
   */
  public void resetStates() {
    graph.resetStates();
  }

  /** Keras's {@code model.summary()} table. */
  public String summary() {
    return Summary.of(this);
  }

  /**
   * Keras's {@code compile(optimizer, loss, metrics=["accuracy"])}; metrics may be empty. On a
   * model of several outputs the loss (and the metrics) apply to each output, weighted 1.
   */
  public void compile(Optimizer optimizer, Loss loss, String... metrics) {
    int outputs = network.outputs().size();
    compile(optimizer, java.util.Collections.nCopies(outputs, loss),
        java.util.Collections.nCopies(outputs, 1.0),
        java.util.Collections.nCopies(outputs, List.of(metrics)));
  }

  /**
   * Keras's {@code compile(optimizer, loss=[...], loss_weights=[...], metrics=[[...], ...])}:
   * one loss, weight and list of metrics per output, in the order of {@link #outputs()}. The
   * training loss is {@code sum_i lossWeights[i] * loss_i}; History names each output's loss and
   * metrics after its layer ({@code digit_loss}, {@code digit_accuracy}).
   */
  public void compile(Optimizer optimizer, List<Loss> losses, List<Double> lossWeights,
      List<List<String>> metrics) {
    int outputs = network.outputs().size();
    if (losses.size() != outputs || lossWeights.size() != outputs || metrics.size() != outputs) {
      throw new IllegalArgumentException("model " + name + " has " + outputs + " outputs "
          + outputNames() + "; give one loss, loss weight and metric list per output (got "
          + losses.size() + ", " + lossWeights.size() + " and " + metrics.size() + ")");
    }
    List<List<Metric>> resolved = new ArrayList<>();
    for (int i = 0; i < outputs; i++) {
      int[] out = network.outputs().get(i).shape();
      Loss loss = losses.get(i);
      resolved.add(metrics.get(i).stream().map(n -> Metrics.get(n, loss, out[out.length - 1]))
          .toList());
    }
    compileResolved(optimizer, losses, lossWeights, resolved);
  }

  /**
   * Keras's {@code compile(optimizer, loss, metrics=[AUC(num_thresholds=50), ...])}: metric
   * objects on a model of one output.
   */
  public void compile(Optimizer optimizer, Loss loss, List<Metric> metrics) {
    only(network.outputs(), "output");
    compileResolved(optimizer, List.of(loss), List.of(1.0), List.of(metrics));
  }

  /**
   * Keras's {@code compile(optimizer, loss, metrics=[...], weighted_metrics=[...])} on a model of
   * one output: the weighted metrics' values are weighted by {@code fit}'s and
   * {@code evaluate}'s sample weights ({@link WeightedMean}; mean metrics only), logged after
   * the others, as {@code weighted_<name>} where an unweighted metric has the name.
   */
  public void compile(Optimizer optimizer, Loss loss, List<String> metrics,
      List<String> weightedMetrics) {
    only(network.outputs(), "output");
    int[] out = network.outputs().get(0).shape();
    List<Metric> all = new ArrayList<>(metrics.stream()
        .map(n -> Metrics.get(n, loss, out[out.length - 1])).toList());
    all.addAll(WeightedMean.after(all, weightedMetrics.stream()
        .map(n -> Metrics.get(n, loss, out[out.length - 1])).toList()));
    compileResolved(optimizer, List.of(loss), List.of(1.0), List.of(all));
  }

  /**
   * {@link #compile(Optimizer, List, List, List)} with metric objects per output (Keras's
   * {@code metrics=[[AUC(num_thresholds=50)], ...]}).
   */
  public void compileMetrics(Optimizer optimizer, List<Loss> losses, List<Double> lossWeights,
      List<List<Metric>> metrics) {
    int outputs = network.outputs().size();
    if (losses.size() != outputs || lossWeights.size() != outputs || metrics.size() != outputs) {
      throw new IllegalArgumentException("model " + name + " has " + outputs + " outputs "
          + outputNames() + "; give one loss, loss weight and metric list per output (got "
          + losses.size() + ", " + lossWeights.size() + " and " + metrics.size() + ")");
    }
    compileResolved(optimizer, losses, lossWeights, metrics);
  }

  private void compileResolved(Optimizer optimizer, List<Loss> losses, List<Double> lossWeights,
      List<List<Metric>> metrics) {
    List<List<Metric>> resolved = new ArrayList<>();
    for (List<Metric> given : metrics) {
      List<Metric> mine = new ArrayList<>();
      for (Metric m : given) {
        if (mine.stream().noneMatch(x -> x.name().equals(m.name()))) {
          mine.add(m);
        }
      }
      resolved.add(List.copyOf(mine));
    }
    List<float[]> carried = graph != null ? graph.getWeights() : null;
    if (graph != null) {
      graph.close();
    }
    graph = newGraph();
    if (carried != null) {
      graph.setWeights(carried);
    }
    this.optimizer = optimizer;
    this.losses = List.copyOf(losses);
    this.lossWeights = List.copyOf(lossWeights);
    this.metrics = java.util.Collections.unmodifiableList(resolved);
    graph.compile(optimizer, this.losses, this.lossWeights, this.metrics);
    batchSeeds = new Random(seed);
    batchesTrained = 0;
  }

  /**
   * {@link #compile(Optimizer, List, List, List)} with Keras's dicts by output name: a loss for
   * every output, weights (absent: 1) and metrics (absent: none) for any.
   */
  public void compile(Optimizer optimizer, Map<String, Loss> losses,
      Map<String, Double> lossWeights, Map<String, List<String>> metrics) {
    List<String> names = outputNames();
    checkNames("losses", losses.keySet(), names, true);
    checkNames("loss weights", lossWeights.keySet(), names, false);
    checkNames("metrics", metrics.keySet(), names, false);
    compile(optimizer, names.stream().map(losses::get).toList(),
        names.stream().map(n -> lossWeights.getOrDefault(n, 1.0)).toList(),
        names.stream().map(n -> metrics.getOrDefault(n, List.of())).toList());
  }

  /** The names of the model's inputs (its input layers'), Keras's {@code model.input_names}. */
  public List<String> inputNames() {
    return network.inputs().stream().map(t -> t.layer().name()).toList();
  }

  private void checkNames(String what, java.util.Set<String> given, List<String> names,
      boolean all) {
    for (String g : given) {
      if (!names.contains(g)) {
        throw new IllegalArgumentException(what + " name " + g + ", which is not among the"
            + " names of model " + name + ": " + names);
      }
    }
    for (String n : names) {
      if (all && !given.contains(n)) {
        throw new IllegalArgumentException(what + " give nothing for " + n + "; model " + name
            + " needs one for each of " + names);
      }
    }
  }

  /** The arrays of {@code byName} in the order of {@code names}, each required. */
  private List<FloatArray> ordered(Map<String, FloatArray> byName, List<String> names,
      String what) {
    checkNames(what, byName.keySet(), names, true);
    return names.stream().map(byName::get).toList();
  }

  /** {@code fit} with Keras's dicts: arrays by input name and targets by output name. */
  public History fit(Map<String, FloatArray> x, Map<String, FloatArray> y, FitOptions o) {
    return fit(ordered(x, inputNames(), "inputs"), ordered(y, outputNames(), "targets"), o);
  }

  /** {@code evaluate} with Keras's dicts: arrays by input name and targets by output name. */
  public Map<String, Double> evaluate(Map<String, FloatArray> x, Map<String, FloatArray> y,
      int batchSize) {
    return evaluate(ordered(x, inputNames(), "inputs"), ordered(y, outputNames(), "targets"),
        batchSize);
  }

  /** {@code predict} with Keras's dict of arrays by input name; one array per output. */
  public List<FloatArray> predict(Map<String, FloatArray> x, int batchSize) {
    return predict(ordered(x, inputNames(), "inputs"), batchSize);
  }

  /** Keras's {@code model.output_names}: the layers that compute the outputs. */
  public List<String> outputNames() {
    return outputNames != null ? outputNames
        : network.outputs().stream().map(t -> t.layer().name()).toList();
  }

  private ModelGraph newGraph() {
    requireMemory();
    ModelGraph g = new ModelGraph(network);
    Random rng = new Random(seed);
    List<float[]> initial = new ArrayList<>();
    for (Weight w : g.weights()) {
      initial.add(w.initializer().generate(w.shape(), rng));
    }
    g.initialize(initial);
    return g;
  }

  /**
   * Fails at once, in one line, for a model whose weights with an optimizer's two slots and
   * their gradients (four float copies) would not fit in this machine's memory, instead of
   * failing deep inside TensorFlow or the JVM minutes later.
   */
  private void requireMemory() {
    long bytes = countParams() * 4L * 4L;
    long physical = physicalMemory();
    if (physical > 0 && bytes > physical) {
      throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "%s has %,d"
          + " parameters: %.1f GB with the optimizer's state and gradients, more than this"
          + " machine's %.1f GB; use fewer units or layers", name, countParams(), bytes / 1e9,
          physical / 1e9));
    }
  }

  private static long physicalMemory() {
    if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getTotalMemorySize();
    }
    return -1;
  }

  private ModelGraph graph() {
    if (graph == null) {
      graph = newGraph();
    }
    return graph;
  }

  public Optimizer optimizer() {
    return optimizer;
  }

  /** Keras's {@code optimizer.iterations}: the training steps taken since {@code compile}. */
  public long optimizerIterations() {
    requireCompiled("optimizerIterations");
    return graph.iterations();
  }

  /**
   * The optimizer's slot variables (moments, velocities) in Keras 3's order of
   * {@code optimizer.variables} after {@code iterations} and {@code learning_rate}.
   */
  public List<float[]> getOptimizerSlots() {
    requireCompiled("getOptimizerSlots");
    return graph.slotValues();
  }

  /** The shapes of {@link #getOptimizerSlots}. */
  public List<int[]> optimizerSlotShapes() {
    requireCompiled("optimizerSlotShapes");
    return graph.slotShapes();
  }

  /** Restores the optimizer's step count and slots, as {@link #getOptimizerSlots} lists them. */
  public void setOptimizerState(long iterations, List<float[]> slots) {
    requireCompiled("setOptimizerState");
    graph.setOptimizerState(iterations, slots);
  }

  /** The loss given to {@code compile} (of the only output), or null before it. */
  public Loss loss() {
    return losses == null ? null : losses.get(0);
  }

  /** The losses given to {@code compile}, one per output; null before it. */
  public List<Loss> losses() {
    return losses;
  }

  /** The loss weights given to {@code compile}, one per output; null before it. */
  public List<Double> lossWeights() {
    return lossWeights;
  }

  /** The metrics given to {@code compile} (of the first output), by name; none before it. */
  public List<String> metrics() {
    return metrics == null ? List.of() : metrics.get(0).stream().map(Metric::name).toList();
  }

  /** Each output's metrics as given to {@code compile}; null before it. */
  public List<List<Metric>> metricObjects() {
    return metrics;
  }

  /** Each output's metrics as given to {@code compile}, by name; null before it. */
  public List<List<String>> outputMetrics() {
    return metrics == null ? null : metrics.stream()
        .map(l -> l.stream().map(Metric::name).toList()).toList();
  }

  /** Keras's {@code model.stop_training}: callbacks set it to end {@code fit} after this step. */
  public void stopTraining(boolean value) {
    stopTraining = value;
  }

  /** Whether a callback asked {@code fit} to stop. */
  public boolean isStopTraining() {
    return stopTraining;
  }

  /**
   * Keras's {@code fit}: trains and returns the per-epoch history.
   *
   * @throws TrainingDiverged when the loss became NaN or infinite; the callbacks' {@code
   *     onTrainEnd} is then not called, so no callback publishes a diverged run ({@code
   *     onTrainAbort} is, there and on any other exception)
   */
  public History fit(FloatArray x, FloatArray y, FitOptions o) {
    return fit(List.of(x), List.of(y), o);
  }

  /**
   * Keras's {@code fit} of a model of several inputs or outputs: one array per input and one
   * target array per output, in the order of {@link #inputs()} and {@link #outputs()}.
   */
  public History fit(List<FloatArray> x, List<FloatArray> y, FitOptions o) {
    requireCompiled("fit");
    checkSamples(x, y);
    FloatArray weights = SampleWeights.of(o.sampleWeight, o.classWeight, y,
        x.get(0).rows());
    List<FloatArray> trainX = x;
    List<FloatArray> trainY = y;
    List<FloatArray> valX = o.validationX;
    List<FloatArray> valY = o.validationY;
    FloatArray valWeights = o.validationSampleWeight;
    if (valX != null) {
      checkSamples(valX, valY);
    }
    int rows = x.get(0).rows();
    if (o.validationSplit > 0 && valX == null) {
      int splitAt = (int) Math.floor(rows * (1 - o.validationSplit));
      trainX = slices(x, 0, splitAt);
      trainY = slices(y, 0, splitAt);
      weights = weights == null ? null : weights.slice(0, splitAt);
      valX = slices(x, splitAt, rows);
      valY = slices(y, splitAt, rows);
      // as Keras's train_validation_split: the sample weights split with the samples (class
      // weights apply to training only)
      valWeights = o.sampleWeight == null ? null : o.sampleWeight.slice(splitAt, rows);
    }
    int n = trainX.get(0).rows();
    CallbackList callbacks = new CallbackList(o.callbacks, o.verbose, this, o.epochs,
        Batches.count(n, o.batchSize));
    Random rng = new Random(o.seed);
    stopTraining = false;
    resumeEpoch = 0;
    try {
      callbacks.onTrainBegin();
      runEpochs(trainX, trainY, weights, valX, valY, valWeights, o, callbacks, rng);
      if (o.epochs > 0) {
        // Keras's finalize_variable_values: with EMA the weights take their averages
        graph.finalizeVariables();
      }
    } catch (RuntimeException | Error e) {
      callbacks.onTrainAbort();
      throw e;
    }
    callbacks.onTrainEnd();
    return callbacks.history();
  }

  private static List<FloatArray> slices(List<FloatArray> arrays, int from, int to) {
    return arrays.stream().map(a -> a.slice(from, to)).toList();
  }

  private void runEpochs(List<FloatArray> trainX, List<FloatArray> trainY, FloatArray weights,
      List<FloatArray> valX, List<FloatArray> valY, FloatArray valWeights, FitOptions o,
      CallbackList callbacks, Random rng) {
    int n = trainX.get(0).rows();
    int start = Math.max(o.initialEpoch, resumeEpoch);
    for (int epoch = 0; epoch < start; epoch++) {
      // the draws of the epochs before initial_epoch, so later epochs get the same ones
      for (int b = Batches.epoch(n, o.batchSize, o.shuffle, rng).size(); b > 0; b--) {
        rng.nextLong();
      }
    }
    for (int epoch = start; epoch < o.epochs && !stopTraining; epoch++) {
      callbacks.onEpochBegin(epoch);
      RunningMeans means = new RunningMeans();
      List<Batches.Batch> batches = Batches.epoch(n, o.batchSize, o.shuffle, rng);
      for (int b = 0; b < batches.size() && !stopTraining; b++) {
        Batches.Batch batch = batches.get(b);
        List<TFloat32> xb = new ArrayList<>();
        List<TFloat32> yb = new ArrayList<>();
        TFloat32 wb = null;
        try {
          trainX.forEach(a -> xb.add(Tensors.batch(a, batch.order(), batch.from(), batch.to())));
          trainY.forEach(a -> yb.add(Tensors.batch(a, batch.order(), batch.from(), batch.to())));
          if (weights != null) {
            wb = Tensors.batch(weights, batch.order(), batch.from(), batch.to());
          }
          means.addMeans(graph.trainStep(xb, yb, wb, new long[] {rng.nextLong(), b}),
              batch.size());
        } finally {
          xb.forEach(TFloat32::close);
          yb.forEach(TFloat32::close);
          if (wb != null) {
            wb.close();
          }
        }
        callbacks.onBatchEnd(epoch, b, means.logs());
      }
      if (callbacks.divergence() != null) {
        throw new TrainingDiverged(name, callbacks.divergence(), callbacks.history());
      }
      Map<String, Double> logs = means.logs();
      if (valX != null) {
        evaluate(valX, valY, o.validationBatchSizeOrBatchSize(), valWeights)
            .forEach((k, v) -> logs.put("val_" + k, v));
      }
      callbacks.onEpochEnd(epoch, logs);
    }
  }

  /**
   * Sums of the losses and metrics over the samples seen so far in an epoch or evaluation: the
   * total loss, each output's loss, each output's metrics in turn (see
   * {@link ModelGraph#trainStep}).
   */
  private final class RunningMeans {
    private double[] sums;
    private int seen;

    /** Adds a training step's result: mean losses and metric sums of {@code samples}. */
    void addMeans(double[] step, int samples) {
      double[] s = step.clone();
      int outputs = losses.size();
      for (int i = 0; i <= outputs; i++) {
        s[i] *= samples;
      }
      addSums(s, samples);
    }

    /** Adds a test step's result: loss sums and metric sums of {@code samples}. */
    void addSums(double[] step, int samples) {
      if (sums == null) {
        sums = new double[step.length];
      }
      for (int i = 0; i < step.length; i++) {
        sums[i] += step[i];
      }
      seen += samples;
    }

    /**
     * Means under Keras's names: {@code loss} and, for one output, its metrics
     * ({@code accuracy}, {@code mae}); for several, also {@code <output>_loss} and
     * {@code <output>_accuracy}.
     */
    Map<String, Double> logs() {
      Map<String, Double> logs = new LinkedHashMap<>();
      int outputs = losses.size();
      logs.put("loss", sums[0] / seen);
      List<String> names = outputNames();
      if (outputs > 1) {
        for (int i = 0; i < outputs; i++) {
          logs.put(names.get(i) + "_loss", sums[1 + i] / seen);
        }
      }
      int k = 1 + outputs;
      for (int i = 0; i < outputs; i++) {
        for (Metric m : metrics.get(i)) {
          double[] totals = java.util.Arrays.copyOfRange(sums, k, k + m.accumulators());
          k += m.accumulators();
          logs.putAll(m.results(outputs > 1 ? names.get(i) + "_" + m.name() : m.name(),
              totals, seen));
        }
      }
      return logs;
    }
  }

  /**
   * Keras's {@code train_on_batch}: one optimizer step on {@code x, y}; returns the batch's
   * mean loss (and metric) computed before the update. Dropout masks come from the model's
   * seed and the number of batches trained so far.
   */
  public Map<String, Double> trainOnBatch(FloatArray x, FloatArray y) {
    return trainOnBatch(List.of(x), List.of(y));
  }

  /** {@link #trainOnBatch(FloatArray, FloatArray)} with one array per input and per output. */
  public Map<String, Double> trainOnBatch(List<FloatArray> x, List<FloatArray> y) {
    requireCompiled("trainOnBatch");
    checkSamples(x, y);
    RunningMeans means = new RunningMeans();
    int rows = x.get(0).rows();
    List<TFloat32> xb = new ArrayList<>();
    List<TFloat32> yb = new ArrayList<>();
    try {
      x.forEach(a -> xb.add(Tensors.slice(a, 0, rows)));
      y.forEach(a -> yb.add(Tensors.slice(a, 0, rows)));
      means.addMeans(graph.trainStep(xb, yb, null,
          new long[] {batchSeeds.nextLong(), batchesTrained++}), rows);
    } finally {
      xb.forEach(TFloat32::close);
      yb.forEach(TFloat32::close);
    }
    return means.logs();
  }

  /** Keras's {@code test_on_batch}: the batch's mean loss (and metric) at inference. */
  public Map<String, Double> testOnBatch(FloatArray x, FloatArray y) {
    return testOnBatch(List.of(x), List.of(y));
  }

  /** {@link #testOnBatch(FloatArray, FloatArray)} with one array per input and per output. */
  public Map<String, Double> testOnBatch(List<FloatArray> x, List<FloatArray> y) {
    requireCompiled("testOnBatch");
    return evaluate(x, y, Math.max(1, x.get(0).rows()));
  }

  /**
   * Keras's {@code model(x, training=...)}: the outputs for one batch; with {@code training}
   * the layers act as in training (dropout on, its masks from the model's seed and the number
   * of batches run so far). Training mode needs a compiled model of one output.
   */
  public FloatArray call(FloatArray x, boolean training) {
    if (!training) {
      return predictOnBatch(x);
    }
    requireCompiled("call(x, training=true)");
    only(network.outputs(), "output");
    try (TFloat32 xb = Tensors.slice(x, 0, x.rows())) {
      float[] out = graph.forwardTraining(List.of(xb),
          new long[] {batchSeeds.nextLong(), batchesTrained++});
      return new FloatArray(out, batchOf(x.rows(), outputShape()));
    }
  }

  /** Keras's {@code predict_on_batch}: the model's outputs for one batch. */
  public FloatArray predictOnBatch(FloatArray x) {
    return predict(x, Math.max(1, x.rows()));
  }

  /** Keras's {@code evaluate}: mean loss and metric over all samples, batch by batch. */
  public Map<String, Double> evaluate(FloatArray x, FloatArray y, int batchSize) {
    return evaluate(List.of(x), List.of(y), batchSize);
  }

  /**
   * Keras's {@code evaluate} of a model of several inputs or outputs: the total loss, each
   * output's loss and metric, means over all samples.
   */
  public Map<String, Double> evaluate(List<FloatArray> x, List<FloatArray> y, int batchSize) {
    return evaluate(x, y, batchSize, null);
  }

  /**
   * Keras's {@code evaluate(x, y, sample_weight=w)}: each batch's loss weighted as in training
   * ({@code sum(w l) / n} by default), the batches' losses averaged by their sizes; the metrics
   * are not weighted (Keras's {@code metrics}, unlike its {@code weighted_metrics}).
   *
   * @param sampleWeight one weight per sample, or null for none
   */
  public Map<String, Double> evaluate(List<FloatArray> x, List<FloatArray> y, int batchSize,
      FloatArray sampleWeight) {
    requireCompiled("evaluate");
    checkSamples(x, y);
    int rows = x.get(0).rows();
    if (sampleWeight != null && sampleWeight.rows() != rows) {
      throw new IllegalArgumentException("sample_weight has " + sampleWeight.rows()
          + " values for " + rows + " samples; give one weight per sample");
    }
    RunningMeans means = new RunningMeans();
    for (int from = 0; from < rows; from += batchSize) {
      int to = Math.min(rows, from + batchSize);
      List<TFloat32> xb = new ArrayList<>();
      List<TFloat32> yb = new ArrayList<>();
      TFloat32 wb = null;
      try {
        int f = from;
        x.forEach(a -> xb.add(Tensors.slice(a, f, to)));
        y.forEach(a -> yb.add(Tensors.slice(a, f, to)));
        if (sampleWeight != null) {
          wb = Tensors.slice(sampleWeight, f, to);
        }
        means.addSums(graph.evaluateBatch(xb, yb, wb), to - from);
      } finally {
        xb.forEach(TFloat32::close);
        yb.forEach(TFloat32::close);
        if (wb != null) {
          wb.close();
        }
      }
    }
    return means.logs();
  }

  private void requireCompiled(String method) {
    if (graph == null || !graph.isCompiled()) {
      throw new IllegalStateException("You must call compile() before using the model ("
          + method + " on " + name + ")");
    }
  }

  /** Keras's {@code predict}: the model's outputs, computed {@code batchSize} samples at a time. */
  public FloatArray predict(FloatArray x, int batchSize) {
    only(network.outputs(), "output");
    return predict(List.of(x), batchSize).get(0);
  }

  /**
   * Keras's {@code predict} of a model of several inputs or outputs: one array per input, in
   * the order of {@link #inputs()}; one array per output, in the order of {@link #outputs()}.
   */
  public List<FloatArray> predict(List<FloatArray> x, int batchSize) {
    return forward(x, batchSize, network.outputs());
  }

  /**
   * The output of {@code layers().get(index)} for {@code x}: what
   * {@code keras.Model(m.inputs, m.layers[index].output).predict(x)} gives.
   */
  public FloatArray layerOutput(int index, FloatArray x, int batchSize) {
    return forward(List.of(x), batchSize, List.of(layers().get(index).output())).get(0);
  }

  private List<FloatArray> forward(List<FloatArray> x, int batchSize, List<KerasTensor> fetch) {
    List<KerasTensor> inputs = network.inputs();
    if (x.size() != inputs.size()) {
      throw new IllegalArgumentException("model " + name + " takes " + inputs.size()
          + " input arrays (" + inputs.stream().map(t -> t.layer().name()).toList() + "), got "
          + x.size());
    }
    int rows = x.get(0).rows();
    for (int i = 0; i < x.size(); i++) {
      if (!Arrays.equals(x.get(i).sampleShape(), inputs.get(i).shape())) {
        throw new IllegalArgumentException("model " + name + (inputs.size() == 1 ? ""
            : " input " + inputs.get(i).layer().name()) + " takes samples of shape "
            + Arrays.toString(inputs.get(i).shape()) + ", got "
            + Arrays.toString(x.get(i).sampleShape()));
      }
      if (x.get(i).rows() != rows) {
        throw new IllegalArgumentException("the input arrays of model " + name + " hold "
            + rows + " and " + x.get(i).rows() + " samples; give each the same number");
      }
    }
    List<float[]> out = new ArrayList<>();
    for (KerasTensor t : fetch) {
      out.add(new float[rows * sampleSize(t.shape())]);
    }
    for (int from = 0; from < rows; from += batchSize) {
      int to = Math.min(rows, from + batchSize);
      List<TFloat32> batch = new ArrayList<>();
      try {
        for (FloatArray a : x) {
          batch.add(Tensors.slice(a, from, to));
        }
        List<float[]> parts = graph().forward(batch, fetch);
        for (int i = 0; i < parts.size(); i++) {
          System.arraycopy(parts.get(i), 0, out.get(i), from * sampleSize(fetch.get(i).shape()),
              parts.get(i).length);
        }
      } finally {
        batch.forEach(TFloat32::close);
      }
    }
    List<FloatArray> arrays = new ArrayList<>();
    for (int i = 0; i < fetch.size(); i++) {
      arrays.add(new FloatArray(out.get(i), batchOf(rows, fetch.get(i).shape())));
    }
    return arrays;
  }

  private static int sampleSize(int[] sampleShape) {
    int size = 1;
    for (int d : sampleShape) {
      size *= d;
    }
    return size;
  }

  private static int[] batchOf(int rows, int[] sampleShape) {
    int[] shape = new int[sampleShape.length + 1];
    shape[0] = rows;
    System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
    return shape;
  }

  /**
   * The model's TensorFlow graph as a {@code GraphDef}: after {@code compile}, the training
   * graph (forward pass, loss, gradients and optimizer), as TensorBoard shows it.
   */
  public GraphDef graphDef() {
    return graph().graphDef();
  }

  /** All weights in Keras's order ({@code model.get_weights()}). */
  public List<float[]> getWeights() {
    return graph().getWeights();
  }

  /**
   * The weights holding NaN or infinite values, by path ({@code dense/kernel}), with how many;
   * empty when every value is finite.
   */
  public Map<String, Integer> nonFiniteWeights() {
    Map<String, Integer> bad = new LinkedHashMap<>();
    List<float[]> values = getWeights();
    List<dev.tfjlabs.keras.layers.Weight> weights = graph().weights();
    for (int i = 0; i < values.size(); i++) {
      int n = 0;
      for (float v : values.get(i)) {
        n += Float.isFinite(v) ? 0 : 1;
      }
      if (n > 0) {
        bad.put(weights.get(i).path(), n);
      }
    }
    return bad;
  }

  /** Sets all weights in Keras's order ({@code model.set_weights()}). */
  public void setWeights(List<float[]> values) {
    graph().setWeights(values);
  }

  /** The weights of one layer ({@code layer.get_weights()}). */
  public List<float[]> getLayerWeights(int index) {
    int from = weightOffset(index);
    return new ArrayList<>(getWeights().subList(from, from + layers().get(index).weights().size()));
  }

  /** Sets the weights of one layer ({@code layer.set_weights()}). */
  public void setLayerWeights(int index, List<float[]> values) {
    List<float[]> all = getWeights();
    int from = weightOffset(index);
    Layer layer = layers().get(index);
    if (values.size() != layer.weights().size()) {
      throw new IllegalArgumentException("layer " + layer.name() + " has "
          + layer.weights().size() + " weights, got " + values.size());
    }
    for (int i = 0; i < values.size(); i++) {
      all.set(from + i, values.get(i));
    }
    setWeights(all);
  }

  private int weightOffset(int index) {
    int from = 0;
    for (int i = 0; i < index; i++) {
      from += layers().get(i).weights().size();
    }
    return from;
  }

  /**
   * Writes the inference graph and current weights as a SavedModel: tag {@code serve},
   * signature {@code serving_default}, input {@code input}, output {@code output}; a model of
   * several inputs or outputs names each input after its input layer and each output after its
   * layer ({@link #outputNames()}). The folder is written aside and renamed into place.
   */
  public void save(Path dir) {
    save(dir, Map.of());
  }

  /** As {@link #save(Path)}, with extra text files (a {@code model.json}) inside the folder. */
  public void save(Path dir, Map<String, String> extraFiles) {
    try (ModelGraph export = new ModelGraph(network)) {
      export.initialize(getWeights());
      if (network.inputs().size() == 1 && network.outputs().size() == 1) {
        SavedModelExport.write(dir, export.session(), export.inputs().get(0),
            export.outputs().get(0), extraFiles);
        return;
      }
      Map<String, org.tensorflow.Operand<TFloat32>> ins = new LinkedHashMap<>();
      for (int i = 0; i < network.inputs().size(); i++) {
        ins.put(network.inputs().get(i).layer().name(), export.inputs().get(i));
      }
      Map<String, org.tensorflow.Operand<TFloat32>> outs = new LinkedHashMap<>();
      List<String> names = outputNames();
      for (int i = 0; i < names.size(); i++) {
        String key = outs.containsKey(names.get(i)) ? names.get(i) + "_" + i : names.get(i);
        outs.put(key, export.outputs().get(i));
      }
      SavedModelExport.write(dir, export.session(), ins, outs, extraFiles);
    }
  }

  /** One array per input and per output, each of as many samples. */
  private void checkSamples(List<FloatArray> x, List<FloatArray> y) {
    if (x.size() != network.inputs().size()) {
      throw new IllegalArgumentException("model " + name + " takes " + network.inputs().size()
          + " input arrays (" + network.inputs().stream().map(t -> t.layer().name()).toList()
          + "), got " + x.size());
    }
    if (y.size() != network.outputs().size()) {
      throw new IllegalArgumentException("model " + name + " has " + network.outputs().size()
          + " outputs " + outputNames() + ", got " + y.size() + " target arrays");
    }
    int rows = x.get(0).rows();
    for (FloatArray a : x.subList(1, x.size())) {
      if (a.rows() != rows) {
        throw new IllegalArgumentException("the input arrays hold " + rows + " and " + a.rows()
            + " samples; give each the same number");
      }
    }
    for (FloatArray a : y) {
      if (a.rows() != rows) {
        throw new IllegalArgumentException("x has " + rows + " samples but y has " + a.rows());
      }
    }
  }

  @Override
  public void close() {
    if (graph != null) {
      graph.close();
      graph = null;
    }
  }
}
