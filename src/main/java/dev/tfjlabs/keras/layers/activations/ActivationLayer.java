package dev.tfjlabs.keras.layers.activations;

import dev.tfjlabs.keras.config.Config;
import dev.tfjlabs.keras.layers.Activation;
import dev.tfjlabs.keras.layers.CallContext;
import dev.tfjlabs.keras.layers.Layer;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * {@code keras.layers.Activation(activation)}: applies any Keras activation by name
 * ({@link Activation}) element-wise. Named {@code ActivationLayer} in Java beside the
 * {@link Activation} functions; its Keras class name, in files and summaries, is
 * {@code Activation}.
 */
public final class ActivationLayer extends Layer {
  private final Activation activation;

  public ActivationLayer(Activation activation, String name) {
    super(name);
    this.activation = activation;
  }

  /** Keras's {@code Activation.from_config}: {@code activation}, as the file's Keras defines it. */
  public static ActivationLayer fromConfig(Config c) {
    c.require("activation");
    return new ActivationLayer(activation(c, "activation"), c.name());
  }

  @Override
  public String kerasType() {
    return "Activation";
  }

  @Override
  protected int[] doBuild(int[] in) {
    return in;
  }

  @Override
  public Operand<TFloat32> call(Operand<TFloat32> x, CallContext ctx) {
    return activation.apply(ctx.tf(), x);
  }

  @Override
  public List<Activation> activations() {
    return List.of(activation);
  }

  /** Keras's {@code supports_masking}: it passes its input's mask on, as Keras's does. */
  @Override
  public boolean supportsMasking() {
    return true;
  }

  @Override
  protected void addConfig(Map<String, Object> c) {
    c.put("activation", activation.kerasName());
  }
}
