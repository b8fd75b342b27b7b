package dev.tfjlabs.keras.layers.rnn;

import dev.tfjlabs.keras.layers.CallContext;
import dev.tfjlabs.keras.layers.Layer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * {@code keras.layers.Bidirectional(layer)} with {@code merge_mode="concat"}: a copy of the
 * layer reads the sequence forwards, another backwards, and their outputs are concatenated on
 * the last axis (forward first). With {@code returnSequences} the backward outputs are reversed
 * in time first, so step t holds both directions' state at t. Weights: the forward layer's, then
 * the backward layer's.
 */
public final class Bidirectional extends Layer {
  private final RNN forward;
  private final RNN backward;

  public Bidirectional(RNN layer) {
    this(layer, null);
  }

  public Bidirectional(RNN layer, String name) {
    super(name);
    // Keras names the copies forward_X and backward_X, X without a forward_ prefix it may have
    String inner = layer.name() != null ? layer.name().replaceFirst("^forward_", "")
        : layer.defaultName();
    this.forward = layer.copy("forward_" + inner, layer.options().goBackwards());
    this.backward = layer.copy("backward_" + inner, !layer.options().goBackwards());
  }

  @Override
  protected int[] doBuild(int[] in) {
    forward.nestUnder(path());
    backward.nestUnder(path());
    int[] out = forward.build(in);
    backward.build(in);
    addWeightsOf(forward);
    addWeightsOf(backward);
    out[out.length - 1] *= 2;
    return out;
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
    c.put("merge_mode", "concat");
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
  public boolean usesTraining() {
    return forward.usesTraining();
  }

  @Override
  public Operand<TFloat32> call(Operand<TFloat32> x, CallContext ctx) {
    Ops tf = ctx.tf();
    Operand<TFloat32> f = forward.call(x, ctx);
    Operand<TFloat32> b = backward.call(x, ctx);
    if (forward.returnSequences()) {
      b = tf.reverse(b, tf.constant(new int[] {1}));
    }
    return tf.concat(List.of(f, b), tf.constant(-1));
  }
}
