package dev.tfjlabs.keras.layers.rnn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tfjlabs.keras.config.Config;
import dev.tfjlabs.keras.layers.Activation;
import dev.tfjlabs.keras.layers.CallContext;
import dev.tfjlabs.keras.layers.Layer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * {@code keras.layers.TimeDistributed(layer)}: the same layer (one set of weights) applied to
 * every step of a sequence [steps, ...], giving [steps, ...the layer's output]. Its weights are
 * the inner layer's, nested under this layer's name as Keras nests them.
 */
public final class TimeDistributed extends Layer {
  private final Layer layer;

  public TimeDistributed(Layer layer, String name) {
    super(name);
    if (layer instanceof RNN || layer instanceof Bidirectional) {
      throw new IllegalArgumentException("TimeDistributed of a recurrent layer is not supported");
    }
    if (layer.activityRegularizer() != null) {
      throw new IllegalArgumentException("TimeDistributed " + name + ": an activity_regularizer"
          + " on its " + layer.kerasType() + " is not supported; put an ActivityRegularization"
          + " layer after the TimeDistributed instead");
    }
    this.layer = layer;
  }

  /** Keras's {@code TimeDistributed.from_config}: the wrapped {@code layer}, built by {@code layers}. */
  public static TimeDistributed fromConfig(Config c, Function<JsonNode, Layer> layers) {
    return new TimeDistributed(layers.apply(c.require("layer")), c.name());
  }

  /** The wrapped layer. */
  public Layer layer() {
    return layer;
  }

  @Override
  protected int[] doBuild(int[] in) {
    if (in.length < 2 || in[0] <= 0) {
      throw badShape("TimeDistributed", "(steps, ...) with a known number of steps", in);
    }
    nest(layer);
    int[] inner = layer.build(Arrays.copyOfRange(in, 1, in.length));
    addWeightsOf(layer);
    int[] out = new int[inner.length + 1];
    out[0] = in[0];
    System.arraycopy(inner, 0, out, 1, inner.length);
    return out;
  }

  @Override
  public boolean usesTraining() {
    return layer.usesTraining();
  }

  @Override
  public List<Activation> activations() {
    return layer.activations();
  }

  @Override
  public Operand<TFloat32> call(Operand<TFloat32> x, CallContext ctx) {
    Ops tf = ctx.tf();
    int[] in = inputShape();
    int[] out = outputShape();
    int[] flatIn = new int[in.length];
    flatIn[0] = -1;
    System.arraycopy(in, 1, flatIn, 1, in.length - 1);
    Operand<TFloat32> y = layer.call(tf.reshape(x, tf.constant(flatIn)), ctx);
    int[] batched = new int[out.length + 1];
    batched[0] = -1;
    System.arraycopy(out, 0, batched, 1, out.length);
    return tf.reshape(y, tf.constant(batched));
  }

  /** Keras's {@code supports_masking}: it passes its input's mask on, as Keras's does. */
  @Override
  public boolean supportsMasking() {
    return true;
  }

  /** Keras 3's config: the wrapped layer, serialised. */
  @Override
  protected void addConfig(Map<String, Object> c) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("module", "keras.layers");
    s.put("class_name", layer.kerasType());
    s.put("config", layer.getConfig());
    s.put("registered_name", null);
    c.put("layer", s);
  }
}
