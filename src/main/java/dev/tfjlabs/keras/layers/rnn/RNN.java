package dev.tfjlabs.keras.layers.rnn;

import dev.tfjlabs.keras.backend.Floats;
import dev.tfjlabs.keras.config.Config;
import dev.tfjlabs.keras.initializers.Initializer;
import dev.tfjlabs.keras.initializers.Initializers;
import dev.tfjlabs.keras.initializers.KerasInitializer;
import dev.tfjlabs.keras.layers.Activation;
import dev.tfjlabs.keras.layers.CallContext;
import dev.tfjlabs.keras.layers.Layer;
import dev.tfjlabs.keras.layers.LayerStates;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Stack;
import org.tensorflow.op.core.Unstack;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Keras's {@code RNN} layer: runs a cell over inputs [batch, steps, features]. TensorFlow Java
 * cannot differentiate a while loop, so the steps are unrolled statically; the number of steps
 * must be known when the layer is built. Dropout ({@code dropout > 0}) multiplies the inputs by
 * one mask per sequence, shared by all steps, in training only; recurrent dropout
 * ({@code recurrent_dropout > 0}) multiplies the previous output by one mask per gate and
 * sequence in each gate's recurrent product, and then, as Keras's implementation 1, the inputs
 * get one dropout mask per gate too.
 *
 * <p>Called on several tensors ({@code layer.applyAll(List.of(x, h0, c0))}, Keras's
 * {@code layer(x, initial_state=[h0, c0])}), the states start from the tensors after the first
 * instead of zeros; with {@code returnState} the layer returns the final states after its
 * output, Keras's {@code [output, state_h, state_c]} (h alone for SimpleRNN and GRU).
 */
public abstract class RNN extends Layer {
  private final RNNOptions options;
  private final RNNCell cell;
  private int steps;

  protected RNN(RNNOptions options, RNNCell cell) {
    super(options.name());
    this.options = options;
    this.cell = cell;
  }

  public RNNOptions options() {
    return options;
  }

  public int units() {
    return options.units();
  }

  public boolean returnSequences() {
    return options.returnSequences();
  }

  public boolean returnState() {
    return options.returnState();
  }

  /**
   * Keras 3's config of a recurrent layer: the base RNN's arguments, the cell's, and this
   * library's Keras defaults ({@code use_bias}, no recurrent dropout, no state kept between
   * batches). A {@code .pytorch()} layer describes its Keras equivalent; its second bias is
   * folded in when the weights are saved.
   */
  @Override
  protected void addConfig(Map<String, Object> c) {
    c.put("return_sequences", options.returnSequences());
    c.put("return_state", options.returnState());
    c.put("go_backwards", options.goBackwards());
    c.put("stateful", options.stateful());
    c.put("unroll", false);
    c.put("zero_output_for_mask", options.zeroOutputForMask());
    c.put("units", options.units());
    c.put("activation", options.activation().kerasName());
    addGateConfig(c);
    c.put("use_bias", options.useBias());
    c.put("kernel_initializer", KerasInitializer.serialize(
        orDefault(options.kernelInitializer(), Initializers.glorotUniform())));
    c.put("recurrent_initializer", KerasInitializer.serialize(
        orDefault(options.recurrentInitializer(), Initializers.orthogonal())));
    c.put("bias_initializer", KerasInitializer.serialize(
        orDefault(options.biasInitializer(), Initializers.zeros())));
    addCellConfig(c);
    c.put("kernel_regularizer", regularizerConfig("kernel"));
    c.put("recurrent_regularizer", regularizerConfig("recurrent_kernel"));
    c.put("bias_regularizer", regularizerConfig("bias"));
    c.put("activity_regularizer", activityRegularizerConfig());
    c.put("kernel_constraint", constraintConfig("kernel"));
    c.put("recurrent_constraint", constraintConfig("recurrent_kernel"));
    c.put("bias_constraint", constraintConfig("bias"));
    c.put("dropout", Floats.decimal(options.dropout()));
    c.put("recurrent_dropout", Floats.decimal(options.recurrentDropout()));
    c.put("seed", null);
  }

  @Override
  public List<Activation> activations() {
    return List.of(options.activation(), options.recurrentActivation());
  }

  /** {@code recurrent_activation}, for the gated cells. */
  protected void addGateConfig(Map<String, Object> c) {
    c.put("recurrent_activation", options.recurrentActivation().kerasName());
  }

