package dev.tfjlabs.keras.layers.reshaping;

import dev.tfjlabs.keras.config.Config;
import java.util.Map;

/**
 * {@code keras.layers.UpSampling2D(size=(2, 2), interpolation="nearest")}: repeats each row and
 * column {@code size} times. Bilinear interpolation is refused in one line.
 */
public final class UpSampling2D extends Spatial {

  /** @param amounts [axis][factor] */
  public UpSampling2D(int[][] amounts, String name) {
    super(Kind.REPEAT, 2, amounts, name);
  }

  /** Keras's {@code UpSampling2D.from_config}: {@code size}, {@code interpolation} nearest. */
  public static UpSampling2D fromConfig(Config c) {
    c.fixed("interpolation", "nearest");
    return new UpSampling2D(amounts(c, "size", 2, false, 2), c.name());
  }

  @Override
  protected void addAmounts(Map<String, Object> c) {
    c.put("size", written());
    c.put("interpolation", "nearest");
  }
}
