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

  private final float learningRate;
  private LearningRateSchedule schedule;
  private Double weightDecay;
  private Double clipnorm;
  private Double clipvalue;
  private Double globalClipnorm;

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
    return schedule == null ? tf.constant(learningRate)
        : schedule.call(tf, tf.math.sub(step, tf.constant(1f)));
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
   * Keras 3's {@code get_config()}: the base optimizer's arguments (no weight decay, clipping,
   * EMA or loss scaling here) and the subclass's, or null for an optimizer Keras does not have.
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
    c.put("use_ema", false);
    c.put("ema_momentum", 0.99);
    c.put("ema_overwrite_frequency", null);
    c.put("loss_scale_factor", null);
    c.put("gradient_accumulation_steps", null);
    addConfig(c);
    return c;
  }

  /**
   * Reads the base optimizer's arguments of a Keras config and returns the learning rate
   * ({@code defaultLearningRate} when absent: a plain {@code "adam"}).
   * Keras 2's {@code lr} is the learning rate; its {@code decay} is ignored with a warning when
   * it is not zero, and Nadam's {@code schedule_decay} with a warning, as Keras 3's optimizers
   * ignore them. EMA, loss scaling and gradient accumulation are refused unless unset;
   * weight decay and clipping are read by {@link #withBaseOptions}.
   */
  protected static double readBaseConfig(Config c, double defaultLearningRate) {
    c.none("loss_scale_factor", "gradient_accumulation_steps", "ema_overwrite_frequency");
    c.fixed("use_ema", false);
    for (String k : new String[] {"ema_momentum", "jit_compile", "is_legacy_optimizer"}) {
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
    for (String k : new String[] {"weight_decay", "clipnorm", "clipvalue", "global_clipnorm"}) {
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
   * step counter and every slot to zero (run it once before training).
   */
  public record Minimize(Op update, Op reset, Variable<TInt64> iterations, List<Slot> slots) {}

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
      if (!names.contains(s.name())) {
        throw new IllegalStateException(name() + " has no Keras slot " + s.name());
      }
    }
    Comparator<Slot> byName = Comparator.comparingInt(s -> names.indexOf(s.name()));
    Comparator<Slot> byVariable = Comparator.comparingInt(Slot::variable);
    return slots.stream().sorted(kerasSlotsByVariable() ? byVariable.thenComparing(byName)
        : byName.thenComparing(byVariable)).toList();
  }

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
    Output<?>[] grads = reachable.isEmpty() ? new Output<?>[0] : graph.addGradients(
        loss.asOutput(), reachable.stream().map(i -> reads.get(i).asOutput())
            .toArray(Output<?>[]::new));
    List<Operand<TFloat32>> gradients = new ArrayList<>();
    List<Op> gradientOps = new ArrayList<>();
    for (int i = 0; i < reads.size(); i++) {
      int k = reachable.indexOf(i);
      @SuppressWarnings("unchecked")
      Operand<TFloat32> g = k >= 0 ? (Output<TFloat32>) grads[k]
          : tf.zerosLike(reads.get(i));
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
    List<Slot> created = new ArrayList<>();
    Slots slots = (like, slotName, value) -> {
      Ops s = scope.withSubScope(like.op().name().replace('/', '_')).withSubScope(slotName);
      Variable<TFloat32> v = s.withName("variable").variable(like.shape(), TFloat32.class);
      resets.add(s.withName("reset").assign(v, s.fill(s.constant(like.shape()),
          s.constant(value))));
      created.add(new Slot(variables.indexOf(like), slotName, v));
      return v;
    };
    Op apply = applyGradients(scope.withControlDependencies(gradientOps), variables, gradients,
        slots, step);
    Op update = tf.withControlDependencies(List.of(apply, scope.assign(iterations, next))).noOp();
    return new Minimize(update, tf.withControlDependencies(resets).noOp(), iterations,
        List.copyOf(created));
  }

  /** The update of one variable from its gradient. */
  protected abstract Op applyDense(Ops tf, Variable<TFloat32> variable, Operand<TFloat32> gradient,
      Slots slots, Operand<TFloat32> step);

  @Override
  public String toString() {
    return name() + "(learning_rate=" + learningRate + ")";
  }
}