  /** The cell's own arguments ({@code unit_forget_bias}, {@code reset_after}). */
  protected void addCellConfig(Map<String, Object> c) {}

  /**
   * A fresh, unbuilt layer with the same settings, as Keras's Bidirectional clones its layer
   * (reading the other way, and with its {@code zero_output_for_mask}).
   */
  public abstract RNN copy(String name, boolean goBackwards, boolean zeroOutputForMask);

  /** How many states the layer carries: 1 (h), or 2 for the LSTM (h, c). */
  public int stateCount() {
    return cell.stateCount();
  }

  /** Names this layer's weights are created under, below the owning Bidirectional if any. */
  void nestUnder(String scope) {
    setScope(scope);
  }

  /**
   * The input (steps, features) and any initial states, each (units); the output, then the
   * final states with {@code returnState}.
   */
  @Override
  protected List<int[]> doBuildAll(List<int[]> shapes) {
    List<int[]> initial = shapes.subList(1, shapes.size());
    if (!initial.isEmpty() && initial.size() != cell.stateCount()) {
      throw new IllegalArgumentException("layer " + name() + " (" + kerasType() + ") takes "
          + cell.stateCount() + " initial state" + (cell.stateCount() == 1 ? "" : "s")
          + " after its input, got " + initial.size());
    }
    for (int[] s : initial) {
      if (s.length != 1 || s[0] != units()) {
        throw new IllegalArgumentException("layer " + name() + " (" + kerasType() + "): an"
            + " initial state has shape (" + units() + "), got " + Arrays.toString(s));
      }
    }
    List<int[]> out = new ArrayList<>();
    out.add(doBuild(shapes.get(0)));
    for (int i = 0; options.returnState() && i < cell.stateCount(); i++) {
      out.add(new int[] {units()});
    }
    return out;
  }

  @Override
  protected int[] doBuild(int[] in) {
    if (in.length != 2 || in[1] <= 0) {
      throw badShape(kerasType(), "(steps, features)", in);
    }
    if (in[0] <= 0) {
      throw new IllegalArgumentException("layer " + name() + " (" + kerasType() + ") unrolls its"
          + " steps and needs their number, but its input has any number (None); give the input"
          + " a fixed number of steps (for a file: KerasFile.load(file, inputShapes))");
    }
    steps = in[0];
    cell.build(in[1], this::addWeight);
    return options.returnSequences() ? new int[] {steps, units()} : new int[] {units()};
  }

  /** Keras's {@code compute_mask}: the input's mask with {@code returnSequences}, else none. */
  @Override
  public Operand<TBool> computeMask(List<Operand<TFloat32>> inputs, List<Operand<TBool>> masks,
      CallContext ctx) {
    return options.returnSequences() && !masks.isEmpty() ? masks.get(0) : null;
  }

  @Override
  public boolean usesTraining() {
    return options.dropout() > 0 || options.recurrentDropout() > 0;
  }

  @Override
  public Operand<TFloat32> call(Operand<TFloat32> x, CallContext ctx) {
    return callAll(List.of(x), ctx).get(0);
  }

  @Override
  public List<Operand<TFloat32>> callAll(List<Operand<TFloat32>> in, CallContext ctx) {
    return callMasked(in, java.util.Collections.nCopies(in.size(), null), ctx);
  }

