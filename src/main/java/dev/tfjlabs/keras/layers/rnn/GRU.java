package dev.tfjlabs.keras.layers.rnn;

import dev.tfjlabs.keras.config.Config;
import java.util.Map;

/**
 * {@code keras.layers.GRU}: see {@link GRUCell} for the equations. Parameters with
 * {@code reset_after=True} (Keras's default): {@code 3 * units * (features + units + 2)}; GRU(30)
 * on 2 features has 3,060. That is also PyTorch's {@code nn.GRU} parameterisation.
 */
public final class GRU extends RNN {
  private final boolean resetAfter;

  public GRU(int units) {
    this(builder(units).options(), true);
  }

  private GRU(RNNOptions options, boolean resetAfter) {
    super(options, new GRUCell(options, resetAfter));
    this.resetAfter = resetAfter;
  }

  public static Builder builder(int units) {
    return new Builder(units);
  }

  /** Keras's {@code GRU.from_config}. */
  public static GRU fromConfig(Config c) {
    return withRegularizers(c, readConfig(c, builder(c.positive("units")), true)
        .resetAfter(c.bool("reset_after", true)).build());
  }

  @Override
  protected void addCellConfig(Map<String, Object> c) {
    c.put("reset_after", resetAfter);
  }

  public boolean resetAfter() {
    return resetAfter;
  }

  @Override
  public RNN copy(String name, boolean goBackwards, boolean zeroOutputForMask) {
    return new GRU(options().named(name, goBackwards).zeroOutputForMask(zeroOutputForMask), resetAfter);
  }

  /** Builds a {@link GRU}. */
  public static final class Builder extends RNN.Builder<GRU, Builder> {
    private boolean resetAfter = true;

    Builder(int units) {
      super(units);
    }

    /** Apply the reset gate after the recurrent product, with two bias rows (default true). */
    public Builder resetAfter(boolean value) {
      resetAfter = value;
      return this;
    }

    /**
     * PyTorch's parameterisation: U(-1/sqrt(units), 1/sqrt(units)) everywhere. Its two bias
     * vectors are Keras's two bias rows, so {@code resetAfter} must stay true.
     */
    @Override
    public Builder pytorch() {
      super.pytorch();
      resetAfter = true;
      return this;
    }

    @Override
    public GRU build() {
      return new GRU(options(), resetAfter);
    }
  }
}
