package dev.tfjlabs.keras.layers;

import dev.tfjlabs.keras.config.Config;
import dev.tfjlabs.keras.initializers.Initializer;
import dev.tfjlabs.keras.initializers.Initializers;
import dev.tfjlabs.keras.initializers.KerasInitializer;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * {@code keras.layers.Embedding(input_dim, output_dim)}: integer indices (fed as floats) become
 * rows of an [inputDim, outputDim] table initialised U(-0.05, 0.05), Keras's default. An id
 * outside [0, inputDim) fails the step with a message naming the range and the batch's ids.
 */
public final class Embedding extends Layer {
  private final int inputDim;
  private final int outputDim;
  private final Initializer embeddingsInitializer;
  private final boolean maskZero;
  private Weight embeddings;

  public Embedding(int inputDim, int outputDim) {
    this(inputDim, outputDim, null);
  }

  public Embedding(int inputDim, int outputDim, String name) {
    this(inputDim, outputDim, Initializers.randomUniform(-0.05, 0.05), name);
  }

  public Embedding(int inputDim, int outputDim, Initializer embeddingsInitializer, String name) {
    this(inputDim, outputDim, embeddingsInitializer, false, name);
  }

  /**
   * @param maskZero Keras's {@code mask_zero}: id 0 is padding, and the layer's mask (id != 0)
   *     tells the recurrent layers and the average pooling after it to skip those steps
   */
  public Embedding(int inputDim, int outputDim, Initializer embeddingsInitializer,
      boolean maskZero, String name) {
    super(name);
    this.maskZero = maskZero;
    if (inputDim <= 0 || outputDim <= 0) {
      throw new IllegalArgumentException("Embedding dimensions must be positive");
    }
    this.inputDim = inputDim;
    this.outputDim = outputDim;
    this.embeddingsInitializer = embeddingsInitializer;
  }

  /** Keras's {@code Embedding.from_config}. */
  public static Embedding fromConfig(Config c) {
    Embedding layer = withConstraint(c, new Embedding(c.positive("input_dim"), c.positive("output_dim"),
        initializer(c, "embeddings_initializer", Initializers.randomUniform(-0.05, 0.05)),
        c.bool("mask_zero", false), c.name()), "embeddings_constraint", "embeddings");
    return withActivityRegularizer(c, withRegularizer(c, layer, "embeddings_regularizer",
        "embeddings"));
  }

  @Override
  protected int[] doBuild(int[] in) {
    embeddings = addWeight("embeddings", new int[] {inputDim, outputDim},
        embeddingsInitializer);
    int[] out = new int[in.length + 1];
    System.arraycopy(in, 0, out, 0, in.length);
    out[in.length] = outputDim;
    return out;
  }

  @Override
  public Operand<TFloat32> call(Operand<TFloat32> x, CallContext ctx) {
    Ops tf = ctx.tf();
    Operand<TInt32> ids = TokenIds.checked(tf, x, inputDim, "Embedding(input_dim=" + inputDim
        + ")");
    return tf.gather(ctx.get(embeddings), ids, tf.constant(0));
  }

  /** With {@code mask_zero}: true where the id is not 0, [batch, steps]. */
  @Override
  public Operand<TBool> computeMask(List<Operand<TFloat32>> inputs, List<Operand<TBool>> masks,
      CallContext ctx) {
    return maskZero ? ctx.tf().math.notEqual(inputs.get(0), ctx.tf().constant(0f)) : null;
  }

  @Override
  protected void addConfig(Map<String, Object> c) {
    c.put("input_dim", inputDim);
    c.put("output_dim", outputDim);
    c.put("embeddings_initializer", KerasInitializer.serialize(embeddingsInitializer));
    c.put("embeddings_regularizer", regularizerConfig("embeddings"));
    c.put("activity_regularizer", activityRegularizerConfig());
    c.put("embeddings_constraint", constraintConfig("embeddings"));
    c.put("mask_zero", maskZero);
  }
}