  /**
   * With a mask on the sequence ([batch, steps], Keras's {@code Embedding(mask_zero=True)} or
   * {@code Masking}), a masked step leaves the states as they were and outputs the previous
   * output (zeros with {@code zero_output_for_mask}), as Keras's {@code rnn} does, so that
   * padding at either end does not change the result.
   */
  @Override
  public List<Operand<TFloat32>> callMasked(List<Operand<TFloat32>> in,
      List<Operand<TBool>> masks, CallContext ctx) {
    Operand<TFloat32> x = in.get(0);
    Operand<TBool> mask = masks.get(0);
    List<Operand<TFloat32>> initial = in.size() > 1 ? in.subList(1, in.size()) : null;
    Ops tf = ctx.tf();
    int features = inputShape()[1];
    Operand<TFloat32> timeMajor = tf.linalg.transpose(x, tf.constant(new int[] {1, 0, 2}));
    List<Variable<TFloat32>> stored = options.stateful() && ctx.states() != null
        && initial == null ? keptStates(ctx) : null;
    if (stored != null) {
      Operand<TInt32> batch = tf.reshape(tf.slice(tf.shape(x), tf.constant(new int[] {0}),
          tf.constant(new int[] {1})), tf.constant(new int[0]));
      initial = new ArrayList<>();
      for (Variable<TFloat32> v : stored) {
        initial.add(LayerStates.initial(tf, v, batch, units(), name()));
      }
    }
    int gates = options.maskPerGate() ? cell.gates() : 1;
    boolean inputDropout = ctx.training() && options.dropout() > 0;
    if (inputDropout && gates == 1) {
      Operand<TInt32> batchByFeatures = tf.slice(tf.shape(timeMajor), tf.constant(new int[] {1}),
          tf.constant(new int[] {2}));
      timeMajor = tf.math.mul(timeMajor, ctx.dropoutMask(batchByFeatures, options.dropout(), path()));
    }
    List<Operand<TFloat32>> recurrentMasks = ctx.training() && options.recurrentDropout() > 0
        ? recurrentDropoutMasks(ctx, timeMajor) : null;
    if (cell instanceof FusedCell fused && fused.fused() && initial == null
        && !options.returnState() && mask == null && recurrentMasks == null
        && !(inputDropout && gates > 1)) {
      return List.of(fusedCall(tf, fused, ctx, timeMajor));
    }
    Operand<TFloat32> projected = inputDropout && gates > 1
        ? projectPerGate(ctx, timeMajor, features, gates)
        : cell.projectInputs(ctx, tf.reshape(timeMajor, tf.constant(new int[] {-1, features})));
    RNNCell.Steps cellSteps = cell.steps(ctx, projected, steps);
    List<Operand<TFloat32>> outputs = new ArrayList<>(steps);
    List<Operand<TFloat32>> states = initial;
    List<Output<TBool>> stepMasks = mask == null ? null
        : tf.unstack(tf.expandDims(mask, tf.constant(-1)), (long) steps, Unstack.axis(1L))
            .output();
    Operand<TFloat32> previous = null;
    for (int i = 0; i < steps; i++) {
      int t = options.goBackwards() ? steps - 1 - i : i;
      List<Operand<TFloat32>> next = cellSteps.step(t, states, recurrentMasks);
      if (stepMasks == null) {
        states = next;
        outputs.add(states.get(0));
        continue;
      }
      Operand<TBool> m = stepMasks.get(t);
      List<Operand<TFloat32>> kept = new ArrayList<>();
      for (int k = 0; k < next.size(); k++) {
        Operand<TFloat32> before = states == null ? tf.zerosLike(next.get(k)) : states.get(k);
        kept.add(tf.select(m, next.get(k), before));
      }
      Operand<TFloat32> shown = options.zeroOutputForMask() || previous == null
          ? tf.zerosLike(next.get(0)) : previous;
      Operand<TFloat32> output = tf.select(m, next.get(0), shown);
      states = kept;
      outputs.add(output);
      previous = output;
    }
    List<Operand<TFloat32>> result = new ArrayList<>();
    result.add(options.returnSequences() ? tf.stack(outputs, Stack.axis(1L))
        : outputs.get(steps - 1));
    if (options.returnState()) {
      result.addAll(states);
    }
    if (stored == null) {
      return result;
    }
    // the final states stay for the next call; reading an output runs the update
    List<Op> keep = new ArrayList<>();
    for (int i = 0; i < stored.size(); i++) {
      keep.add(LayerStates.keep(tf, stored.get(i), states.get(i)));
    }
    Ops after = tf.withControlDependencies(keep);
    return result.stream().map(o -> (Operand<TFloat32>) after.identity(o)).toList();
  }

  /** This layer's kept states in the model's graph (h, and c for the LSTM). */
  private List<Variable<TFloat32>> keptStates(CallContext ctx) {
    List<Variable<TFloat32>> out = new ArrayList<>();
    for (int i = 0; i < cell.stateCount(); i++) {
      out.add(ctx.states().variable(ctx.tf(), path() + "/state_" + i, units()));
    }
    return out;
  }

