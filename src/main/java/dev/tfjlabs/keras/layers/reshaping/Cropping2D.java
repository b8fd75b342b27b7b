package dev.tfjlabs.keras.layers.reshaping;

import dev.tfjlabs.keras.config.Config;
import java.util.Map;

/** {@code keras.layers.Cropping2D}: removes rows and columns ({@code cropping}: ((top, bottom), (left, right)), default none). */
public final class Cropping2D extends Spatial {

  /** @param amounts [axis][before, after] */
  public Cropping2D(int[][] amounts, String name) {
    super(Kind.CROP, 2, amounts, name);
  }

  /** Keras's {@code Cropping2D.from_config}: {@code cropping}. */
  public static Cropping2D fromConfig(Config c) {
    return new Cropping2D(amounts(c, "cropping", 2, true, 0), c.name());
  }

  @Override
  protected void addAmounts(Map<String, Object> c) {
    c.put("cropping", written());
  }
}
