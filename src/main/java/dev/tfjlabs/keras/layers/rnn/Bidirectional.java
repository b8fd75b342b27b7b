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
 * directions' state at t. Weights: the forward layer's, then the backward layer's.
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
    this.backward = layer.copy("backward_" + inner, !layer.options().goBackwards(),
        layer.returnSequences());
    layer.regularizers().forEach(forward::regularizer);
    layer.regularizers().forEach(backward::regularizer);
    layer.constraints().forEach(forward::constraint);
    layer.constraints().forEach(backward::constraint);
  }

  /**
   * Keras's {@code Bidirectional.from_config}: the wrapped layer's entry built by
   * {@code layers} (the model's layer registry); a {@code backward_layer} must be the forward
   * one reading the other way, as Keras builds it by default.
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
    if (backward != null) {
      Map<String, Object> fc = new LinkedHashMap<>(rnn.getConfig());
      Map<String, Object> bc = new LinkedHashMap<>(layers.apply(backward).getConfig());
      for (Map<String, Object> m : List.of(fc, bc)) {
        m.remove("name");
        m.remove("go_backwards");
      }
      if (!backward.path("class_name").asText().equals(inner.path("class_name").asText())
          || !fc.equals(bc)) {
        throw new IllegalArgumentException(c.who() + ": a backward layer other than the"
            + " forward one reversed is not supported");
      }
    }
    return new Bidirectional(rnn, mode, c.name());
  }

  /** The merge mode: "concat", "sum", "mul", "ave", or null for two outputs. */
  public String mergeMode() {
    return mergeMode;
  }

  @Override
  protected int[] doBuild(int[] in) {
    forward.nestUnder(path());
    backward.nestUnder(path());
    int[] out = forward.build(in);
    backward.build(in);
    addWeightsOf(forward);
    addWeightsOf(backward);
    if ("concat".equals(mergeMode)) {
      out[out.length - 1] *= 2;
    }
    return out;
  }

  /**
   * One output, or the two directions' with merge mode None; with the layer's
   * {@code return_state}, then the forward direction's final states and the backward one's, as
   * Keras's Bidirectional returns them.
   */
  @Override
  protected List<int[]> doBuildAll(List<int[]> shapes) {
    int[] merged = super.doBuildAll(shapes).get(0);
    List<int[]> out = new java.util.ArrayList<>(mergeMode == null
        ? List.of(merged, merged.clone()) : List.of(merged));
    for (RNN direction : directions()) {
      List<int[]> own = direction.outputShapes();
      out.addAll(own.subList(1, own.size()));
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
    List<Operand<TFloat32>> x = List.of(inputs.get(0));
    List<Operand<org.tensorflow.types.TBool>> mask = java.util.Collections.singletonList(
        masks.get(0));
    List<Operand<TFloat32>> forwardOut = forward.callMasked(x, mask, ctx);
    List<Operand<TFloat32>> backwardOut = backward.callMasked(x, mask, ctx);
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
