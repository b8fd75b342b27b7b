package dev.tfjlabs.keras.layers.rnn;

import dev.tfjlabs.keras.config.Config;
import java.util.Map;

/**
 * {@code keras.layers.LSTM}: see {@link LSTMCell} for the equations. Parameters
 * {@code 4 * units * (features + units + 1)}: LSTM(16) on 28 features has 2,880. Defaults as
 * Keras: tanh, sigmoid gates, glorot-uniform W, orthogonal U, {@code unit_forget_bias=True}.
 * With {@code .pytorch()} it is {@code nn.LSTM}: two bias vectors,
 * {@code 4 * units * (features + units + 2)} parameters (2,944 for LSTM(16) on 28 features).
 */
public final class LSTM extends RNN {
  private final boolean unitForgetBias;
  private final boolean fused;

  public LSTM(int units) {
    this(builder(units).options(), true, true);
  }

  private LSTM(RNNOptions options, boolean unitForgetBias, boolean fused) {
    super(options, new LSTMCell(options, unitForgetBias, fused));
    this.unitForgetBias = unitForgetBias;
    this.fused = fused;
  }

  public static Builder builder(int units) {
    return new Builder(units);
  }

  /** Keras's {@code LSTM.from_config}. */
  public static LSTM fromConfig(Config c) {
    return withRegularizers(c, readConfig(c, builder(c.positive("units")), true)
        .unitForgetBias(c.bool("unit_forget_bias", true)).build());
  }

  @Override
  protected void addCellConfig(Map<String, Object> c) {
    c.put("unit_forget_bias", unitForgetBias);
  }

  @Override
  public RNN copy(String name, boolean goBackwards, boolean zeroOutputForMask) {
    return new LSTM(options().named(name, goBackwards).zeroOutputForMask(zeroOutputForMask), unitForgetBias, fused);
  }

  /** Builds an {@link LSTM}. */
  public static final class Builder extends RNN.Builder<LSTM, Builder> {
    private boolean unitForgetBias = true;
    private boolean fused = true;

    Builder(int units) {
      super(units);
    }

    /** Start the forget gate's bias at 1 (default true, as Keras). */
    public Builder unitForgetBias(boolean value) {
      unitForgetBias = value;
      return this;
    }

    /**
     * Run the sequence in TensorFlow's fused LSTM kernel when the activations are the defaults
     * (default true, like Keras 3's {@code use_cudnn="auto"}); false unrolls the cell's ops
     * step by step. Both compute the same numbers to float rounding.
     */
    public Builder fused(boolean value) {
      fused = value;
      return this;
    }

    @Override
    public LSTM build() {
      return new LSTM(options(), unitForgetBias, fused);
    }
  }
}
