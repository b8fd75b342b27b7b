package dev.tfjlabs.keras.layers.reshaping;

import dev.tfjlabs.keras.config.Config;
import dev.tfjlabs.keras.layers.CallContext;
import dev.tfjlabs.keras.layers.Layer;
import java.util.Arrays;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * {@code keras.layers.Permute(dims)}: reorders the axes of each sample; {@code dims} numbers
 * them from 1 (the batch is not permuted), e.g. {@code (2, 1)} swaps steps and features.
 */
public final class Permute extends Layer {
  private final int[] dims;

  public Permute(int[] dims, String name) {
    super(name);
    int[] sorted = dims.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < sorted.length; i++) {
      if (sorted[i] != i + 1) {
        throw new IllegalArgumentException("Permute's dims must be a permutation of 1.."
            + dims.length + ", got " + Arrays.toString(dims));
      }
    }
    this.dims = dims.clone();
  }

  /** Keras's {@code Permute.from_config}: {@code dims}. */
  public static Permute fromConfig(Config c) {
    var d = c.require("dims");
    if (!d.isArray()) {
      throw c.unsupported("dims", d);
    }
    int[] dims = new int[d.size()];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = d.get(i).asInt();
    }
    return new Permute(dims, c.name());
  }

  @Override
  protected int[] doBuild(int[] in) {
    if (in.length != dims.length) {
      throw badShape("Permute", dims.length + " dimensions", in);
    }
    int[] out = new int[in.length];
    for (int i = 0; i < dims.length; i++) {
      out[i] = in[dims[i] - 1];
    }
    return out;
  }

  @Override
  public Operand<TFloat32> call(Operand<TFloat32> x, CallContext ctx) {
    int[] perm = new int[dims.length + 1];
    System.arraycopy(dims, 0, perm, 1, dims.length);
    return ctx.tf().linalg.transpose(x, ctx.tf().constant(perm));
  }

  @Override
  protected void addConfig(Map<String, Object> c) {
    c.put("dims", Arrays.stream(dims).boxed().toList());
  }
}
