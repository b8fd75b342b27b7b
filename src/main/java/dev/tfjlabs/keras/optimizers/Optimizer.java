package dev.tfjlabs.keras.optimizers;

import dev.tfjlabs.keras.config.Config;
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

  /** Creates the optimizer's per-variable state, initialised to zeros. */
  @FunctionalInterface
  public interface Slots {
    Variable<TFloat32> zerosLike(Variable<TFloat32> variable, String slotName);
  }

  private final float learningRate;

  protected Optimizer(double learningRate) {
    if (!(learningRate > 0)) {
      throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
    }
    this.learningRate = (float) learningRate;
  }

  public float learningRate() {
    return learningRate;
  }

  /** Keras's name of the optimizer. */
  public abstract String name();

  /**
   * Keras 3's {@code get_config()}: the base optimizer's arguments (no weight decay, clipping,
   * EMA or loss scaling here) and the subclass's, or null for an optimizer Keras does not have.
   */
  public Map<String, Object> getConfig() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("name", name().toLowerCase());
    c.put("learning_rate", (double) learningRate);
    for (String k : new String[] {"weight_decay", "clipnorm", "global_clipnorm", "clipvalue"}) {
      c.put(k, null);
    }
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
   * Keras 2's {@code lr} is the learning rate; its {@code decay} (and Nadam's
   * {@code schedule_decay}) is ignored with a warning when it is not zero, as Keras 3's
   * optimizers ignore it. Clipping, weight decay, EMA, loss scaling and gradient accumulation
   * are refused unless unset.
   */
  protected static double readBaseConfig(Config c, double defaultLearningRate) {
    c.none("weight_decay", "clipnorm", "global_clipnorm", "clipvalue", "loss_scale_factor",
        "gradient_accumulation_steps", "ema_overwrite_frequency");
    c.fixed("use_ema", false);
    for (String k : new String[] {"ema_momentum", "jit_compile", "is_legacy_optimizer"}) {
      c.ignore(k);
    }
    for (String k : new String[] {"decay", "schedule_decay"}) {
      if (c.has(k) && c.number(k, 0.0) != 0) {
        c.source().warn("the optimizer's " + k + "=" + c.get(k) + " (Keras 2's learning-rate"
            + " decay) is ignored, as Keras 3 ignores it");
      }
      c.ignore(k);
    }
    return c.has("lr") && !c.has("learning_rate") ? c.number("lr", null)
        : c.number("learning_rate", defaultLearningRate);
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
    List<Op> updates = new ArrayList<>();
    for (int i = 0; i < variables.size(); i++) {
      updates.add(applyDense(tf, variables.get(i), gradients.get(i), slots, step));
    }
    return tf.withControlDependencies(updates).noOp();
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
    Slots slots = (like, slotName) -> {
      Ops s = scope.withSubScope(like.op().name().replace('/', '_')).withSubScope(slotName);
      Variable<TFloat32> v = s.withName("variable").variable(like.shape(), TFloat32.class);
      resets.add(s.withName("reset").assign(v, s.zeros(s.constant(like.shape()), TFloat32.class)));
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
