package dev.tfjlabs.keras.layers.reshaping;

import dev.tfjlabs.keras.config.Config;
import java.util.Map;

/** {@code keras.layers.ZeroPadding1D}: zeros before and after the steps ({@code padding}, default 1 each side). */
public final class ZeroPadding1D extends Spatial {

  /** @param amounts [axis][before, after] */
  public ZeroPadding1D(int[][] amounts, String name) {
    super(Kind.PAD, 1, amounts, name);
  }

  /** Keras's {@code ZeroPadding1D.from_config}: {@code padding}. */
  public static ZeroPadding1D fromConfig(Config c) {
    return new ZeroPadding1D(amounts(c, "padding", 1, true, 1), c.name());
  }

  @Override
  protected void addAmounts(Map<String, Object> c) {
    c.put("padding", written().get(0));
  }
}
