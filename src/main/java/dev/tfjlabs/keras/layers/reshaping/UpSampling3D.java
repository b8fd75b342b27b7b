package dev.tfjlabs.keras.layers.reshaping;

import dev.tfjlabs.keras.config.Config;
import java.util.Map;

/** {@code keras.layers.UpSampling3D} on volumes [depth, height, width, channels]: repeats each cell {@code size} times along each axis (default (2, 2, 2)). */
public final class UpSampling3D extends Spatial {

  /** @param amounts [axis][factor] */
  public UpSampling3D(int[][] amounts, String name) {
    super(Kind.REPEAT, 3, amounts, name);
  }

  /** Keras's {@code UpSampling3D.from_config}: {@code size}. */
  public static UpSampling3D fromConfig(Config c) {
    return new UpSampling3D(amounts(c, "size", 3, false, 2), c.name());
  }

  @Override
  protected void addAmounts(Map<String, Object> c) {
    c.put("size", written());
  }
}
