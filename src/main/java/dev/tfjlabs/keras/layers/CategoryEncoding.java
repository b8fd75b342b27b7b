package dev.tfjlabs.keras.layers;

import dev.tfjlabs.keras.config.Config;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * {@code keras.layers.CategoryEncoding(num_tokens, output_mode="one_hot")}: each integer id
 * (fed as a float) in [0, numTokens) becomes a one-hot vector of {@code numTokens}, a new last
 * axis: (steps) becomes (steps, numTokens). No weights. It does in the graph, batch by batch,
 * what {@code keras.utils.to_categorical} does to a whole array, so a Java heap never holds the
 * one-hot data set (IMDB's 20,000 x 100 x 500 floats would be 4 GB). An id outside the range
 * fails the step with a message naming the range and the batch's ids, as Keras raises.
 */
public final class CategoryEncoding extends Layer {
  private final int numTokens;

  public CategoryEncoding(int numTokens) {
    super(null);
    if (numTokens <= 0) {
      throw new IllegalArgumentException("num_tokens must be positive, got " + numTokens);
    }
    this.numTokens = numTokens;
  }

  /** Keras's {@code CategoryEncoding.from_config}. */
  public static CategoryEncoding fromConfig(Config c) {
    c.fixed("output_mode", "one_hot");
    c.fixed("sparse", false);
    CategoryEncoding e = new CategoryEncoding(c.positive("num_tokens"));
    if (c.name() != null) {
      e.setName(c.name());
    }
    return e;
  }

  public int numTokens() {
    return numTokens;
  }

  @Override
  protected int[] doBuild(int[] in) {
    int[] out = new int[in.length + 1];
    System.arraycopy(in, 0, out, 0, in.length);
    out[in.length] = numTokens;
    return out;
  }

  @Override
  public Operand<TFloat32> call(Operand<TFloat32> x, CallContext ctx) {
    Ops tf = ctx.tf();
    Operand<TInt32> ids = TokenIds.checked(tf, x, numTokens, "CategoryEncoding(num_tokens="
        + numTokens + ")");
    return tf.oneHot(ids, tf.constant(numTokens), tf.constant(1f), tf.constant(0f));
  }

  @Override
  protected void addConfig(Map<String, Object> c) {
    c.put("num_tokens", numTokens);
    c.put("output_mode", "one_hot");
    c.put("sparse", false);
  }
}
