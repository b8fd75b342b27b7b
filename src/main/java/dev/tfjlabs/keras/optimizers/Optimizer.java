package dev.tfjlabs.keras.optimizers;

import dev.tfjlabs.keras.config.Config;
import dev.tfjlabs.keras.optimizers.schedules.LearningRateSchedule;
import dev.tfjlabs.keras.optimizers.schedules.Schedules;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * A Keras optimizer, written as graph ops so that each training step is one session run. The
 * template: {@link #applyGradients} gives every (variable, gradient) pair to
 * {@link #applyDense} and groups the updates. Slot variables (moments, accumulators) start at
 * zero, as Keras's do.
 */
public abstract class Optimizer {

  /** Creates the optimizer's per-variable state, initialised to zeros (or a given value). */
  @FunctionalInterface
  public interface Slots {
    /** A slot of {@code variable}'s shape filled with {@code value}. */
    Variable<TFloat32> filled(Variable<TFloat32> variable, String slotName, float value);

    default Variable<TFloat32> zerosLike(Variable<TFloat32> variable, String slotName) {
      return filled(variable, slotName, 0f);
    }
  }

  private float learningRate;
  /** The learning rate's input in the graph {@link #minimize} built last (null with a schedule). */
  private Operand<TFloat32> learningRateInput;
  private LearningRateSchedule schedule;
  private Double weightDecay;
  private Double clipnorm;
  private Double clipvalue;
  private Double globalClipnorm;
  private Double lossScaleFactor;
  private boolean useEma;
  private double emaMomentum = 0.99;
  private Integer emaOverwriteFrequency;
  private Integer gradientAccumulationSteps;

  protected Optimizer(double learningRate) {
    if (!(learningRate > 0)) {
      throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
    }
    this.learningRate = (float) learningRate;
  }

  /** The learning rate, or a schedule's at the first step. */
  public float learningRate() {
    return schedule == null ? learningRate : (float) schedule.initialLearningRate();
  }

  /**
   * Keras's {@code optimizer.learning_rate = value}: the learning rate of the following updates
   * (a callback such as {@code ReduceLROnPlateau} sets it between epochs), also written to the
   * optimizer's config.
   *
   * @throws IllegalStateException when the learning rate follows a schedule
   * @throws IllegalArgumentException when {@code value} is negative or not finite
   */
  public Optimizer setLearningRate(double value) {
    if (schedule != null) {
      throw new IllegalStateException("the learning rate of " + name() + " follows a schedule ("
          + schedule.getClass().getSimpleName() + "), which cannot be set");
    }
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("a learning rate must be a finite number of at least"
          + " 0, got " + value);
    }
    learningRate = (float) value;
    return this;
  }

  /**
   * Keras's {@code learning_rate=schedule}: the learning rate as a function of the step count
   * ({@code ExponentialDecay}, {@code CosineDecay}, ...), computed in the graph at every update.
   */
  public Optimizer learningRateSchedule(LearningRateSchedule value) {
    schedule = value;
    return this;
  }

  /** The learning-rate schedule, or null for a constant rate. */
  public LearningRateSchedule learningRateSchedule() {
    return schedule;
  }

  /**
   * The learning rate of the update numbered {@code step} (1-based, {@code iterations + 1}):
   * the constant, or the schedule at {@code iterations}.
   */
  protected Operand<TFloat32> learningRate(Ops tf, Operand<TFloat32> step) {
    if (schedule != null) {
      return schedule.call(tf, tf.math.sub(step, tf.constant(1f)));
    }
    return learningRateInput != null ? learningRateInput : tf.constant(learningRate);
  }

  /** Keras's name of the optimizer. */
  public abstract String name();

  /**
   * Keras's {@code weight_decay}: before each update every weight shrinks,
   * {@code w -= w * weight_decay * learning_rate} (decoupled, as AdamW's).
   */
  public Optimizer weightDecay(double value) {
    weightDecay = positive("weight_decay", value);
    return this;
  }

  /**
   * Keras's {@code loss_scale_factor}: the gradients are taken of the loss times
   * {@code value} and divided by it before clipping and the update (a guard against
   * underflow in low precision; the same update in float32).
   */
  public Optimizer lossScaleFactor(double value) {
    lossScaleFactor = positive("loss_scale_factor", value);
    return this;
  }

  /**
   * Keras's {@code use_ema=True, ema_momentum, ema_overwrite_frequency}: after each update an
   * exponential moving average of every trained weight, {@code a = m a + (1 - m) w} with
   * {@code m = ema_momentum} (0 at the first step, so {@code a} starts as {@code w}); every
   * {@code overwriteFrequency} steps (null: never) the weights take the averages, and at the
   * end of {@code fit} they do.
   *
   * @param momentum in [0, 1] (Keras's default 0.99)
   */
  public Optimizer ema(double momentum, Integer overwriteFrequency) {
    if (!(momentum >= 0 && momentum <= 1)) {
      throw new IllegalArgumentException("ema_momentum must be in [0, 1], got " + momentum);
    }
    if (overwriteFrequency != null && overwriteFrequency < 1) {
      throw new IllegalArgumentException("ema_overwrite_frequency must be an integer of at"
          + " least 1 or None, got " + overwriteFrequency);
    }
    useEma = true;
    emaMomentum = momentum;
    emaOverwriteFrequency = overwriteFrequency;
    return this;
  }

  /**
   * Keras's {@code gradient_accumulation_steps}: the gradients of {@code steps - 1} steps are
   * summed without an update, and every {@code steps}-th step updates with the mean gradient
   * {@code (g + sum) / steps} (the step count, and so Adam's bias correction, still counts
   * every step).
   */
  public Optimizer gradientAccumulationSteps(int steps) {
    if (steps < 1) {
      throw new IllegalArgumentException("gradient_accumulation_steps must be an integer of at"
          + " least 1, got " + steps);
    }
    gradientAccumulationSteps = steps;
    return this;
  }

  /** Keras's {@code gradient_accumulation_steps}, or null for an update at every step. */
  public Integer gradientAccumulationSteps() {
    return gradientAccumulationSteps;
  }

  /** Whether the optimizer keeps moving averages of the weights ({@link #ema}). */
  public boolean usesEma() {
    return useEma;
  }

  /** Keras's {@code clipnorm}: each gradient scaled to an L2 norm of at most {@code value}. */
  public Optimizer clipnorm(double value) {
    clipnorm = positive("clipnorm", value);
    return onlyOneClip();
  }

  /** Keras's {@code clipvalue}: each gradient element clipped to [-value, value]. */
  public Optimizer clipvalue(double value) {
    clipvalue = positive("clipvalue", value);
    return onlyOneClip();
  }

  /** Keras's {@code global_clipnorm}: all gradients scaled together to a norm of at most value. */
  public Optimizer globalClipnorm(double value) {
    globalClipnorm = positive("global_clipnorm", value);
    return onlyOneClip();
  }

  private static Double positive(String name, double value) {
    if (!(value > 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be a positive number, got " + value);
    }
    return value;
  }

  private Optimizer onlyOneClip() {
    int set = (clipnorm != null ? 1 : 0) + (clipvalue != null ? 1 : 0)
        + (globalClipnorm != null ? 1 : 0);
    if (set > 1) {
      throw new IllegalArgumentException("Only one of clipnorm, clipvalue and global_clipnorm"
          + " can be set, as in Keras");
    }
    return this;
  }

  /** Keras's {@code weight_decay}, or null. */
  public Double weightDecay() {
    return weightDecay;
  }

  /**
   * Keras 3's {@code get_config()}: the base optimizer's arguments and the subclass's, or null for an optimizer Keras does not have.
   */
  public Map<String, Object> getConfig() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("name", name().toLowerCase());
    c.put("learning_rate", schedule == null ? (Object) (double) learningRate
        : schedule.serialize());
    c.put("weight_decay", weightDecay);
    c.put("clipnorm", clipnorm);
    c.put("global_clipnorm", globalClipnorm);
    c.put("clipvalue", clipvalue);
    c.put("use_ema", useEma);
    c.put("ema_momentum", emaMomentum);
    c.put("ema_overwrite_frequency", emaOverwriteFrequency);
    c.put("loss_scale_factor", lossScaleFactor);
    c.put("gradient_accumulation_steps", gradientAccumulationSteps);
    addConfig(c);
    return c;
  }

  /**
   * Reads the base optimizer's arguments of a Keras config and returns the learning rate
   * ({@code defaultLearningRate} when absent: a plain {@code "adam"}).
   * Keras 2's {@code lr} is the learning rate; its {@code decay} is ignored with a warning when
   * it is not zero, and Nadam's {@code schedule_decay} with a warning, as Keras 3's optimizers
   * ignore them. Weight decay, clipping, loss scaling, EMA and gradient accumulation are read
   * by {@link #withBaseOptions}.
   */
  protected static double readBaseConfig(Config c, double defaultLearningRate) {
    for (String k : new String[] {"jit_compile", "is_legacy_optimizer"}) {
      c.ignore(k);
    }
    if (c.has("decay") && c.number("decay", 0.0) != 0) {
      c.source().warn("the optimizer's decay=" + c.get("decay") + " (Keras 2's learning-rate"
          + " decay) is ignored, as Keras 3 ignores it");
    }
    c.ignore("decay");
    if (c.has("schedule_decay")) {
      c.source().warn("the optimizer's schedule_decay=" + c.get("schedule_decay") + " (Keras"
          + " 2's Nadam momentum schedule, 0.96^(t schedule_decay)) is ignored: Keras 3's Nadam"
          + " uses 0.96^t");
    }
    c.ignore("schedule_decay");
    var lr = c.get("learning_rate");
    if (lr != null && lr.isObject()) {
      // a schedule: withBaseOptions reads it; the initial rate stands in meanwhile
      return Schedules.REGISTRY.get(lr, c.source()).initialLearningRate();
    }
    return c.has("lr") && !c.has("learning_rate") ? c.number("lr", null)
        : c.number("learning_rate", defaultLearningRate);
  }

  /**
   * {@code o} with a config's {@code weight_decay}, {@code clipnorm}, {@code clipvalue} and
   * {@code global_clipnorm} (each null, Keras's default, or a positive number).
   */
  protected static <T extends Optimizer> T withBaseOptions(Config c, T o) {
    var lr = c.get("learning_rate");
    if (lr != null && lr.isObject()) {
      o.learningRateSchedule(Schedules.REGISTRY.get(lr, c.source()));
    }
    if (c.has("weight_decay")) {
      o.weightDecay(c.number("weight_decay", null));
    }
    if (c.has("clipnorm")) {
      o.clipnorm(c.number("clipnorm", null));
    }
    if (c.has("clipvalue")) {
      o.clipvalue(c.number("clipvalue", null));
    }
    if (c.has("global_clipnorm")) {
      o.globalClipnorm(c.number("global_clipnorm", null));
    }
    if (c.has("loss_scale_factor")) {
      o.lossScaleFactor(c.number("loss_scale_factor", null));
    }
    if (c.get("gradient_accumulation_steps") != null) {
      o.gradientAccumulationSteps(c.positive("gradient_accumulation_steps"));
    }
    if (c.bool("use_ema", false)) {
      var every = c.get("ema_overwrite_frequency");
      o.ema(c.number("ema_momentum", 0.99), every == null ? null : c.positive(
          "ema_overwrite_frequency"));
    } else {
      c.ignore("ema_momentum");
      c.ignore("ema_overwrite_frequency");
    }
    for (String k : new String[] {"weight_decay", "clipnorm", "clipvalue", "global_clipnorm",
        "loss_scale_factor"}) {
      c.ignore(k);
    }
    return o;
  }

  /** Adds the subclass's arguments to {@link #getConfig()}. */
  protected abstract void addConfig(Map<String, Object> config);

  /**
   * The update of all variables, as one op.
   *
   * @param step Keras's {@code iterations + 1}: the 1-based number of this update
   */
  public Op applyGradients(Ops tf, List<Variable<TFloat32>> variables,
      List<Operand<TFloat32>> gradients, Slots slots, Operand<TFloat32> step) {
    List<Operand<TFloat32>> clipped = clip(tf, gradients);
    List<Op> updates = new ArrayList<>();
    for (int i = 0; i < variables.size(); i++) {
      Variable<TFloat32> w = variables.get(i);
      Ops scoped = tf;
      if (weightDecay != null) {
        // Keras 3's _apply_weight_decay, before the update: w -= w * weight_decay * lr
        Op decay = tf.assignSub(w, tf.math.mul(w, tf.math.mul(
            tf.constant((float) (double) weightDecay), learningRate(tf, step))));
        scoped = tf.withControlDependencies(List.of(decay));
      }
      updates.add(applyDense(scoped, w, clipped.get(i), slots, step));
    }
    return tf.withControlDependencies(updates).noOp();
  }

  /**
   * Keras 3's {@code _clip_gradients}: {@code clipnorm} scales each gradient to
   * {@code g * clipnorm / max(||g||, clipnorm)}, {@code global_clipnorm} all of them by
   * {@code clipnorm / max(sqrt(sum ||g||^2), clipnorm)}, {@code clipvalue} clips each element.
   */
  private List<Operand<TFloat32>> clip(Ops tf, List<Operand<TFloat32>> gradients) {
    if (clipnorm == null && clipvalue == null && globalClipnorm == null) {
      return gradients;
    }
    List<Operand<TFloat32>> out = new ArrayList<>();
    if (clipvalue != null) {
      for (Operand<TFloat32> g : gradients) {
        out.add(tf.clipByValue(g, tf.constant((float) -clipvalue), tf.constant((float) (double)
            clipvalue)));
      }
      return out;
    }
    if (clipnorm != null) {
      Operand<TFloat32> limit = tf.constant((float) (double) clipnorm);
      for (Operand<TFloat32> g : gradients) {
        out.add(tf.math.div(tf.math.mul(g, limit), tf.math.maximum(norm(tf, g), limit)));
      }
      return out;
    }
    Operand<TFloat32> limit = tf.constant((float) (double) globalClipnorm);
    Operand<TFloat32> squares = tf.constant(0f);
    for (Operand<TFloat32> g : gradients) {
      squares = tf.math.add(squares, tf.reduceSum(tf.math.square(g), allAxes(tf, g)));
    }
    Operand<TFloat32> scale = tf.math.div(limit, tf.math.maximum(tf.math.sqrt(squares), limit));
    for (Operand<TFloat32> g : gradients) {
      out.add(tf.math.mul(g, scale));
    }
    return out;
  }

  private static Operand<TFloat32> norm(Ops tf, Operand<TFloat32> g) {
    return tf.math.sqrt(tf.reduceSum(tf.math.square(g), allAxes(tf, g)));
  }

  private static Operand<org.tensorflow.types.TInt32> allAxes(Ops tf, Operand<TFloat32> g) {
    return tf.range(tf.constant(0), tf.rank(g), tf.constant(1));
  }

  /**
   * What {@link #minimize} adds to a graph: {@code update} runs one step; {@code reset} sets the
   * step counter and every slot to zero (run it once before training); {@code learningRate},
   * the learning rate's input (its value at {@code minimize} unless fed; null with a schedule);
   * {@code finalizeValues}, Keras's {@code finalize_variable_values} (the weights take their moving
   * averages with EMA; null without); {@code accumulate}, the step of gradient accumulation that
   * only adds the gradients (null without), to run instead of {@code update} unless the step
   * number is a multiple of {@code accumulationSteps}.
   */
  public record Minimize(Op update, Op reset, Variable<TInt64> iterations, List<Slot> slots,
      Operand<TFloat32> learningRate, Op finalizeValues, Op accumulate,
      int accumulationSteps) {}

  /**
   * A slot variable: {@code name} ({@code m}, {@code velocity}...) of the {@code variable}-th
   * model variable.
   */
  public record Slot(int variable, String name, Variable<TFloat32> value) {}

  /**
   * The slot names in Keras 3's order of its optimizer variables (after {@code iterations} and
   * {@code learning_rate}); empty for an optimizer Keras does not have.
   */
  protected List<String> kerasSlotNames() {
    return List.of();
  }

  /**
   * The values of Keras's optimizer variables that follow from the step count alone (Nadam's
   * {@code u_product}) after {@code iterations} steps; none for most optimizers. Keras 3.0-3.9
   * list them right after {@code learning_rate}, Keras 3.10 and later after the slots.
   */
  public float[] kerasStepVariables(long iterations) {
    return new float[0];
  }

  /** Whether Keras keeps each variable's slots together (Adam: m, v of each) or each kind's. */
  protected boolean kerasSlotsByVariable() {
    return false;
  }

  /**
   * {@code slots} in the order Keras 3 lists its optimizer variables: by variable then slot
   * ({@code Adam}: m and v of each weight) or by slot then variable ({@code RMSprop}: every
   * velocity, then every momentum, then every average gradient).
   */
  public List<Slot> kerasOrder(List<Slot> slots) {
    List<String> names = kerasSlotNames();
    for (Slot s : slots) {
      if (!names.contains(s.name()) && !BASE_SLOTS.contains(s.name())) {
        throw new IllegalStateException(name() + " has no Keras slot " + s.name());
      }
    }
    Comparator<Slot> byName = Comparator.comparingInt(s -> names.indexOf(s.name()));
    Comparator<Slot> byVariable = Comparator.comparingInt(Slot::variable);
    // the base optimizer's EMA averages, then its gradient accumulators, then the subclass's
    List<Slot> ordered = new ArrayList<>(slots.stream().filter(s -> s.name().equals(AVERAGE))
        .sorted(byVariable).toList());
    ordered.addAll(slots.stream().filter(s -> s.name().equals(ACCUMULATOR)).sorted(byVariable)
        .toList());
    ordered.addAll(slots.stream().filter(s -> !BASE_SLOTS.contains(s.name()))
        .sorted(kerasSlotsByVariable() ? byVariable.thenComparing(byName)
            : byName.thenComparing(byVariable)).toList());
    return ordered;
  }

  /** Keras's name of the EMA slot. */
  private static final String AVERAGE = "average";
  /** Keras's name of the gradient accumulation slot. */
  private static final String ACCUMULATOR = "gradient_accumulator";
  private static final List<String> BASE_SLOTS = List.of(AVERAGE, ACCUMULATOR);

  /**
   * The names of the ops {@code loss} depends on. A weight the loss does not reach (the
   * recurrent kernel of a one-step RNN, whose first state is zero) has a zero gradient, as
   * Keras's; TensorFlow's {@code AddGradients} would refuse it.
   */
  private static Set<String> opsFeeding(Operand<?> loss) {
    Set<String> seen = new HashSet<>();
    Deque<GraphOperation> todo = new ArrayDeque<>();
    todo.add((GraphOperation) loss.op());
    while (!todo.isEmpty()) {
      GraphOperation op = todo.pop();
      if (!seen.add(op.name())) {
        continue;
      }
      for (int i = 0; i < op.numInputs(); i++) {
        todo.push((GraphOperation) op.input(i).op());
      }
    }
    return seen;
  }

  /**
   * TensorFlow 1's {@code optimizer.minimize(loss)} on a graph: the gradients of {@code loss}
   * with respect to each variable's read (its {@code Identity}, since ref-typed variables
   * misbehave as direct inputs), then the update of every variable and of the step counter.
   * The updates wait for every gradient: an update changes its variable in place, and must not
   * run while a backward op still reads it.
   *
   * @param reads the {@code Identity} read of each variable, in the same order
   */
  public Minimize minimize(Graph graph, Ops tf, Operand<TFloat32> loss,
      List<Variable<TFloat32>> variables, List<Operand<TFloat32>> reads) {
    Set<String> feeding = opsFeeding(loss);
    List<Integer> reachable = new ArrayList<>();
    for (int i = 0; i < reads.size(); i++) {
      if (feeding.contains(reads.get(i).op().name())) {
        reachable.add(i);
      }
    }
    Operand<TFloat32> scaled = lossScaleFactor == null ? loss
        : tf.math.mul(loss, tf.constant((float) (double) lossScaleFactor));
    Output<?>[] grads = reachable.isEmpty() ? new Output<?>[0] : graph.addGradients(
        scaled.asOutput(), reachable.stream().map(i -> reads.get(i).asOutput())
            .toArray(Output<?>[]::new));
    List<Operand<TFloat32>> gradients = new ArrayList<>();
    List<Op> gradientOps = new ArrayList<>();
    for (int i = 0; i < reads.size(); i++) {
      int k = reachable.indexOf(i);
      @SuppressWarnings("unchecked")
      Operand<TFloat32> g = k >= 0 ? (Output<TFloat32>) grads[k]
          : tf.zerosLike(reads.get(i));
      if (lossScaleFactor != null && k >= 0) {
        g = tf.math.div(g, tf.constant((float) (double) lossScaleFactor));
      }
      gradients.add(g);
      gradientOps.add(tf.identity(g));
    }
    Ops scope = tf.withSubScope(name());
    List<Op> resets = new ArrayList<>();
    Variable<TInt64> iterations = scope.withName("iterations").variable(Shape.scalar(),
        TInt64.class);
    resets.add(scope.assign(iterations, scope.constant(0L)));
    Operand<TInt64> next = scope.math.add(scope.identity(iterations), scope.constant(1L));
    Operand<TFloat32> step = scope.dtypes.cast(next, TFloat32.class);
    // fed at every step with the current learning rate; the rate of now when not fed
    learningRateInput = schedule != null ? null : scope.withName("learning_rate")
        .placeholderWithDefault(scope.constant(learningRate), Shape.scalar());
    List<Slot> created = new ArrayList<>();
    Slots slots = (like, slotName, value) -> {
      Ops s = scope.withSubScope(like.op().name().replace('/', '_')).withSubScope(slotName);
      Variable<TFloat32> v = s.withName("variable").variable(like.shape(), TFloat32.class);
      resets.add(s.withName("reset").assign(v, s.fill(s.constant(like.shape()),
          s.constant(value))));
      created.add(new Slot(variables.indexOf(like), slotName, v));
      return v;
    };
    List<Variable<TFloat32>> averages = new ArrayList<>();
    List<Variable<TFloat32>> accumulators = new ArrayList<>();
    for (Variable<TFloat32> w : variables) {
      if (useEma) {
        averages.add(slots.zerosLike(w, AVERAGE));
      }
      if (gradientAccumulationSteps != null) {
        accumulators.add(slots.zerosLike(w, ACCUMULATOR));
      }
    }
    Ops afterGradients = scope.withControlDependencies(gradientOps);
    List<Operand<TFloat32>> used = gradients;
    if (gradientAccumulationSteps != null) {
      // the update step's gradient: (g + accumulated) / steps
      Operand<TFloat32> n = scope.constant((float) (int) gradientAccumulationSteps);
      used = new ArrayList<>();
      for (int i = 0; i < variables.size(); i++) {
        used.add(scope.math.div(scope.math.add(gradients.get(i), accumulators.get(i)), n));
      }
    }
    Op apply = applyGradients(afterGradients, variables, used, slots, step);
    Op accumulate = null;
    if (gradientAccumulationSteps != null) {
      Ops afterApply = scope.withControlDependencies(List.of(apply));
      List<Op> cleared = new ArrayList<>();
      List<Op> added = new ArrayList<>();
      for (int i = 0; i < variables.size(); i++) {
        cleared.add(afterApply.assign(accumulators.get(i), afterApply.zerosLike(gradients.get(i))));
        added.add(afterGradients.assignAdd(accumulators.get(i), gradients.get(i)));
      }
      apply = scope.withControlDependencies(cleared).noOp();
      accumulate = scope.withControlDependencies(added).noOp();
    }
    List<Op> finalize = new ArrayList<>();
    if (useEma) {
      apply = movingAverages(scope, variables, averages, apply, next);
      if (accumulate != null) {
        accumulate = movingAverages(scope, variables, averages, accumulate, next);
      }
      for (int i = 0; i < variables.size(); i++) {
        finalize.add(tf.assign(variables.get(i), tf.identity(averages.get(i))));
      }
    }
    Op update = tf.withControlDependencies(List.of(apply, scope.assign(iterations, next))).noOp();
    Op accumulateOnly = accumulate == null ? null : tf.withControlDependencies(List.of(
        accumulate, scope.assign(iterations, next))).noOp();
    return new Minimize(update, tf.withControlDependencies(resets).noOp(), iterations,
        List.copyOf(created), learningRateInput,
        finalize.isEmpty() ? null : tf.withControlDependencies(finalize).noOp(),
        accumulateOnly, gradientAccumulationSteps == null ? 1 : gradientAccumulationSteps);
  }

  /**
   * Keras's {@code _update_model_variables_moving_average} after the update {@code apply}:
   * {@code a = m a + (1 - m) w}, m 0 at the first step; then, every
   * {@code ema_overwrite_frequency} steps, {@code w = a}. {@code next} is
   * {@code iterations + 1}, a value apart from the counter's variable (a read of the variable
   * itself would see its increment).
   *
   * @return the op after which the averages (and any overwrite) are done
   */
  private Op movingAverages(Ops tf, List<Variable<TFloat32>> variables,
      List<Variable<TFloat32>> averages, Op apply, Operand<TInt64> next) {
    Ops after = tf.withControlDependencies(List.of(apply));
    Operand<TFloat32> m = after.math.mul(after.dtypes.cast(after.math.notEqual(next,
        after.constant(1L)), TFloat32.class), after.constant((float) emaMomentum));
    Operand<TFloat32> one = after.constant(1f);
    List<Op> done = new ArrayList<>();
    for (int i = 0; i < variables.size(); i++) {
      Variable<TFloat32> w = variables.get(i);
      Variable<TFloat32> a = averages.get(i);
      org.tensorflow.op.core.Assign<TFloat32> average = after.assign(a, after.math.add(
          after.math.mul(m, a), after.math.mul(after.math.sub(one, m), after.identity(w))));
      if (emaOverwriteFrequency != null) {
        Operand<org.tensorflow.types.TBool> now = after.math.equal(after.math.mod(next,
            after.constant((long) emaOverwriteFrequency)), after.constant(0L));
        done.add(after.assign(w, after.select(now, average, after.identity(w))));
      } else {
        done.add(average);
      }
    }
    return tf.withControlDependencies(done).noOp();
  }

  /** The update of one variable from its gradient. */
  protected abstract Op applyDense(Ops tf, Variable<TFloat32> variable, Operand<TFloat32> gradient,
      Slots slots, Operand<TFloat32> step);

  @Override
  public String toString() {
    return name() + "(learning_rate=" + learningRate + ")";
  }
}