  /**
   * Keras's implementation 1 input dropout: gate g's columns of the projection come from the
   * inputs times gate g's own mask (one per sequence, shared by the steps).
   */
  private Operand<TFloat32> projectPerGate(CallContext ctx, Operand<TFloat32> timeMajor,
      int features, int gates) {
    Ops tf = ctx.tf();
    Operand<TInt32> batchByFeatures = tf.slice(tf.shape(timeMajor), tf.constant(new int[] {1}),
        tf.constant(new int[] {2}));
    List<Operand<TFloat32>> columns = new ArrayList<>();
    for (int g = 0; g < gates; g++) {
      Operand<TFloat32> dropped = tf.math.mul(timeMajor, ctx.dropoutMask(batchByFeatures,
          options.dropout(), path() + "/dropout/" + g));
      Operand<TFloat32> all = cell.projectInputs(ctx, tf.reshape(dropped,
          tf.constant(new int[] {-1, features})));
      columns.add(tf.split(tf.constant(1), all, (long) gates).output().get(g));
    }
    return tf.concat(columns, tf.constant(1));
  }

  /**
   * Keras's recurrent dropout masks: one [batch, units] mask per gate (per sequence), each
   * {@code 1 / (1 - rate)} where kept and 0 where dropped.
   */
  private List<Operand<TFloat32>> recurrentDropoutMasks(CallContext ctx,
      Operand<TFloat32> timeMajor) {
    Ops tf = ctx.tf();
    Operand<TInt32> batchByUnits = tf.concat(List.of(tf.slice(tf.shape(timeMajor),
        tf.constant(new int[] {1}), tf.constant(new int[] {1})), tf.constant(new int[] {units()})),
        tf.constant(0));
    List<Operand<TFloat32>> masks = new ArrayList<>();
    for (int g = 0; g < cell.gates(); g++) {
      masks.add(ctx.dropoutMask(batchByUnits, options.recurrentDropout(),
          path() + "/recurrent_dropout/" + g));
    }
    return masks;
  }

  /**
   * The sequence in one fused kernel: inputs reversed in time for {@code goBackwards}, outputs
   * in processing order as the unrolled loop gives them.
   */
  private Operand<TFloat32> fusedCall(Ops tf, FusedCell fused, CallContext ctx,
      Operand<TFloat32> timeMajor) {
    Operand<TFloat32> ordered = options.goBackwards()
        ? tf.reverse(timeMajor, tf.constant(new int[] {0})) : timeMajor;
    Operand<TFloat32> h = fused.sequence(ctx, ordered);
    if (options.returnSequences()) {
      return tf.linalg.transpose(h, tf.constant(new int[] {1, 0, 2}));
    }
    return tf.gather(h, tf.constant(steps - 1), tf.constant(0));
  }

  /** Settings shared by the builders of SimpleRNN, LSTM and GRU, with Keras's defaults. */
  public abstract static class Builder<L extends RNN, B extends Builder<L, B>> {
    protected final int units;
    protected boolean returnSequences;
    protected boolean returnState;
    protected boolean goBackwards;
    protected float dropout;
    protected float recurrentDropout;
    protected int implementation = 2;
    protected Activation activation = Activation.TANH;
    protected Activation recurrentActivation = Activation.SIGMOID;
    protected Initializer kernelInitializer;
    protected Initializer recurrentInitializer;
    protected Initializer biasInitializer;
    protected boolean recurrentBias;
    protected boolean useBias = true;
    protected boolean zeroOutputForMask;
    protected boolean stateful;
    protected String name;

    protected Builder(int units) {
      this.units = units;
    }

    @SuppressWarnings("unchecked")
    protected B self() {
      return (B) this;
    }

    /** Output every step's h, not only the last (default false). */
    public B returnSequences(boolean value) {
      returnSequences = value;
      return self();
    }

    /** Also return the final states after the output (default false). */
    public B returnState(boolean value) {
      returnState = value;
      return self();
    }

    /** Process the sequence backwards (default false). */
    public B goBackwards(boolean value) {
      goBackwards = value;
      return self();
    }

    /** Input dropout rate in training (default 0). */
    public B dropout(double rate) {
      dropout = (float) rate;
      return self();
    }

    /**
     * Keras's {@code recurrent_dropout}: the fraction of the previous output's units dropped in
     * each gate's recurrent product in training, one mask per gate and sequence (default 0).
     */
    public B recurrentDropout(double rate) {
      recurrentDropout = (float) rate;
      return self();
    }

