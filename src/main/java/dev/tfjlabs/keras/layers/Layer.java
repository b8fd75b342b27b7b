package dev.tfjlabs.keras.layers;

import dev.tfjlabs.keras.config.Config;
import dev.tfjlabs.keras.constraints.Constraint;
import dev.tfjlabs.keras.constraints.Constraints;
import dev.tfjlabs.keras.initializers.Initializer;
import dev.tfjlabs.keras.initializers.Initializers;
import dev.tfjlabs.keras.regularizers.Regularizer;
import dev.tfjlabs.keras.regularizers.Regularizers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.tensorflow.Operand;
import org.tensorflow.types.TBool;
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
  private final Map<String, Regularizer> regularizers = new LinkedHashMap<>();
  private final Map<String, Constraint> constraints = new LinkedHashMap<>();
  private Regularizer activityRegularizer;
  private List<int[]> inputShapes;
  private List<int[]> outputShapes;
  private final List<Node> inboundNodes = new ArrayList<>();

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
    if (inputShapes != null) {
      throw new IllegalStateException("cannot rename layer " + this.name + " after build");
    }
    this.name = name;
  }

  /** Prefix of weight paths, for layers nested in another (Bidirectional). */
  protected void setScope(String scope) {
    this.scope = scope;
  }

  /** Makes {@code inner}'s weight paths start with this layer's (a wrapper's inner layer). */
  protected final void nest(Layer inner) {
    inner.scope = path();
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
    return build(List.of(inputShape)).get(0);
  }

  /**
   * Creates the weights for inputs of these shapes (one per input tensor) and returns the output
   * shapes (one per output tensor).
   *
   * @throws IllegalArgumentException when the input shapes do not suit the layer
   */
  public final List<int[]> build(List<int[]> shapes) {
    if (this.inputShapes != null) {
      throw new IllegalStateException("layer " + name + " is already built; use a new instance");
    }
    if (name == null) {
      name = defaultName();
    }
    List<int[]> in = copies(shapes);
    this.outputShapes = copies(doBuildAll(copies(shapes)));
    this.inputShapes = in;
    return copies(outputShapes);
  }

  private static List<int[]> copies(List<int[]> shapes) {
    return shapes.stream().map(int[]::clone).toList();
  }

  /** Validates {@code inputShape}, adds the weights and returns the output shape. */
  protected abstract int[] doBuild(int[] inputShape);

  /**
   * As {@link #doBuild(int[])} for a layer of several inputs or outputs (merge layers, a
   * recurrent layer returning its states); by default, one input and one output.
   */
  protected List<int[]> doBuildAll(List<int[]> shapes) {
    if (shapes.size() != 1) {
      throw new IllegalArgumentException("layer " + name + " (" + kerasType() + ") takes one"
          + " input, got " + shapes.size());
    }
    return List.of(doBuild(shapes.get(0)));
  }

  /**
   * Keras's {@code layer(x)} on symbolic tensors: builds the layer on their shapes the first
   * time (a later call must bring the same shapes, and shares the weights), records the call as
   * a new node and returns its only output.
   */
  public final KerasTensor apply(KerasTensor... inputs) {
    List<KerasTensor> out = applyAll(List.of(inputs));
    if (out.size() != 1) {
      throw new IllegalStateException("layer " + name + " returns " + out.size()
          + " tensors; use applyAll");
    }
    return out.get(0);
  }

  /** As {@link #apply}, for layers of several inputs or outputs: every output tensor. */
  public final List<KerasTensor> applyAll(List<KerasTensor> inputs) {
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("layer " + name + " (" + kerasType()
          + ") needs an input tensor");
    }
    List<int[]> shapes = inputs.stream().map(KerasTensor::shape).toList();
    if (inputShapes == null) {
      if (name == null) {
        name = Names.unique(defaultName());
      }
      build(shapes);
    } else if (!sameShapes(shapes, inputShapes)) {
      throw new IllegalArgumentException("layer " + name + " (" + kerasType() + ") was built for"
          + " inputs of shape " + describe(inputShapes) + " and cannot be called on "
          + describe(shapes));
    }
    Node node = new Node(this, inputs, outputShapes);
    inboundNodes.add(node);
    return node.outputs();
  }

  /** The node of an input layer: no inputs, one output of the layer's shape. */
  final void startNode() {
    if (name == null) {
      name = Names.unique(defaultName());
    }
    int[] shape = ((InputLayer) this).shape();
    build(shape);
    inboundNodes.add(new Node(this, List.of(), List.of(shape)));
  }

  private static boolean sameShapes(List<int[]> a, List<int[]> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!Arrays.equals(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  static String describe(List<int[]> shapes) {
    return shapes.stream().map(Arrays::toString).collect(Collectors.joining(", "));
  }

  /** The layer's calls on symbolic tensors, in order ({@code layer._inbound_nodes}). */
  public List<Node> inboundNodes() {
    return Collections.unmodifiableList(inboundNodes);
  }

  /** Keras's {@code layer.output}: the output of its only call. */
  public KerasTensor output() {
    return onlyNode("output").outputs().get(0);
  }

  /** Keras's {@code layer.input}: the input of its only call. */
  public KerasTensor input() {
    Node node = onlyNode("input");
    return node.isInput() ? node.outputs().get(0) : node.inputs().get(0);
  }

  private Node onlyNode(String what) {
    if (inboundNodes.size() != 1) {
      throw new IllegalStateException("layer " + name + " has " + inboundNodes.size()
          + " calls on symbolic tensors, so its " + what + " is ambiguous; use inboundNodes()");
    }
    return inboundNodes.get(0);
  }

  /** The layer's forward computation on a batch. */
  public abstract Operand<TFloat32> call(Operand<TFloat32> x, CallContext ctx);

  /**
   * The forward computation of a layer of several inputs or outputs; by default
   * {@link #call(Operand, CallContext)} on the one input.
   */
  public List<Operand<TFloat32>> callAll(List<Operand<TFloat32>> inputs, CallContext ctx) {
    return List.of(call(inputs.get(0), ctx));
  }

  /**
   * The forward computation given Keras's masks of the inputs (a [batch, steps] boolean per
   * input, null where none): the layers that read a mask (the recurrent layers, the average
   * pooling over steps) override it; the others ignore masks.
   */
  public List<Operand<TFloat32>> callMasked(List<Operand<TFloat32>> inputs,
      List<Operand<TBool>> masks, CallContext ctx) {
    return callAll(inputs, ctx);
  }

  /**
   * Keras's {@code supports_masking}: whether the layer passes its input's mask on unchanged
   * (Dense, Dropout, the activation layers, ...). Default false: the mask stops here.
   */
  public boolean supportsMasking() {
    return false;
  }

  /**
   * Keras's {@code compute_mask}: the mask of the (first) output, or null. By default the
   * first input's mask when {@link #supportsMasking()}, else none.
   */
  public Operand<TBool> computeMask(List<Operand<TFloat32>> inputs, List<Operand<TBool>> masks,
      CallContext ctx) {
    return supportsMasking() && !masks.isEmpty() ? masks.get(0) : null;
  }

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
    return addWeight(weightName, shape, init, true);
  }

  /** Adds a weight the optimizer trains ({@code trainable}) or only the layer updates. */
  protected final Weight addWeight(String weightName, int[] shape, Initializer init,
      boolean trainable) {
    Weight w = new Weight(path() + "/" + weightName, shape.clone(), init, trainable,
        regularizers.get(weightName), constraints.get(weightName));
    weights.add(w);
    return w;
  }

  /**
   * Keras's {@code kernel_regularizer}, {@code recurrent_regularizer} and
   * {@code bias_regularizer}: a penalty on the weight {@code weightName} ({@code kernel},
   * {@code recurrent_kernel}, {@code bias}) added to the loss that training minimises and
   * reports; null removes it. Set before the layer is built.
   *
   * @return this layer
   */
  public Layer regularizer(String weightName, Regularizer regularizer) {
    if (!weights.isEmpty()) {
      throw new IllegalStateException("layer " + name + " is built: set its regularizers before");
    }
    if (regularizer == null) {
      regularizers.remove(weightName);
    } else {
      regularizers.put(weightName, regularizer);
    }
    return this;
  }

  /** The regularizers by weight name ({@link #regularizer(String, Regularizer)}). */
  public Map<String, Regularizer> regularizers() {
    return Collections.unmodifiableMap(regularizers);
  }

  /**
   * Keras's {@code kernel_constraint}, {@code recurrent_constraint}, {@code bias_constraint}
   * (and each layer's own: {@code embeddings_constraint}, {@code depthwise_constraint}, ...):
   * a projection of the weight {@code weightName} applied after each optimizer update; null
   * removes it. Set before the layer is built.
   *
   * @return this layer
   */
  public Layer constraint(String weightName, Constraint constraint) {
    if (!weights.isEmpty()) {
      throw new IllegalStateException("layer " + name + " is built: set its constraints before");
    }
    if (constraint == null) {
      constraints.remove(weightName);
    } else {
      constraints.put(weightName, constraint);
    }
    return this;
  }

  /** The constraints by weight name ({@link #constraint(String, Constraint)}). */
  public Map<String, Constraint> constraints() {
    return Collections.unmodifiableMap(constraints);
  }

  /** A weight's constraint as Keras's config holds it, or null for none. */
  protected final Object constraintConfig(String weightName) {
    Constraint c = constraints.get(weightName);
    return c == null ? null : c.serialize();
  }

  /**
   * {@code layer} with the constraint of config entry {@code key} (a name or a dict; absent or
   * null for none) on its weight {@code weightName}.
   */
  protected static <L extends Layer> L withConstraint(Config c, L layer, String key,
      String weightName) {
    var v = c.get(key);
    if (v == null || v.isNull()) {
      return layer;
    }
    try {
      layer.constraint(weightName, Constraints.REGISTRY.get(v, c.source()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(c.who() + ": " + key + ": " + e.getMessage(), e);
    }
    return layer;
  }

  /**
   * Keras's {@code activity_regularizer}: a penalty on each of the layer's outputs, divided by
   * the batch size ({@code r(y) / batch}, as Keras 2 and Keras 3.14 on compute it; Keras 3.0 to
   * 3.13 did not divide), added to the loss that training minimises and that {@code fit} and
   * {@code evaluate} report; null removes it.
   *
   * @return this layer
   */
  public Layer activityRegularizer(Regularizer regularizer) {
    activityRegularizer = regularizer;
    return this;
  }

  /** The activity regularizer, or null for none. */
  public Regularizer activityRegularizer() {
    return activityRegularizer;
  }

  /** The activity regularizer as Keras's config holds it, or null for none. */
  protected final Object activityRegularizerConfig() {
    return activityRegularizer == null ? null : activityRegularizer.serialize();
  }

  /** {@code layer} with a config's {@code activity_regularizer} (absent or null for none). */
  protected static <L extends Layer> L withActivityRegularizer(Config c, L layer) {
    var v = c.get("activity_regularizer");
    if (v == null || v.isNull()) {
      return layer;
    }
    try {
      layer.activityRegularizer(Regularizers.REGISTRY.get(v, c.source()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(c.who() + ": activity_regularizer: " + e.getMessage(),
          e);
    }
    return layer;
  }

  /** A weight's regularizer as Keras's config holds it, or null for none. */
  protected final Object regularizerConfig(String weightName) {
    Regularizer r = regularizers.get(weightName);
    return r == null ? null : r.serialize();
  }

  /**
   * {@code layer} with a config's weight regularizers (each a name or a dict; absent or null
   * for none): {@code kernel_regularizer}, {@code recurrent_regularizer} and
   * {@code bias_regularizer} on the weights {@code kernel}, {@code recurrent_kernel} and
   * {@code bias}.
   */
  protected static <L extends Layer> L withRegularizers(Config c, L layer) {
    withRegularizer(c, layer, "kernel_regularizer", "kernel");
    withRegularizer(c, layer, "recurrent_regularizer", "recurrent_kernel");
    withRegularizer(c, layer, "bias_regularizer", "bias");
    withConstraint(c, layer, "kernel_constraint", "kernel");
    withConstraint(c, layer, "recurrent_constraint", "recurrent_kernel");
    withConstraint(c, layer, "bias_constraint", "bias");
    return withActivityRegularizer(c, layer);
  }

  /**
   * {@code layer} with the regularizer of config entry {@code key} (a name or a dict; absent or
   * null for none) on its weight {@code weightName}.
   */
  protected static <L extends Layer> L withRegularizer(Config c, L layer, String key,
      String weightName) {
    var v = c.get(key);
    if (v == null || v.isNull()) {
      return layer;
    }
    try {
      layer.regularizer(weightName, Regularizers.REGISTRY.get(v, c.source()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(c.who() + ": " + key + ": " + e.getMessage(), e);
    }
    return layer;
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

  /** The parameters the optimizer trains (Keras's "Trainable params"). */
  public long countTrainableParams() {
    return weights.stream().filter(Weight::trainable).mapToLong(Weight::size).sum();
  }

  /** The shape of the (first) input it was built for, or null before it is built. */
  public int[] inputShape() {
    return inputShapes == null ? null : inputShapes.get(0).clone();
  }

  /** The shape of its (first) output, or null before it is built. */
  public int[] outputShape() {
    return outputShapes == null ? null : outputShapes.get(0).clone();
  }

  /** The shapes of every input it was built for, or null before it is built. */
  public List<int[]> inputShapes() {
    return inputShapes == null ? null : copies(inputShapes);
  }

  /** The shapes of every output, or null before it is built. */
  public List<int[]> outputShapes() {
    return outputShapes == null ? null : copies(outputShapes);
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
