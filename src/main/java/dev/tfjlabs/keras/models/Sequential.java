package dev.tfjlabs.keras.models;

import dev.tfjlabs.keras.backend.Tensors;
import dev.tfjlabs.keras.callbacks.CallbackList;
import dev.tfjlabs.keras.callbacks.History;
import dev.tfjlabs.keras.data.Batches;
import dev.tfjlabs.keras.data.FloatArray;
import dev.tfjlabs.keras.layers.Layer;
import dev.tfjlabs.keras.layers.Weight;
import dev.tfjlabs.keras.losses.Loss;
import dev.tfjlabs.keras.metrics.Accuracy;
import dev.tfjlabs.keras.metrics.Metric;
import dev.tfjlabs.keras.optimizers.Optimizer;
import dev.tfjlabs.keras.saving.SavedModelExport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.types.TFloat32;

/**
 * {@code keras.Sequential}: a stack of layers on inputs of a fixed sample shape, with Keras's
 * {@code summary}, {@code compile}, {@code fit}, {@code evaluate} and {@code predict}, and the
 * batch-level {@code train_on_batch}, {@code test_on_batch} and {@code predict_on_batch} for
 * hand-written loops. Layers are built as they are added. Weights are initialised from the
 * model's {@link #seed(long) seed} (default {@value #DEFAULT_SEED}), so the same seed gives the
 * same starting weights.
 */
public final class Sequential implements AutoCloseable {
  /** Seed of the initial weights when none is given. */
  public static final long DEFAULT_SEED = 42;

  private final String name;
  private final int[] inputShape;
  private long seed = DEFAULT_SEED;
  private final List<Layer> layers = new ArrayList<>();
  private final Map<String, Integer> nameCounts = new HashMap<>();
  private int[] outputShape;
  private ModelGraph graph;
  private Optimizer optimizer;
  private Loss loss;
  private Metric metric;
  private Random batchSeeds;
  private long batchesTrained;
  private boolean stopTraining;

  /** A model named {@code name} taking samples of {@code inputShape} (without the batch). */
  public Sequential(String name, int... inputShape) {
    if (inputShape.length == 0) {
      throw new IllegalArgumentException("Sequential needs the shape of one input sample");
    }
    this.name = name;
    this.inputShape = inputShape.clone();
    this.outputShape = inputShape.clone();
  }

  /**
   * Seeds the initial weights and the dropout masks of {@link #trainOnBatch}; call before the
   * model first runs.
   */
  public Sequential seed(long value) {
    if (graph != null) {
      throw new IllegalStateException("set the seed before the model runs: its weights are"
          + " already initialised");
    }
    seed = value;
    return this;
  }

  /** Adds and builds a layer; unnamed layers get Keras's names ({@code dense}, {@code dense_1}). */
  public Sequential add(Layer layer) {
    if (graph != null) {
      throw new IllegalStateException("cannot add layers after the model has run");
    }
    if (layer.name() == null) {
      String base = layer.defaultName();
      int n = nameCounts.merge(base, 1, Integer::sum) - 1;
      layer.setName(n == 0 ? base : base + "_" + n);
    }
    outputShape = layer.build(outputShape);
    layers.add(layer);
    return this;
  }

  public String name() {
    return name;
  }

  public List<Layer> layers() {
    return Collections.unmodifiableList(layers);
  }

  public int[] inputShape() {
    return inputShape.clone();
  }

  public int[] outputShape() {
    return outputShape.clone();
  }

  public long countParams() {
    return layers.stream().mapToLong(Layer::countParams).sum();
  }

  /** Keras's {@code model.summary()} table. */
  public String summary() {
    return Summary.of(this);
  }

