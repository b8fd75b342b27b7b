package dev.tfjlabs.keras.models;

import dev.tfjlabs.keras.backend.Backend;
import dev.tfjlabs.keras.backend.Tensors;
import dev.tfjlabs.keras.layers.CallContext;
import dev.tfjlabs.keras.layers.Layer;
import dev.tfjlabs.keras.layers.TokenIds;
import dev.tfjlabs.keras.layers.Weight;
import dev.tfjlabs.keras.losses.Loss;
import dev.tfjlabs.keras.metrics.Metric;
import dev.tfjlabs.keras.optimizers.Optimizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.exceptions.TFInvalidArgumentException;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * One model's TensorFlow graph and session: a variable per weight (read through
 * {@code Identity}, since ref-typed variables misbehave as direct inputs), the inference forward
 * pass, and, once compiled, the training forward pass, loss, metric, gradients and optimizer
 * update, so that a training step is a single session run.
 *
 * <p>The updates wait for every gradient: an update changes its variable in place, and must not
 * run while a backward op still reads it.
 */
final class ModelGraph implements AutoCloseable {
  private final Graph graph = new Graph();
  private final Ops tf = Ops.create(graph);
  private final Session session;
  private final List<Layer> layers;
  private final List<Weight> weights = new ArrayList<>();
  private final Map<Weight, Variable<TFloat32>> variables = new LinkedHashMap<>();
  private final Map<Weight, Operand<TFloat32>> reads = new LinkedHashMap<>();
  private final List<Placeholder<TFloat32>> assignValues = new ArrayList<>();
  private final List<Op> assigns = new ArrayList<>();
  private final Placeholder<TFloat32> x;
  private final List<Operand<TFloat32>> layerOutputs = new ArrayList<>();
  /** The last layer's output itself, whose op a loss looks behind for logits (Keras 3). */
  private final Operand<TFloat32> prediction;
  private final Operand<TFloat32> output;
  // training part; null until compiled
  private Placeholder<TFloat32> y;
  private Placeholder<TInt64> seed;
  private Operand<TFloat32> trainLoss;
  private Operand<TFloat32> trainMetricSum;
  private Operand<TFloat32> evalLossSum;
  private Operand<TFloat32> evalMetricSum;
  private Op update;
  private Operand<TFloat32> trainOut;
  private Optimizer optimizer;
  private Optimizer.Minimize minimize;
  private Placeholder<TInt64> iterationsValue;
  private Op assignIterations;
  private final List<Placeholder<TFloat32>> slotValues = new ArrayList<>();
  private final List<Op> slotAssigns = new ArrayList<>();

  ModelGraph(List<Layer> layers, int[] inputShape) {
    this.layers = List.copyOf(layers);
    x = tf.withName("input").placeholder(TFloat32.class, Placeholder.shape(batchShape(inputShape)));
    for (Layer layer : layers) {
      for (Weight w : layer.weights()) {
        addVariable(w);
      }
    }
    CallContext inference = new CallContext(tf, false, reads, null);
    Operand<TFloat32> h = x;
    for (Layer layer : layers) {
      h = layer.call(h, inference);
      layerOutputs.add(h);
    }
    prediction = h;
    output = tf.withName("output").identity(h);
    session = Backend.newSession(graph);
  }

  private void addVariable(Weight w) {
    Ops scoped = scoped(w.path());
    Variable<TFloat32> v = scoped.withName("variable").variable(shape(w.shape()), TFloat32.class);
    Placeholder<TFloat32> value = scoped.withName("value").placeholder(TFloat32.class,
        Placeholder.shape(shape(w.shape())));
    weights.add(w);
    variables.put(w, v);
    reads.put(w, scoped.withName("read").identity(v));
    assignValues.add(value);
    assigns.add(scoped.withName("assign").assign(v, value));
  }

  private Ops scoped(String path) {
    Ops s = tf;
    for (String part : path.split("/")) {
      s = s.withSubScope(part);
    }
    return s;
  }

