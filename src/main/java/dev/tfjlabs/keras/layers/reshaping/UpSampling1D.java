package dev.tfjlabs.keras.layers.reshaping;

import dev.tfjlabs.keras.config.Config;
import java.util.Map;

/** {@code keras.layers.UpSampling1D}: repeats each step {@code size} times (default 2). */
public final class UpSampling1D extends Spatial {

  /** @param amounts [axis][factor] */
  public UpSampling1D(int[][] amounts, String name) {
    super(Kind.REPEAT, 1, amounts, name);
  }

  /** Keras's {@code UpSampling1D.from_config}: {@code size}. */
  public static UpSampling1D fromConfig(Config c) {
    return new UpSampling1D(amounts(c, "size", 1, false, 2), c.name());
  }

  @Override
  protected void addAmounts(Map<String, Object> c) {
    c.put("size", written().get(0));
  }
}
