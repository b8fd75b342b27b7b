package dev.tfjlabs.keras.layers.reshaping;

import dev.tfjlabs.keras.config.Config;
import java.util.Map;

/** {@code keras.layers.ZeroPadding3D} on volumes [depth, height, width, channels]: zeros around the volume ({@code padding}: ((before, after) per axis), default 1 each side). */
public final class ZeroPadding3D extends Spatial {

  /** @param amounts [axis][before, after] */
  public ZeroPadding3D(int[][] amounts, String name) {
    super(Kind.PAD, 3, amounts, name);
  }

  /** Keras's {@code ZeroPadding3D.from_config}: {@code padding}. */
  public static ZeroPadding3D fromConfig(Config c) {
    return new ZeroPadding3D(amounts(c, "padding", 3, true, 1), c.name());
  }

  @Override
  protected void addAmounts(Map<String, Object> c) {
    c.put("padding", written());
  }
}
