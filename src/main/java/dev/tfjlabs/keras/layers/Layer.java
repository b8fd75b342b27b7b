package dev.tfjlabs.keras.layers;

import dev.tfjlabs.keras.config.Config;
import dev.tfjlabs.keras.initializers.Initializer;
import dev.tfjlabs.keras.initializers.Initializers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * A Keras layer: it creates its weights in {@link #build} from the shape that arrives (shapes
 * exclude the batch dimension; -1 is an unknown size) and maps an input to an output in
 * {@link #call}. Layers hold configuration and weight descriptions only; the graph variables and
 * their values belong to the model, so one layer can be traced into several graphs (training,
 * inference, export).
 */
public abstract class Layer {
  private String name;
  private String scope = "";
  private final List<Weight> weights = new ArrayList<>();
  private int[] inputShape;
  private int[] outputShape;

  protected Layer(String name) {
    this.name = name;
  }

  /** Keras's class name, as the summary prints it: {@code LSTM}, {@code Dense}. */
  public String kerasType() {
    return getClass().getSimpleName();
  }

  /** Keras's default name: the class name in snake case ({@code simple_rnn}, {@code conv2d}). */
  public String defaultName() {
    return dev.tfjlabs.keras.config.Registry.snakeCase(kerasType());
  }

  public String name() {
    return name;
  }

  /** Names the layer (a model gives unnamed layers unique Keras-style names). */
  public void setName(String name) {
    if (inputShape != null) {
      throw new IllegalStateException("cannot rename layer " + this.name + " after build");
    }
    this.name = name;
  }

  /** Prefix of weight paths, for layers nested in another (Bidirectional). */
  protected void setScope(String scope) {
    this.scope = scope;
  }

  /** The layer's path in the model: its name, below any enclosing layer's. */
  public String path() {
    return scope.isEmpty() ? name : scope + "/" + name;
  }

  /**
   * Creates the weights for inputs of {@code inputShape} and returns the output shape.
   *
   * @throws IllegalArgumentException when the input shape does not suit the layer
   */
  public final int[] build(int[] inputShape) {
    if (this.inputShape != null) {
      throw new IllegalStateException("layer " + name + " is already built; use a new instance");
    }
    if (name == null) {
      name = defaultName();
    }
    this.outputShape = doBuild(inputShape.clone());
    this.inputShape = inputShape.clone();
    return outputShape.clone();
  }

  /** Validates {@code inputShape}, adds the weights and returns the output shape. */
  protected abstract int[] doBuild(int[] inputShape);

  /** The layer's forward computation on a batch. */
  public abstract Operand<TFloat32> call(Operand<TFloat32> x, CallContext ctx);

  /**
   * Keras's {@code get_config()}: {@code name}, {@code trainable}, {@code dtype} and the layer's
   * own arguments under Keras's names, with Keras's values for what this library keeps at
   * Keras's defaults (no regularizers or constraints), so that Keras rebuilds the same layer.
   */
  public final Map<String, Object> getConfig() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("name", name());
    c.put("trainable", true);
    c.put("dtype", dtypePolicy());
    addConfig(c);
    return c;
  }

  /** Adds the layer's own arguments to its config. */
  protected abstract void addConfig(Map<String, Object> config);

  /** Keras 3's float32 {@code DTypePolicy}, as a config holds it. */
  public static Map<String, Object> dtypePolicy() {
    Map<String, Object> policy = new LinkedHashMap<>();
    policy.put("module", "keras");
    policy.put("class_name", "DTypePolicy");
    policy.put("config", Map.of("name", "float32"));
    policy.put("registered_name", null);
    return policy;
  }

  /** The activations the layer computes with (its {@code activation} and the like). */
  public List<Activation> activations() {
    return List.of();
  }

  /** Whether {@code call} differs between training and inference (dropout). */
  public boolean usesTraining() {
    return false;
  }

  protected final Weight addWeight(String weightName, int[] shape, Initializer init) {
    Weight w = new Weight(path() + "/" + weightName, shape.clone(), init);
    weights.add(w);
    return w;
  }

  /** Adds a nested layer's weights to this layer's list, keeping Keras's order. */
  protected final void addWeightsOf(Layer inner) {
    weights.addAll(inner.weights());
  }

  /** The weights in Keras's order (kernel, recurrent kernel, bias). */
  public List<Weight> weights() {
    return Collections.unmodifiableList(weights);
  }

  public long countParams() {
    return weights.stream().mapToLong(Weight::size).sum();
  }

  public int[] inputShape() {
    return inputShape == null ? null : inputShape.clone();
  }

  public int[] outputShape() {
    return outputShape == null ? null : outputShape.clone();
  }

  /**
   * A config's initializer entry (a name or a dict, by every name Keras accepts), or
   * {@code otherwise} when absent.
   */
  protected static Initializer initializer(Config c, String key, Initializer otherwise) {
    var v = c.get(key);
    if (v == null) {
      return otherwise;
    }
    try {
      return Initializers.REGISTRY.get(v, c.source());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(c.who() + ": " + key + ": " + e.getMessage(), e);
    }
  }

  /** A config's activation entry, as the Keras version that wrote it defines it. */
  protected static Activation activation(Config c, String key) {
    var v = c.get(key);
    try {
      return Activation.of(v, c.source().version());
    } catch (IllegalArgumentException e) {
      throw c.unsupported(key, v);
    }
  }

  protected static IllegalArgumentException badShape(String layer, String expected, int[] got) {
    return new IllegalArgumentException(layer + " expects inputs of shape " + expected
        + " (without the batch dimension), got " + Arrays.toString(got));
  }
}