  /**
   * Adds loss, metric ({@code null} for none), gradients and the optimizer's update. The loss
   * sees the last layer's own output, so that, as in Keras 3, a cross-entropy on a sigmoid or
   * softmax output reads the logits behind it.
   */
  void compile(Optimizer optimizer, Loss loss, Metric metric) {
    y = tf.withName("target").placeholder(TFloat32.class);
    seed = tf.withName("dropout_seed").placeholder(TInt64.class, Placeholder.shape(Shape.of(2)));
    trainOut = prediction;
    if (layers.stream().anyMatch(Layer::usesTraining)) {
      CallContext training = new CallContext(tf, true, reads, seed);
      trainOut = x;
      for (Layer layer : layers) {
        trainOut = layer.call(trainOut, training);
      }
    }
    Operand<org.tensorflow.types.TInt32> all = tf.constant(0);
    trainLoss = tf.math.mean(loss.call(tf, y, trainOut), all);
    evalLossSum = tf.sum(loss.call(tf, y, prediction), all);
    trainMetricSum = metric == null ? tf.constant(0f) : tf.sum(metric.call(tf, y, trainOut), all);
    evalMetricSum = metric == null ? tf.constant(0f) : tf.sum(metric.call(tf, y, output), all);

    this.optimizer = optimizer;
    minimize = optimizer.minimize(graph, tf, trainLoss,
        new ArrayList<>(variables.values()), new ArrayList<>(reads.values()));
    update = minimize.update();
    Ops state = tf.withSubScope("optimizer_state");
    iterationsValue = state.placeholder(TInt64.class, Placeholder.shape(Shape.scalar()));
    assignIterations = state.assign(minimize.iterations(), iterationsValue);
    for (Optimizer.Slot s : minimize.slots()) {
      Placeholder<TFloat32> value = state.placeholder(TFloat32.class,
          Placeholder.shape(s.value().shape()));
      slotValues.add(value);
      slotAssigns.add(state.assign(s.value(), value));
    }
    session.run(minimize.reset());
  }

  boolean isCompiled() {
    return update != null;
  }

  /** Runs one training step; returns {mean loss, metric sum} of the batch before the update. */
  double[] trainStep(TFloat32 xb, TFloat32 yb, long[] stepSeed) {
    try (TInt64 s = Tensors.longs(stepSeed);
        Result r = run(session.runner().feed(x, xb).feed(y, yb).feed(seed, s).addTarget(update)
            .fetch(trainLoss).fetch(trainMetricSum))) {
      return new double[] {scalar(r, 0), scalar(r, 1)};
    }
  }

  /** {sum of per-sample losses, metric sum} of one batch, at inference. */
  double[] evaluateBatch(TFloat32 xb, TFloat32 yb) {
    try (Result r = run(session.runner().feed(x, xb).feed(y, yb).fetch(evalLossSum)
        .fetch(evalMetricSum))) {
      return new double[] {scalar(r, 0), scalar(r, 1)};
    }
  }

  /** The model's output for one batch in training mode (dropout on, from {@code stepSeed}). */
  float[] forwardTraining(TFloat32 xb, long[] stepSeed) {
    try (TInt64 s = Tensors.longs(stepSeed);
        Result r = run(session.runner().feed(x, xb).feed(seed, s).fetch(trainOut))) {
      return Tensors.values((TFloat32) r.get(0));
    }
  }

  /** The output of layer {@code index} (-1: the model's output) for one batch. */
  float[] forward(TFloat32 xb, int index) {
    Operand<TFloat32> fetch = index < 0 ? output : layerOutputs.get(index);
    try (Result r = run(session.runner().feed(x, xb).fetch(fetch))) {
      return Tensors.values((TFloat32) r.get(0));
    }
  }

  /** Runs a step; an input id a layer cannot take becomes one line (Keras raises likewise). */
  private static Result run(Session.Runner runner) {
    try {
      return runner.run();
    } catch (TFInvalidArgumentException e) {
      String message = TokenIds.message(e.getMessage());
      if (message == null) {
        throw e;
      }
      throw new IllegalArgumentException(message, e);
    }
  }

  private static double scalar(Result r, int i) {
    return ((TFloat32) r.get(i)).getFloat();
  }

  List<Weight> weights() {
    return weights;
  }

  /** The optimizer's slots in Keras 3's order (see {@link Optimizer#kerasOrder}). */
  private List<Optimizer.Slot> kerasSlots() {
    return optimizer.kerasOrder(minimize.slots());
  }

  /** The optimizer's step count, Keras's {@code optimizer.iterations}. */
  long iterations() {
    try (Result r = session.runner().fetch(minimize.iterations()).run()) {
      return ((TInt64) r.get(0)).getLong();
    }
  }

