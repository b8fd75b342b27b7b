package dev.tfjlabs.keras.layers.rnn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tfjlabs.keras.config.Config;
import dev.tfjlabs.keras.layers.Activation;
import dev.tfjlabs.keras.layers.CallContext;
import dev.tfjlabs.keras.layers.Layer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * {@code keras.layers.Bidirectional(layer, merge_mode="concat")}: a copy of the layer reads the
 * sequence forwards, another backwards, and their outputs are merged: {@code "concat"} on the
 * last axis (forward first), {@code "sum"}, {@code "mul"}, {@code "ave"} element-wise, or kept
 * apart (merge mode null, Keras's None: two outputs, forward then backward). With
 * {@code returnSequences} the backward outputs are reversed in time first, so step t holds both
 * directions' state at t. Weights: the forward layer's, then the backward layer's. Keras's
 * {@code backward_layer} gives the backward direction a layer of its own (reading the other
 * way, with the same {@code return_sequences} and {@code return_state}; other units only with
 * "concat" or None). Called on several tensors, Keras's {@code initial_state}: the forward
 * direction's states, then the backward one's.
 */
public final class Bidirectional extends Layer {
  private static final List<String> MERGE_MODES = java.util.Arrays.asList("concat", "sum",
      "mul", "ave", null);
  private final RNN forward;
  private final RNN backward;
  private final String mergeMode;

  public Bidirectional(RNN layer) {
    this(layer, null);
  }

  public Bidirectional(RNN layer, String name) {
    this(layer, "concat", name);
  }

  /** @param mergeMode "concat" (Keras's default), "sum", "mul", "ave", or null for two outputs */
  public Bidirectional(RNN layer, String mergeMode, String name) {
    this(layer, null, mergeMode, name);
  }

  /**
   * @param backwardLayer Keras's {@code backward_layer}, or null for a copy of {@code layer}
   *     reading the other way
   * @param mergeMode "concat" (Keras's default), "sum", "mul", "ave", or null for two outputs
   */
  public Bidirectional(RNN layer, RNN backwardLayer, String mergeMode, String name) {
    super(name);
    if (!MERGE_MODES.contains(mergeMode)) {
      throw new IllegalArgumentException("merge_mode must be concat, sum, mul, ave or None, got "
          + mergeMode);
    }
    this.mergeMode = mergeMode;
    if (layer.activityRegularizer() != null) {
      throw new IllegalArgumentException("Bidirectional " + name + ": an activity_regularizer on"
          + " its " + layer.kerasType() + " is not supported; put an ActivityRegularization"
          + " layer after the Bidirectional instead");
    }
    // Keras names the copies forward_X and backward_X, X without a forward_ prefix it may have
    String inner = layer.name() != null ? layer.name().replaceFirst("^forward_", "")
        : layer.defaultName();
    // Keras forces zero_output_for_mask to return_sequences on both directions
    this.forward = layer.copy("forward_" + inner, layer.options().goBackwards(),
        layer.returnSequences());
    RNN back = backwardLayer == null ? layer : backwardLayer;
    if (backwardLayer != null) {
      check(layer, backwardLayer, mergeMode);
    }
    this.backward = back.copy(backwardLayer != null && backwardLayer.name() != null
        ? backwardLayer.name() : "backward_" + inner,
        backwardLayer == null ? !layer.options().goBackwards() : back.options().goBackwards(),
        layer.returnSequences());
    layer.regularizers().forEach(forward::regularizer);
    back.regularizers().forEach(backward::regularizer);
    layer.constraints().forEach(forward::constraint);
    back.constraints().forEach(backward::constraint);
  }

  /** Keras's {@code _verify_layer_config}, and equal units where the outputs are combined. */
  private static void check(RNN forward, RNN backward, String mergeMode) {
    if (forward.options().goBackwards() == backward.options().goBackwards()) {
      throw new IllegalArgumentException("Bidirectional: the forward and the backward layer"
          + " must read in different directions (go_backwards " + forward.options().goBackwards()
          + " on both)");
    }
    if (forward.returnSequences() != backward.returnSequences()
        || forward.options().returnState() != backward.options().returnState()) {
      throw new IllegalArgumentException("Bidirectional: the forward and the backward layer"
          + " must have the same return_sequences and return_state");
    }
    if (backward.activityRegularizer() != null) {
      throw new IllegalArgumentException("Bidirectional: an activity_regularizer on the"
          + " backward layer is not supported");
    }
    if (mergeMode != null && !mergeMode.equals("concat")
        && forward.units() != backward.units()) {
      throw new IllegalArgumentException("Bidirectional: merge_mode " + mergeMode + " needs"
          + " directions of equal units, got " + forward.units() + " and " + backward.units());
    }
  }

  /**
   * Keras's {@code Bidirectional.from_config}: the wrapped layer's entry built by
   * {@code layers} (the model's layer registry), and its {@code backward_layer}.
   */
  public static Bidirectional fromConfig(Config c, Function<JsonNode, Layer> layers) {
    String mode = c.holds("merge_mode") ? c.text("merge_mode", null) : "concat";
    if (!MERGE_MODES.contains(mode)) {
      throw c.unsupported("merge_mode", mode);
    }
    JsonNode inner = c.require("layer");
    Layer forward = layers.apply(inner);
    if (!(forward instanceof RNN rnn)) {
      throw new IllegalArgumentException(c.who() + " wraps " + inner.path("class_name").asText()
          + "; only SimpleRNN, LSTM and GRU");
    }
    JsonNode backward = c.get("backward_layer");
    RNN back = null;
    if (backward != null) {
      Layer built = layers.apply(backward);
      if (!(built instanceof RNN b)) {
        throw new IllegalArgumentException(c.who() + "'s backward_layer is "
            + backward.path("class_name").asText() + "; only SimpleRNN, LSTM and GRU");
      }
      back = b;
    }
    try {
      return new Bidirectional(rnn, back, mode, c.name());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(c.who() + ": " + e.getMessage(), e);
    }
  }

  /** The merge mode: "concat", "sum", "mul", "ave", or null for two outputs. */
  public String mergeMode() {
    return mergeMode;
  }

  @Override
  protected int[] doBuild(int[] in) {
    return doBuildAll(List.of(in)).get(0);
  }

  /**
   * One output, or the two directions' with merge mode None; with the layer's
   * {@code return_state}, then the forward direction's final states and the backward one's, as
   * Keras's Bidirectional returns them. Initial states after the input: the forward
   * direction's, then the backward one's.
   */
  @Override
  protected List<int[]> doBuildAll(List<int[]> shapes) {
    int fk = forward.stateCount();
    int bk = backward.stateCount();
    if (shapes.size() != 1 && shapes.size() != 1 + fk + bk) {
      throw new IllegalArgumentException("layer " + name() + " (Bidirectional) takes its input"
          + " and, as initial states, " + (fk + bk) + " tensors (the forward direction's, then"
          + " the backward one's); got " + (shapes.size() - 1));
    }
    forward.nestUnder(path());
    backward.nestUnder(path());
    List<int[]> fo = forward.build(initialFor(shapes, 1, fk));
    List<int[]> bo = backward.build(initialFor(shapes, 1 + fk, bk));
    addWeightsOf(forward);
    addWeightsOf(backward);
    int[] merged = fo.get(0).clone();
    if ("concat".equals(mergeMode)) {
      merged[merged.length - 1] += bo.get(0)[bo.get(0).length - 1];
    }
    List<int[]> out = new java.util.ArrayList<>(mergeMode == null
        ? List.of(fo.get(0), bo.get(0)) : List.of(merged));
    out.addAll(fo.subList(1, fo.size()));
    out.addAll(bo.subList(1, bo.size()));
    return out;
  }

  /** The first item, then {@code count} items from {@code from} when there are initial states. */
  private static <T> List<T> initialFor(List<T> items, int from, int count) {
    List<T> out = new java.util.ArrayList<>();
    out.add(items.get(0));
    if (items.size() > 1) {
      out.addAll(items.subList(from, from + count));
    }
    return out;
  }

  /** Keras's {@code compute_mask}: the sequence's mask with {@code returnSequences}. */
  @Override
  public Operand<org.tensorflow.types.TBool> computeMask(List<Operand<TFloat32>> inputs,
      List<Operand<org.tensorflow.types.TBool>> masks, CallContext ctx) {
    return forward.returnSequences() && !masks.isEmpty() ? masks.get(0) : null;
  }

  /** The forward and backward copies, whose weights this layer holds in that order. */
  public List<RNN> directions() {
    return List.of(forward, backward);
  }

  /**
   * Keras 3's config: {@code merge_mode "concat"} and both directions' serialised layers (the
   * forward one under {@code layer}).
   */
  @Override
  protected void addConfig(Map<String, Object> c) {
    c.put("merge_mode", mergeMode);
    c.put("layer", serialize(forward));
    c.put("backward_layer", serialize(backward));
  }

  private static Map<String, Object> serialize(RNN layer) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("module", "keras.layers");
    s.put("class_name", layer.kerasType());
    s.put("config", layer.getConfig());
    s.put("registered_name", null);
    return s;
  }

  @Override
  public List<Activation> activations() {
    return forward.activations();
  }

  @Override
  public boolean usesTraining() {
    return forward.usesTraining();
  }

  @Override
  public Operand<TFloat32> call(Operand<TFloat32> x, CallContext ctx) {
    return callAll(List.of(x), ctx).get(0);
  }

  @Override
  public List<Operand<TFloat32>> callAll(List<Operand<TFloat32>> inputs, CallContext ctx) {
    return callMasked(inputs, java.util.Collections.nCopies(inputs.size(), null), ctx);
  }

  /** Both directions read the sequence's mask. */
  @Override
  public List<Operand<TFloat32>> callMasked(List<Operand<TFloat32>> inputs,
      List<Operand<org.tensorflow.types.TBool>> masks, CallContext ctx) {
    Ops tf = ctx.tf();
    int fk = forward.stateCount();
    List<Operand<TFloat32>> forwardIn = initialFor(inputs, 1, fk);
    List<Operand<TFloat32>> backwardIn = initialFor(inputs, 1 + fk, backward.stateCount());
    List<Operand<TFloat32>> forwardOut = forward.callMasked(forwardIn,
        java.util.Collections.nCopies(forwardIn.size(), masks.get(0)), ctx);
    List<Operand<TFloat32>> backwardOut = backward.callMasked(backwardIn,
        java.util.Collections.nCopies(backwardIn.size(), masks.get(0)), ctx);
    Operand<TFloat32> f = forwardOut.get(0);
    Operand<TFloat32> b = backwardOut.get(0);
    if (forward.returnSequences()) {
      b = tf.reverse(b, tf.constant(new int[] {1}));
    }
    List<Operand<TFloat32>> out = new java.util.ArrayList<>();
    if (mergeMode == null) {
      out.add(f);
      out.add(b);
    } else {
      out.add(switch (mergeMode) {
        case "sum" -> tf.math.add(f, b);
        case "mul" -> tf.math.mul(f, b);
        case "ave" -> tf.math.mul(tf.math.add(f, b), tf.constant(0.5f));
        default -> tf.concat(List.of(f, b), tf.constant(-1));
      });
    }
    out.addAll(forwardOut.subList(1, forwardOut.size()));
    out.addAll(backwardOut.subList(1, backwardOut.size()));
    return out;
  }
}