  /** Keras's {@code compile(optimizer, loss, metrics=["accuracy"])}; metrics may be empty. */
  public void compile(Optimizer optimizer, Loss loss, String... metrics) {
    Metric m = null;
    for (String metricName : metrics) {
      if (!metricName.equals("accuracy") && !metricName.equals("acc")) {
        throw new IllegalArgumentException("Unknown metric '" + metricName + "'; only 'accuracy'");
      }
      m = Accuracy.resolve(loss, outputShape[outputShape.length - 1]);
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
    this.loss = loss;
    this.metric = m;
    graph.compile(optimizer, loss, m);
    batchSeeds = new Random(seed);
    batchesTrained = 0;
  }

  private ModelGraph newGraph() {
    requireMemory();
    ModelGraph g = new ModelGraph(layers, inputShape);
    Random rng = new Random(seed);
    List<float[]> initial = new ArrayList<>();
    for (Weight w : g.weights()) {
      initial.add(w.initializer().generate(w.shape(), rng));
    }
    g.setWeights(initial);
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

  /** The loss given to {@code compile}, or null before it. */
  public Loss loss() {
    return loss;
  }

  /** The metrics given to {@code compile}: {@code ["accuracy"]} or none. */
  public List<String> metrics() {
    return metric == null ? List.of() : List.of("accuracy");
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
    requireCompiled("fit");
    checkSamples(x, y);
    FloatArray trainX = x;
    FloatArray trainY = y;
    FloatArray valX = o.validationX;
    FloatArray valY = o.validationY;
    if (o.validationSplit > 0 && valX == null) {
      int splitAt = (int) Math.floor(x.rows() * (1 - o.validationSplit));
      trainX = x.slice(0, splitAt);
      trainY = y.slice(0, splitAt);
      valX = x.slice(splitAt, x.rows());
      valY = y.slice(splitAt, y.rows());
    }
    int n = trainX.rows();
    CallbackList callbacks = new CallbackList(o.callbacks, o.verbose, this, o.epochs,
        Batches.count(n, o.batchSize));
    Random rng = new Random(o.seed);
    stopTraining = false;
    try {
      callbacks.onTrainBegin();
      runEpochs(trainX, trainY, valX, valY, o, callbacks, rng);
    } catch (RuntimeException | Error e) {
      callbacks.onTrainAbort();
      throw e;
    }
    callbacks.onTrainEnd();
    return callbacks.history();
  }

  private void runEpochs(FloatArray trainX, FloatArray trainY, FloatArray valX, FloatArray valY,
      FitOptions o, CallbackList callbacks, Random rng) {
    int n = trainX.rows();
    for (int epoch = 0; epoch < o.initialEpoch; epoch++) {
      // the draws of the epochs before initial_epoch, so later epochs get the same ones
      for (int b = Batches.epoch(n, o.batchSize, o.shuffle, rng).size(); b > 0; b--) {
        rng.nextLong();
      }
    }
    for (int epoch = o.initialEpoch; epoch < o.epochs && !stopTraining; epoch++) {
      callbacks.onEpochBegin(epoch);
      RunningMeans means = new RunningMeans();
      List<Batches.Batch> batches = Batches.epoch(n, o.batchSize, o.shuffle, rng);
      for (int b = 0; b < batches.size() && !stopTraining; b++) {
        Batches.Batch batch = batches.get(b);
        try (TFloat32 xb = Tensors.batch(trainX, batch.order(), batch.from(), batch.to());
            TFloat32 yb = Tensors.batch(trainY, batch.order(), batch.from(), batch.to())) {
          double[] r = trainStep(xb, yb, new long[] {rng.nextLong(), b});
          means.add(r[0] * batch.size(), r[1], batch.size());
        }
        callbacks.onBatchEnd(epoch, b, means.logs());
      }
      if (callbacks.divergence() != null) {
        throw new TrainingDiverged(name, callbacks.divergence(), callbacks.history());
      }
      Map<String, Double> logs = means.logs();
      if (valX != null) {
        evaluate(valX, valY, o.validationBatchSizeOrBatchSize())
            .forEach((k, v) -> logs.put("val_" + k, v));
      }
      callbacks.onEpochEnd(epoch, logs);
    }
  }

  /** Sums of loss and metric over the samples seen so far in an epoch or evaluation. */
  private final class RunningMeans {
    private double lossSum;
    private double metricSum;
    private int seen;

    void add(double batchLossSum, double batchMetricSum, int samples) {
      lossSum += batchLossSum;
      metricSum += batchMetricSum;
      seen += samples;
    }

    /** {@code loss} and the metric (when compiled with one) as means. */
    Map<String, Double> logs() {
      Map<String, Double> logs = new LinkedHashMap<>();
      logs.put("loss", lossSum / seen);
      if (metric != null) {
        logs.put(metric.name(), metricSum / seen);
      }
      return logs;
    }
  }

  /** One optimizer step on a batch: {mean loss, metric sum} before the update. */
  private double[] trainStep(TFloat32 xb, TFloat32 yb, long[] dropoutSeed) {
    return graph.trainStep(xb, yb, dropoutSeed);
  }

  /** {sum of losses, metric sum} of a batch at inference. */
  private double[] testStep(TFloat32 xb, TFloat32 yb) {
    return graph.evaluateBatch(xb, yb);
  }

  /**
   * Keras's {@code train_on_batch}: one optimizer step on {@code x, y}; returns the batch's
   * mean loss (and metric) computed before the update. Dropout masks come from the model's
   * seed and the number of batches trained so far.
   */
  public Map<String, Double> trainOnBatch(FloatArray x, FloatArray y) {
    requireCompiled("trainOnBatch");
    checkSamples(x, y);
    RunningMeans means = new RunningMeans();
    try (TFloat32 xb = Tensors.slice(x, 0, x.rows()); TFloat32 yb = Tensors.slice(y, 0, y.rows())) {
      double[] r = trainStep(xb, yb, new long[] {batchSeeds.nextLong(), batchesTrained++});
      means.add(r[0] * x.rows(), r[1], x.rows());
    }
    return means.logs();
  }

  /** Keras's {@code test_on_batch}: the batch's mean loss (and metric) at inference. */
  public Map<String, Double> testOnBatch(FloatArray x, FloatArray y) {
    requireCompiled("testOnBatch");
    checkSamples(x, y);
    RunningMeans means = new RunningMeans();
    try (TFloat32 xb = Tensors.slice(x, 0, x.rows()); TFloat32 yb = Tensors.slice(y, 0, y.rows())) {
      double[] r = testStep(xb, yb);
      means.add(r[0], r[1], x.rows());
    }
    return means.logs();
  }

  /**
   * Keras's {@code model(x, training=...)}: the outputs for one batch; with {@code training}
   * the layers act as in training (dropout on, its masks from the model's seed and the number
   * of batches run so far). Training mode needs a compiled model.
   */
  public FloatArray call(FloatArray x, boolean training) {
    if (!training) {
      return predictOnBatch(x);
    }
    requireCompiled("call(x, training=true)");
    try (TFloat32 xb = Tensors.slice(x, 0, x.rows())) {
      float[] out = graph.forwardTraining(xb, new long[] {batchSeeds.nextLong(), batchesTrained++});
      int[] shape = new int[outputShape.length + 1];
      shape[0] = x.rows();
      System.arraycopy(outputShape, 0, shape, 1, outputShape.length);
      return new FloatArray(out, shape);
    }
  }

  /** Keras's {@code predict_on_batch}: the model's outputs for one batch. */
  public FloatArray predictOnBatch(FloatArray x) {
    return predict(x, Math.max(1, x.rows()));
  }

  /** Keras's {@code evaluate}: mean loss and metric over all samples, batch by batch. */
  public Map<String, Double> evaluate(FloatArray x, FloatArray y, int batchSize) {
    requireCompiled("evaluate");
    checkSamples(x, y);
    RunningMeans means = new RunningMeans();
    for (int from = 0; from < x.rows(); from += batchSize) {
      int to = Math.min(x.rows(), from + batchSize);
      try (TFloat32 xb = Tensors.slice(x, from, to); TFloat32 yb = Tensors.slice(y, from, to)) {
        double[] r = testStep(xb, yb);
        means.add(r[0], r[1], to - from);
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
    return forward(x, batchSize, -1, outputShape);
  }

  /**
   * The output of layer {@code index} for {@code x}: what
   * {@code keras.Model(m.input, m.layers[index].output).predict(x)} gives.
   */
  public FloatArray layerOutput(int index, FloatArray x, int batchSize) {
    return forward(x, batchSize, index, layers.get(index).outputShape());
  }

  private FloatArray forward(FloatArray x, int batchSize, int index, int[] sampleShape) {
    if (!java.util.Arrays.equals(x.sampleShape(), inputShape)) {
      throw new IllegalArgumentException("model " + name + " takes samples of shape "
          + java.util.Arrays.toString(inputShape) + ", got "
          + java.util.Arrays.toString(x.sampleShape()));
    }
    int size = 1;
    for (int d : sampleShape) {
      size *= d;
    }
    float[] out = new float[x.rows() * size];
    for (int from = 0; from < x.rows(); from += batchSize) {
      int to = Math.min(x.rows(), from + batchSize);
      try (TFloat32 xb = Tensors.slice(x, from, to)) {
        float[] part = graph().forward(xb, index);
        System.arraycopy(part, 0, out, from * size, part.length);
      }
    }
    int[] shape = new int[sampleShape.length + 1];
    shape[0] = x.rows();
    System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
    return new FloatArray(out, shape);
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

  /** Sets all weights in Keras's order ({@code model.set_weights()}). */
  public void setWeights(List<float[]> values) {
    graph().setWeights(values);
  }

  /** The weights of one layer ({@code layer.get_weights()}). */
  public List<float[]> getLayerWeights(int index) {
    int from = weightOffset(index);
    return new ArrayList<>(getWeights().subList(from, from + layers.get(index).weights().size()));
  }

  /** Sets the weights of one layer ({@code layer.set_weights()}). */
  public void setLayerWeights(int index, List<float[]> values) {
    List<float[]> all = getWeights();
    int from = weightOffset(index);
    if (values.size() != layers.get(index).weights().size()) {
      throw new IllegalArgumentException("layer " + layers.get(index).name() + " has "
          + layers.get(index).weights().size() + " weights, got " + values.size());
    }
    for (int i = 0; i < values.size(); i++) {
      all.set(from + i, values.get(i));
    }
    setWeights(all);
  }

  private int weightOffset(int index) {
    int from = 0;
    for (int i = 0; i < index; i++) {
      from += layers.get(i).weights().size();
    }
    return from;
  }

  /**
   * Writes the inference graph and current weights as a SavedModel: tag {@code serve},
   * signature {@code serving_default}, input {@code input}, output {@code output}. The folder is
   * written aside and renamed into place.
   */
  public void save(Path dir) {
    save(dir, Map.of());
  }

  /** As {@link #save(Path)}, with extra text files (a {@code model.json}) inside the folder. */
  public void save(Path dir, Map<String, String> extraFiles) {
    try (ModelGraph export = new ModelGraph(layers, inputShape)) {
      export.setWeights(getWeights());
      SavedModelExport.write(dir, export.session(), export.input(), export.output(), extraFiles);
    }
  }

  private static void checkSamples(FloatArray x, FloatArray y) {
    if (x.rows() != y.rows()) {
      throw new IllegalArgumentException("x has " + x.rows() + " samples but y has " + y.rows());
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