  /** The shapes of the optimizer's slot variables, in Keras's order. */
  List<int[]> slotShapes() {
    List<int[]> out = new ArrayList<>();
    for (Optimizer.Slot s : kerasSlots()) {
      long[] dims = s.value().shape().asArray();
      int[] d = new int[dims.length];
      for (int i = 0; i < d.length; i++) {
        d[i] = (int) dims[i];
      }
      out.add(d);
    }
    return out;
  }

  /** The optimizer's slot values, in Keras's order. */
  List<float[]> slotValues() {
    List<Optimizer.Slot> slots = kerasSlots();
    if (slots.isEmpty()) {
      return new ArrayList<>();
    }
    Session.Runner runner = session.runner();
    slots.forEach(s -> runner.fetch(s.value()));
    List<float[]> out = new ArrayList<>();
    try (Result r = runner.run()) {
      for (int i = 0; i < slots.size(); i++) {
        out.add(Tensors.values((TFloat32) r.get(i)));
      }
    }
    return out;
  }

  /** Sets the step count and every slot (values in Keras's order). */
  void setOptimizerState(long iterations, List<float[]> values) {
    List<Optimizer.Slot> slots = kerasSlots();
    if (values.size() != slots.size()) {
      throw new IllegalArgumentException("the optimizer has " + slots.size()
          + " slot variables, got " + values.size());
    }
    List<int[]> shapes = slotShapes();
    List<Tensor> tensors = new ArrayList<>();
    try {
      TInt64 it = TInt64.scalarOf(iterations);
      tensors.add(it);
      Session.Runner runner = session.runner().feed(iterationsValue, it)
          .addTarget(assignIterations);
      for (int i = 0; i < slots.size(); i++) {
        int index = minimize.slots().indexOf(slots.get(i));
        TFloat32 t = Tensors.of(shapes.get(i), values.get(i));
        tensors.add(t);
        runner.feed(slotValues.get(index), t).addTarget(slotAssigns.get(index));
      }
      runner.run();
    } finally {
      tensors.forEach(Tensor::close);
    }
  }

  GraphDef graphDef() {
    return graph.toGraphDef();
  }

  Session session() {
    return session;
  }

  Placeholder<TFloat32> input() {
    return x;
  }

  Operand<TFloat32> output() {
    return output;
  }

  /** Current values of every weight, in Keras's order. */
  List<float[]> getWeights() {
    if (weights.isEmpty()) {
      return new ArrayList<>();
    }
    Session.Runner runner = session.runner();
    reads.values().forEach(runner::fetch);
    List<float[]> out = new ArrayList<>();
    try (Result r = runner.run()) {
      for (int i = 0; i < weights.size(); i++) {
        out.add(Tensors.values((TFloat32) r.get(i)));
      }
    }
    return out;
  }

  /** Sets every weight, in Keras's order. */
  void setWeights(List<float[]> values) {
    if (values.size() != weights.size()) {
      throw new IllegalArgumentException("expected " + weights.size() + " weight arrays, got "
          + values.size());
    }
    if (weights.isEmpty()) {
      return;
    }
    List<Tensor> tensors = new ArrayList<>();
    try {
      Session.Runner runner = session.runner();
      for (int i = 0; i < weights.size(); i++) {
        Weight w = weights.get(i);
        if (values.get(i).length != w.size()) {
          throw new IllegalArgumentException("weight " + w.path() + " has " + w.size()
              + " values, got " + values.get(i).length);
        }
        TFloat32 t = Tensors.of(w.shape(), values.get(i));
        tensors.add(t);
        runner.feed(assignValues.get(i), t).addTarget(assigns.get(i));
      }
      runner.run();
    } finally {
      tensors.forEach(Tensor::close);
    }
  }

  static Shape batchShape(int[] sampleShape) {
    long[] dims = new long[sampleShape.length + 1];
    dims[0] = -1;
    for (int i = 0; i < sampleShape.length; i++) {
      dims[i + 1] = sampleShape[i];
    }
    return Shape.of(dims);
  }

  static Shape shape(int[] dims) {
    long[] d = new long[dims.length];
    for (int i = 0; i < dims.length; i++) {
      d[i] = dims[i];
    }
    return Shape.of(d);
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
