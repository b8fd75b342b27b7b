package dev.tfjlabs.keras.models;

import dev.tfjlabs.keras.backend.Backend;
import dev.tfjlabs.keras.backend.Tensors;
import dev.tfjlabs.keras.layers.CallContext;
import dev.tfjlabs.keras.layers.KerasTensor;
import dev.tfjlabs.keras.layers.Layer;
import dev.tfjlabs.keras.layers.LayerStates;
import dev.tfjlabs.keras.layers.Node;
import dev.tfjlabs.keras.layers.TokenIds;
import dev.tfjlabs.keras.layers.Weight;
import dev.tfjlabs.keras.losses.Loss;
import dev.tfjlabs.keras.metrics.Metric;
import dev.tfjlabs.keras.metrics.WeightedMean;
import dev.tfjlabs.keras.optimizers.Optimizer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
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
import org.tensorflow.types.TBool;
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
  private final Network network;
  private final List<Weight> weights = new ArrayList<>();
  private final Map<Weight, Variable<TFloat32>> variables = new LinkedHashMap<>();
  /** The states stateful layers keep between calls. */
  private final LayerStates states = new LayerStates();
  /** Keras's {@code sample_weight} of a training batch (ones unless fed). */
  private Operand<TFloat32> sampleWeight;
  /** The masks of the inference pass's symbolic tensors (Keras's {@code _keras_mask}). */
  private final Map<KerasTensor, Operand<TBool>> valueMasks = new IdentityHashMap<>();
  private final Map<Weight, Operand<TFloat32>> reads = new LinkedHashMap<>();
  private final List<Placeholder<TFloat32>> assignValues = new ArrayList<>();
  private final List<Op> assigns = new ArrayList<>();
  private final List<Placeholder<TFloat32>> x = new ArrayList<>();
  /** Every symbolic tensor's value at inference. */
  private final Map<KerasTensor, Operand<TFloat32>> values;
  private final List<Operand<TFloat32>> output = new ArrayList<>();
  // training part; null until compiled
  private final List<Placeholder<TFloat32>> y = new ArrayList<>();
  private Placeholder<TInt64> seed;
  /** The total loss, each output's loss (means), each output's metrics (sums): one fetch list. */
  private final List<Operand<TFloat32>> trainFetches = new ArrayList<>();
  /** The total loss, each output's loss and each output's metrics, summed over the samples. */
  private final List<Operand<TFloat32>> evalFetches = new ArrayList<>();
  private Op update;
  /** With gradient accumulation, the step that only adds the gradients; else null. */
  private Op accumulate;
  /** New values of non-trainable weights from the training pass (moving statistics). */
  private final Map<Weight, Operand<TFloat32>> stateUpdates = new LinkedHashMap<>();
  private final List<Op> stateAssigns = new ArrayList<>();
  private List<Operand<TFloat32>> trainOut;
  private Optimizer optimizer;
  private Optimizer.Minimize minimize;
  private Placeholder<TInt64> iterationsValue;
  private Op assignIterations;
  private final List<Placeholder<TFloat32>> slotValues = new ArrayList<>();
  private final List<Op> slotAssigns = new ArrayList<>();
  /** How many times this graph changed its weights; others catch up when it moves. */
  private volatile long writes;
  /** The {@link #writes} of each other graph at the last catch-up with it. */
  private final Map<ModelGraph, Long> seen = new IdentityHashMap<>();

  /**
   * The graph of {@code network}: a placeholder per input ({@code input} when there is one,
   * else the input layer's name), the variables of every layer's weights in Keras's order, and
   * the inference pass to one {@code output} (or {@code output_0}, {@code output_1}, ...).
   */
  ModelGraph(Network network) {
    this.network = network;
    for (KerasTensor in : network.inputs()) {
      String name = network.inputs().size() == 1 ? "input" : in.layer().name();
      x.add(tf.withName(name).placeholder(TFloat32.class, Placeholder.shape(batchShape(in.shape()))));
    }
    for (Layer layer : network.layers()) {
      for (Weight w : layer.weights()) {
        addVariable(w);
      }
    }
    values = trace(new CallContext(tf, false, reads, null, null, states), valueMasks);
    List<KerasTensor> outs = network.outputs();
    for (int i = 0; i < outs.size(); i++) {
      output.add(tf.withName(outs.size() == 1 ? "output" : "output_" + i)
          .identity(values.get(outs.get(i))));
    }
    session = Backend.newSession(graph);
    resetStates();
  }

  /**
   * Keras's {@code optimizer.finalize_variable_values} at the end of {@code fit}: with EMA the
   * trained weights take their moving averages; nothing otherwise.
   */
  void finalizeVariables() {
    if (minimize != null && minimize.finalizeValues() != null) {
      session.run(minimize.finalizeValues());
    }
  }

  /** Empties every stateful layer's kept states (Keras's {@code reset_states()}). */
  void resetStates() {
    if (!states.isEmpty()) {
      Session.Runner runner = session.runner();
      states.resets().forEach(runner::addTarget);
      runner.run();
    }
  }

  /**
   * Runs every node in order: the value of each symbolic tensor, from the placeholders, with
   * Keras's masks carried beside the values (a layer's mask goes to its first output).
   */
  private Map<KerasTensor, Operand<TFloat32>> trace(CallContext ctx,
      Map<KerasTensor, Operand<TBool>> masks) {
    Map<KerasTensor, Operand<TFloat32>> v = new IdentityHashMap<>();
    for (int i = 0; i < x.size(); i++) {
      v.put(network.inputs().get(i), x.get(i));
    }
    for (Node node : network.nodes()) {
      List<Operand<TFloat32>> in = node.inputs().stream().map(v::get).toList();
      List<Operand<TBool>> inMasks = new ArrayList<>();
      node.inputs().forEach(t -> inMasks.add(masks.get(t)));
      boolean masked = inMasks.stream().anyMatch(java.util.Objects::nonNull);
      List<Operand<TFloat32>> out = masked ? node.layer().callMasked(in, inMasks, ctx)
          : node.layer().callAll(in, ctx);
      for (int i = 0; i < out.size(); i++) {
        v.put(node.outputs().get(i), out.get(i));
      }
      Operand<TBool> mask = node.layer().computeMask(in, inMasks, ctx);
      if (mask != null) {
        masks.put(node.outputs().get(0), mask);
      }
    }
    return v;
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
   * Adds the losses (weighted: {@code sum_i w_i * mean(loss_i)}) with the weights'
   * regularization penalties, the metrics (a list per output, possibly empty), gradients and the
   * optimizer's update. Each loss sees its output layer's own output, so that, as in Keras 3, a
   * cross-entropy on a sigmoid or softmax output reads the logits behind it.
   */
  void compile(Optimizer optimizer, List<Loss> losses, List<Double> lossWeights,
      List<List<Metric>> metrics) {
    List<KerasTensor> outs = network.outputs();
    for (int i = 0; i < outs.size(); i++) {
      y.add(tf.withName(outs.size() == 1 ? "target" : "target_" + i).placeholder(TFloat32.class));
    }
    seed = tf.withName("dropout_seed").placeholder(TInt64.class, Placeholder.shape(Shape.of(2)));
    // Keras's sample_weight: one per sample, ones unless fed
    sampleWeight = tf.withName("sample_weight").placeholderWithDefault(tf.fill(tf.slice(
        tf.shape(y.get(0)), tf.constant(new int[] {0}), tf.constant(new int[] {1})),
        tf.constant(1f)), Shape.of(-1));
    Map<KerasTensor, Operand<TFloat32>> training = values;
    Map<KerasTensor, Operand<TBool>> trainingMasks = valueMasks;
    if (network.layers().stream().anyMatch(Layer::usesTraining)) {
      trainingMasks = new IdentityHashMap<>();
      training = trace(new CallContext(tf, true, reads, seed, stateUpdates, states),
          trainingMasks);
    }
    trainOut = new ArrayList<>();
    for (KerasTensor out : outs) {
      trainOut.add(training.get(out));
    }
    List<Operand<TFloat32>> trainLosses = new ArrayList<>();
    List<Operand<TFloat32>> evalLosses = new ArrayList<>();
    for (int i = 0; i < outs.size(); i++) {
      Operand<TBool> trainMask = sequenceMask(trainingMasks.get(outs.get(i)), trainOut.get(i));
      Operand<TBool> evalMask = sequenceMask(valueMasks.get(outs.get(i)), output.get(i));
      if (trainMask == null) {
        trainLosses.add(reduce(losses.get(i), weigh(losses.get(i).call(tf, y.get(i),
            trainOut.get(i)), sampleWeight), sampleWeight));
      } else {
        trainLosses.add(maskedMean(losses.get(i), y.get(i), trainOut.get(i), trainMask,
            sampleWeight));
      }
      Operand<TFloat32> samples = tf.dtypes.cast(tf.gather(tf.shape(y.get(i)), tf.constant(0),
          tf.constant(0)), TFloat32.class);
      if (evalMask == null) {
        // the batch's reduced loss (weighted as in training when sample weights are fed),
        // counted once per sample as the other eval sums are
        evalLosses.add(tf.math.mul(reduce(losses.get(i), weigh(losses.get(i).call(tf, y.get(i),
            values.get(outs.get(i))), sampleWeight), sampleWeight), samples));
      } else {
        // the batch's masked mean, counted once per sample as the other eval sums are
        evalLosses.add(tf.math.mul(maskedMean(losses.get(i), y.get(i), output.get(i), evalMask,
            sampleWeight), samples));
      }
    }
    Operand<TFloat32> trainLoss = weighted(trainLosses, lossWeights);
    Operand<TFloat32> evalLoss = weighted(evalLosses, lossWeights);
    Operand<TFloat32> penalty = regularization();
    Operand<TFloat32> trainPenalty = sum(penalty, activity(training));
    Operand<TFloat32> evalPenalty = sum(penalty, activity(values));
    if (trainPenalty != null) {
      // Keras adds model.losses to the batch's mean loss
      trainLoss = tf.math.add(trainLoss, trainPenalty);
    }
    if (evalPenalty != null) {
      // the eval sums count model.losses once per sample
      Operand<TFloat32> samples = tf.dtypes.cast(tf.gather(tf.shape(y.get(0)), tf.constant(0),
          tf.constant(0)), TFloat32.class);
      evalLoss = tf.math.add(evalLoss, tf.math.mul(evalPenalty, samples));
    }
    trainFetches.add(trainLoss);
    trainFetches.addAll(trainLosses);
    evalFetches.add(evalLoss);
    evalFetches.addAll(evalLosses);
    for (int i = 0; i < outs.size(); i++) {
      for (Metric metric : metrics.get(i)) {
        Operand<TBool> trainMask = sequenceMask(trainingMasks.get(outs.get(i)), trainOut.get(i));
        Operand<TBool> evalMask = sequenceMask(valueMasks.get(outs.get(i)), output.get(i));
        if (metric instanceof WeightedMean weighted) {
          // Keras's weighted_metrics: the values weighted by the fed sample weights
          trainFetches.add(weighted.sums(tf, y.get(i), trainOut.get(i), trainMask,
              sampleWeight));
          evalFetches.add(weighted.sums(tf, y.get(i), output.get(i), evalMask, sampleWeight));
        } else {
          trainFetches.add(metric.sums(tf, y.get(i), trainOut.get(i), trainMask));
          evalFetches.add(metric.sums(tf, y.get(i), output.get(i), evalMask));
        }
      }
    }

    this.optimizer = optimizer;
    List<Variable<TFloat32>> trainable = new ArrayList<>();
    List<Operand<TFloat32>> trainableReads = new ArrayList<>();
    for (Weight w : weights) {
      if (w.trainable()) {
        trainable.add(variables.get(w));
        trainableReads.add(reads.get(w));
      }
    }
    minimize = optimizer.minimize(graph, tf, trainFetches.get(0), trainable, trainableReads);
    update = constrained(minimize.update());
    accumulate = minimize.accumulate() == null ? null : constrained(minimize.accumulate());
    stateUpdates.forEach((w, v) -> stateAssigns.add(tf.assign(variables.get(w), v)));
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

  /**
   * The update followed by each constrained trainable weight's projection,
   * {@code w <- constraint(w)} on its updated value, as Keras 3's optimizer applies
   * {@code kernel_constraint} and the like after the gradients; {@code update} itself when no
   * weight has a constraint.
   */
  private Op constrained(Op update) {
    Ops after = tf.withSubScope("constraints").withControlDependencies(List.of(update));
    List<Op> projections = new ArrayList<>();
    for (Weight w : weights) {
      if (w.constraint() != null && w.trainable()) {
        Variable<TFloat32> v = variables.get(w);
        projections.add(after.assign(v, w.constraint().call(after, after.identity(v))));
      }
    }
    return projections.isEmpty() ? update : tf.withControlDependencies(projections).noOp();
  }

  /**
   * The sum of the weights' regularization penalties (Keras's {@code model.losses} of
   * {@code kernel_regularizer} and the like) on their current values, or null when no weight
   * has a regularizer.
   */
  private Operand<TFloat32> regularization() {
    Operand<TFloat32> total = null;
    for (Weight w : weights) {
      if (w.regularizer() != null && w.trainable()) {
        Operand<TFloat32> p = w.regularizer().call(tf, reads.get(w));
        total = total == null ? p : tf.math.add(total, p);
      }
    }
    return total;
  }

  /**
   * The layers' activity penalties on the outputs of one pass: {@code r(y) / batch} for each
   * output y of a layer with an {@code activity_regularizer}, as Keras 3.14 adds them to
   * {@code model.losses}; null when no layer has one.
   */
  private Operand<TFloat32> activity(Map<KerasTensor, Operand<TFloat32>> pass) {
    Operand<TFloat32> total = null;
    for (Node node : network.nodes()) {
      if (node.layer().activityRegularizer() == null) {
        continue;
      }
      for (KerasTensor t : node.outputs()) {
        Operand<TFloat32> out = pass.get(t);
        Operand<TFloat32> batch = tf.dtypes.cast(tf.gather(tf.shape(out), tf.constant(0),
            tf.constant(0)), TFloat32.class);
        total = sum(total, tf.math.divNoNan(node.layer().activityRegularizer().call(tf, out),
            batch));
      }
    }
    return total;
  }

  /** {@code a + b}, either of which may be null (none). */
  private Operand<TFloat32> sum(Operand<TFloat32> a, Operand<TFloat32> b) {
    return a == null ? b : b == null ? a : tf.math.add(a, b);
  }

  /**
   * An output's mask when it weighs the loss: a [batch, steps] mask of an output of one value
   * or more per step ({@code return_sequences}); null otherwise.
   */
  private static Operand<TBool> sequenceMask(Operand<TBool> mask, Operand<TFloat32> out) {
    return mask != null && mask.shape().numDimensions() == 2 && out.shape().numDimensions() >= 3
        ? mask : null;
  }

  /**
   * Keras's masked loss ({@code reduce_weighted_values} with the output's mask): the loss of
   * every step of every sample, {@code sum(l m) / sum(m)} over the unmasked steps (0 when all
   * are masked), as Keras 3.13 on computes it (3.4-3.12 divided by {@code sum(m) + 1e-7});
   * with sample weights w (null: none), {@code sum(l m w) / sum(m)}.
   */
  private Operand<TFloat32> maskedMean(Loss loss, Operand<TFloat32> yTrue,
      Operand<TFloat32> yPred, Operand<TBool> mask, Operand<TFloat32> weights) {
    Operand<TFloat32> perStep = tf.reshape(loss.call(tf, Metric.steps(tf, yTrue),
        Metric.steps(tf, yPred)), tf.shape(mask));
    if (weights != null) {
      perStep = tf.math.mul(perStep, tf.expandDims(weights, tf.constant(1)));
    }
    Operand<TFloat32> m = tf.dtypes.cast(mask, TFloat32.class);
    Operand<org.tensorflow.types.TInt32> both = tf.constant(new int[] {0, 1});
    Operand<TFloat32> sum = tf.sum(tf.math.mul(perStep, m), both);
    return loss.reduction().equals("sum") ? sum : tf.math.divNoNan(sum, tf.sum(m, both));
  }

  /**
   * {@code values} [batch, ...] times the sample weights [batch], each sample's values by its
   * weight (Keras's {@code squeeze_or_expand_to_same_rank}).
   */
  private Operand<TFloat32> weigh(Operand<TFloat32> values, Operand<TFloat32> weights) {
    Operand<org.tensorflow.types.TInt32> ones = tf.fill(tf.expandDims(tf.math.sub(
        tf.rank(values), tf.constant(1)), tf.constant(0)), tf.constant(1));
    return tf.math.mul(values, tf.reshape(weights, tf.concat(List.of(tf.shape(weights), ones),
        tf.constant(0))));
  }

  /**
   * Keras's {@code reduce_values} of the (weighted) sample losses {@code values} by the loss's
   * reduction: their mean ({@code sum_over_batch_size}, {@code mean}), sum ({@code sum}), or
   * sum over the sum of the sample weights ({@code mean_with_sample_weight}; the mean without
   * weights).
   */
  private Operand<TFloat32> reduce(Loss loss, Operand<TFloat32> values,
      Operand<TFloat32> weights) {
    Operand<org.tensorflow.types.TInt32> all = tf.range(tf.constant(0), tf.rank(values),
        tf.constant(1));
    return switch (loss.reduction()) {
      case "sum" -> tf.sum(values, all);
      case "mean_with_sample_weight" -> weights == null ? tf.math.mean(values, all)
          : tf.math.divNoNan(tf.sum(values, all), tf.sum(weights, tf.constant(0)));
      default -> tf.math.mean(values, all);
    };
  }

  /** {@code sum_i weights[i] * losses[i]}; one loss of weight 1 is itself. */
  private Operand<TFloat32> weighted(List<Operand<TFloat32>> losses, List<Double> weights) {
    Operand<TFloat32> total = null;
    for (int i = 0; i < losses.size(); i++) {
      Operand<TFloat32> term = weights.get(i) == 1.0 ? losses.get(i)
          : tf.math.mul(losses.get(i), tf.constant(weights.get(i).floatValue()));
      total = total == null ? term : tf.math.add(total, term);
    }
    return total;
  }

  boolean isCompiled() {
    return update != null;
  }

  /**
   * Runs one training step; returns, before the update, the batch's mean total loss, each
   * output's mean loss and each output's metric sum.
   */
  double[] trainStep(List<TFloat32> xb, List<TFloat32> yb, TFloat32 wb, long[] stepSeed) {
    catchUp();
    writes++;
    SharedWeights.claim(this, weights);
    try (TInt64 s = Tensors.longs(stepSeed);
        TFloat32 rate = TFloat32.scalarOf(optimizer.learningRate())) {
      // with gradient accumulation, every accumulationSteps-th step updates, the others add
      boolean updates = accumulate == null
          || (iterations() + 1) % minimize.accumulationSteps() == 0;
      Session.Runner runner = feed(xb, yb).feed(seed, s).addTarget(updates ? update : accumulate);
      if (wb != null) {
        runner.feed(sampleWeight, wb);
      }
      if (minimize.learningRate() != null) {
        runner.feed(minimize.learningRate(), rate);
      }
      stateAssigns.forEach(runner::addTarget);
      return scalars(runner, trainFetches);
    }
  }

  /**
   * The batch's total loss, each output's loss and each output's metric, summed, at inference;
   * the losses weighted by {@code wb} (null: every sample 1), as Keras's {@code evaluate(...,
   * sample_weight)} weighs them (the metrics are not, as Keras's {@code metrics} are not).
   */
  double[] evaluateBatch(List<TFloat32> xb, List<TFloat32> yb, TFloat32 wb) {
    catchUp();
    Session.Runner runner = feed(xb, yb);
    if (wb != null) {
      runner.feed(sampleWeight, wb);
    }
    return scalars(runner, evalFetches);
  }

  private Session.Runner feed(List<TFloat32> xb, List<TFloat32> yb) {
    Session.Runner runner = session.runner();
    for (int i = 0; i < x.size(); i++) {
      runner.feed(x.get(i), xb.get(i));
    }
    for (int i = 0; i < yb.size(); i++) {
      runner.feed(y.get(i), yb.get(i));
    }
    return runner;
  }

  /**
   * Runs and returns the values of {@code fetches} one after another (a scalar loss is one
   * value, a metric's sums as many as it has); one operand listed twice is fetched once.
   */
  private static double[] scalars(Session.Runner runner, List<Operand<TFloat32>> fetches) {
    int[] slot = fetchOnce(runner, fetches);
    List<Double> out = new ArrayList<>();
    try (Result r = run(runner)) {
      for (int i = 0; i < fetches.size(); i++) {
        for (float v : Tensors.values((TFloat32) r.get(slot[i]))) {
          out.add((double) v);
        }
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** The first output for one batch in training mode (dropout on, from {@code stepSeed}). */
  float[] forwardTraining(List<TFloat32> xb, long[] stepSeed) {
    catchUp();
    try (TInt64 s = Tensors.longs(stepSeed);
        Result r = run(feed(xb, List.of()).feed(seed, s).fetch(trainOut.get(0)))) {
      return Tensors.values((TFloat32) r.get(0));
    }
  }

  /** The values of {@code tensors} (symbolic tensors of the model) for one batch of inputs. */
  List<float[]> forward(List<TFloat32> xb, List<KerasTensor> tensors) {
    catchUp();
    List<Operand<TFloat32>> fetches = new ArrayList<>();
    for (KerasTensor t : tensors) {
      Operand<TFloat32> v = values.get(t);
      if (v == null) {
        throw new IllegalArgumentException(t + " is not a tensor of this model");
      }
      // an output is fetched through its identity, which an output that is an input needs
      int asOutput = network.outputs().indexOf(t);
      fetches.add(asOutput >= 0 ? output.get(asOutput) : v);
    }
    Session.Runner runner = feed(xb, List.of());
    int[] slot = fetchOnce(runner, fetches);
    List<float[]> out = new ArrayList<>();
    try (Result r = run(runner)) {
      for (int i = 0; i < tensors.size(); i++) {
        out.add(Tensors.values((TFloat32) r.get(slot[i])));
      }
    }
    return out;
  }

  /**
   * Adds {@code fetches} to {@code runner}, an operand listed twice once (TensorFlow Java
   * refuses a repeated fetch); returns each fetch's place in the result.
   */
  private static int[] fetchOnce(Session.Runner runner, List<Operand<TFloat32>> fetches) {
    List<Operand<TFloat32>> distinct = new ArrayList<>();
    int[] slot = new int[fetches.size()];
    for (int i = 0; i < fetches.size(); i++) {
      int at = -1;
      for (int k = 0; k < distinct.size() && at < 0; k++) {
        at = distinct.get(k) == fetches.get(i) ? k : -1;
      }
      if (at < 0) {
        at = distinct.size();
        distinct.add(fetches.get(i));
        runner.fetch(fetches.get(i));
      }
      slot[i] = at;
    }
    return slot;
  }

  /** Runs a step; an input id a layer cannot take becomes one line (Keras raises likewise). */
  private static Result run(Session.Runner runner) {
    try {
      return runner.run();
    } catch (TFInvalidArgumentException e) {
      String message = TokenIds.message(e.getMessage());
      if (message == null) {
        message = LayerStates.message(e.getMessage());
      }
      if (message == null) {
        throw e;
      }
      throw new IllegalArgumentException(message, e);
    }
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

  /** The placeholders, one per model input. */
  List<Placeholder<TFloat32>> inputs() {
    return x;
  }

  /** The inference outputs, one per model output. */
  List<Operand<TFloat32>> outputs() {
    return output;
  }

  /** Current values of every weight, in Keras's order. */
  List<float[]> getWeights() {
    catchUp();
    return values(weights);
  }

  private List<float[]> values(List<Weight> which) {
    if (which.isEmpty()) {
      return new ArrayList<>();
    }
    Session.Runner runner = session.runner();
    which.forEach(w -> runner.fetch(reads.get(w)));
    List<float[]> out = new ArrayList<>();
    try (Result r = runner.run()) {
      for (int i = 0; i < which.size(); i++) {
        out.add(Tensors.values((TFloat32) r.get(i)));
      }
    }
    return out;
  }

  /** Sets every weight, in Keras's order; models sharing these weights see the new values. */
  void setWeights(List<float[]> values) {
    assign(weights, values);
    writes++;
    SharedWeights.claim(this, weights);
  }

  /**
   * Sets the starting values ({@code initial}, in Keras's order), except for the weights that
   * another open graph holds: those take that graph's values.
   */
  void initialize(List<float[]> initial) {
    assign(weights, initial);
    SharedWeights.claimUnheld(this, weights);
    catchUp();
  }

  /** Takes the newest values of the weights that other graphs changed since the last look. */
  private void catchUp() {
    SharedWeights.heldElsewhere(this, weights).forEach((holder, which) -> {
      long theirs = holder.writes;
      if (!Long.valueOf(theirs).equals(seen.get(holder))) {
        assign(which, holder.values(which));
        seen.put(holder, theirs);
      }
    });
  }

  private void assign(List<Weight> which, List<float[]> values) {
    if (values.size() != which.size()) {
      throw new IllegalArgumentException("expected " + which.size() + " weight arrays, got "
          + values.size());
    }
    if (which.isEmpty()) {
      return;
    }
    List<Tensor> tensors = new ArrayList<>();
    try {
      Session.Runner runner = session.runner();
      for (int i = 0; i < which.size(); i++) {
        Weight w = which.get(i);
        if (values.get(i).length != w.size()) {
          throw new IllegalArgumentException("weight " + w.path() + " has " + w.size()
              + " values, got " + values.get(i).length);
        }
        TFloat32 t = Tensors.of(w.shape(), values.get(i));
        tensors.add(t);
        int index = weights.indexOf(w);
        runner.feed(assignValues.get(index), t).addTarget(assigns.get(index));
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
    SharedWeights.release(this);
    session.close();
    graph.close();
  }
}
