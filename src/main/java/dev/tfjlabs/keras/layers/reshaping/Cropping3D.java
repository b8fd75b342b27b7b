package dev.tfjlabs.keras.layers.reshaping;

import dev.tfjlabs.keras.config.Config;
import java.util.Map;

/** {@code keras.layers.Cropping3D} on volumes [depth, height, width, channels]: removes cells at the ends of each axis ({@code cropping}: ((before, after) per axis), default none). */
public final class Cropping3D extends Spatial {

  /** @param amounts [axis][before, after] */
  public Cropping3D(int[][] amounts, String name) {
    super(Kind.CROP, 3, amounts, name);
  }

  /** Keras's {@code Cropping3D.from_config}: {@code cropping}. */
  public static Cropping3D fromConfig(Config c) {
    return new Cropping3D(amounts(c, "cropping", 3, true, 0), c.name());
  }

  @Override
  protected void addAmounts(Map<String, Object> c) {
    c.put("cropping", written());
  }
}
