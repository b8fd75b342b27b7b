package dev.tfjlabs.keras.layers.reshaping;

import dev.tfjlabs.keras.config.Config;
import java.util.Map;

/** {@code keras.layers.ZeroPadding2D}: zeros around the image ({@code padding}: ((top, bottom), (left, right)), default 1 each side). */
public final class ZeroPadding2D extends Spatial {

  /** @param amounts [axis][before, after] */
  public ZeroPadding2D(int[][] amounts, String name) {
    super(Kind.PAD, 2, amounts, name);
  }

  /** Keras's {@code ZeroPadding2D.from_config}: {@code padding}. */
  public static ZeroPadding2D fromConfig(Config c) {
    return new ZeroPadding2D(amounts(c, "padding", 2, true, 1), c.name());
  }

  @Override
  protected void addAmounts(Map<String, Object> c) {
    c.put("padding", written());
  }
}