    /**
     * Keras's {@code implementation}: 2 (the default) shares one input dropout mask between the
     * gates, 1 draws one per gate (as Keras does whenever {@code recurrent_dropout} is set).
     */
    public B implementation(int value) {
      implementation = value;
      return self();
    }

    /**
     * Keras's {@code stateful} (default false): each call (each batch) starts from the final
     * states of the previous call, sample i from sample i, until {@code Model.resetStates()};
     * every batch must then have the same size.
     */
    public B stateful(boolean value) {
      stateful = value;
      return self();
    }

    /** Activation of the state (default tanh). */
    public B activation(Activation value) {
      activation = value;
      return self();
    }

    /** Activation of the gates (default sigmoid). */
    public B recurrentActivation(Activation value) {
      recurrentActivation = value;
      return self();
    }

    public B kernelInitializer(Initializer value) {
      kernelInitializer = value;
      return self();
    }

    public B recurrentInitializer(Initializer value) {
      recurrentInitializer = value;
      return self();
    }

    public B biasInitializer(Initializer value) {
      biasInitializer = value;
      return self();
    }

    public B name(String value) {
      name = value;
      return self();
    }

    /**
     * Keras's {@code zero_output_for_mask} (default false): with a mask and
     * {@code returnSequences}, a masked step outputs zeros instead of the previous output.
     */
    public B zeroOutputForMask(boolean value) {
      zeroOutputForMask = value;
      return self();
    }

    /** Keras's {@code use_bias} (default true); false: no bias vector at all. */
    public B useBias(boolean value) {
      useBias = value;
      return self();
    }

    /**
     * PyTorch's parameterisation ({@code nn.RNN}, {@code nn.GRU}): a second, recurrent bias
     * vector, and every weight initialised U(-1/sqrt(units), 1/sqrt(units)).
     */
    public B pytorch() {
      Initializer u = Initializers.randomUniform(-1 / Math.sqrt(units), 1 / Math.sqrt(units));
      kernelInitializer = u;
      recurrentInitializer = u;
      biasInitializer = u;
      recurrentBias = true;
      return self();
    }

    protected RNNOptions options() {
      return new RNNOptions(units, returnSequences, returnState, goBackwards, dropout,
          recurrentDropout, implementation, activation, recurrentActivation, kernelInitializer,
          recurrentInitializer, biasInitializer, recurrentBias, useBias, zeroOutputForMask,
          stateful, name);
    }

    public abstract L build();
  }

  /**
   * Reads the arguments every recurrent layer's config holds into {@code b}: the base RNN's
   * ({@code return_sequences}, {@code go_backwards}, ...) and the cell's ({@code activation},
   * {@code dropout}, the initializers); {@code recurrent_activation} for the gated cells.
   * The regularizers and constraints are read by {@link #withRegularizers} on the built layer.
   */
  protected static <B extends Builder<?, B>> B readConfig(Config c, B b, boolean gated) {
    b.stateful(c.bool("stateful", false));
    b.returnSequences(c.bool("return_sequences", false))
        .returnState(c.bool("return_state", false))
        .useBias(c.bool("use_bias", true))
        .zeroOutputForMask(c.bool("zero_output_for_mask", false))
        .goBackwards(c.bool("go_backwards", false))
        .dropout(c.number("dropout", 0.0))
        .recurrentDropout(c.number("recurrent_dropout", 0.0))
        .implementation(c.get("implementation") == null ? 2 : c.get("implementation").asInt())
        .activation(c.has("activation") ? activation(c, "activation") : Activation.TANH)
        .kernelInitializer(initializer(c, "kernel_initializer", Initializers.glorotUniform()))
        .recurrentInitializer(initializer(c, "recurrent_initializer",
            Initializers.orthogonal()))
        .biasInitializer(initializer(c, "bias_initializer", Initializers.zeros()));
    if (gated) {
      b.recurrentActivation(c.has("recurrent_activation")
          ? activation(c, "recurrent_activation") : Activation.SIGMOID);
    }
    if (c.name() != null) {
      b.name(c.name());
    }
    return b;
  }

  /** The given initializer, or the Keras default when it is null. */
  static Initializer orDefault(Initializer given, Initializer keras) {
    return given != null ? given : keras;
  }
}
