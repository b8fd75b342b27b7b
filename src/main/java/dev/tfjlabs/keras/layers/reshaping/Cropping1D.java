package dev.tfjlabs.keras.layers.reshaping;

import dev.tfjlabs.keras.config.Config;
import java.util.Map;

/** {@code keras.layers.Cropping1D}: removes steps at the start and end ({@code cropping}, default (1, 1)). */
public final class Cropping1D extends Spatial {

  /** @param amounts [axis][before, after] */
  public Cropping1D(int[][] amounts, String name) {
    super(Kind.CROP, 1, amounts, name);
  }

  /** Keras's {@code Cropping1D.from_config}: {@code cropping}. */
  public static Cropping1D fromConfig(Config c) {
    return new Cropping1D(amounts(c, "cropping", 1, true, 1), c.name());
  }

  @Override
  protected void addAmounts(Map<String, Object> c) {
    c.put("cropping", written().get(0));
  }
}
