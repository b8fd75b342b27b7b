package dev.tfjlabs.keras.layers.rnn;

/**
 * {@code keras.layers.LSTM}: see {@link LSTMCell} for the equations. Parameters
 * {@code 4 * units * (features + units + 1)}: LSTM(16) on 28 features has 2,880. Defaults as
 * Keras: tanh, sigmoid gates, glorot-uniform W, orthogonal U, {@code unit_forget_bias=True}.
 * With {@code .pytorch()} it is {@code nn.LSTM}: two bias vectors,
 * {@code 4 * units * (features + units + 2)} parameters (2,944 for LSTM(16) on 28 features).
 */
public final class LSTM extends RNN {
  private final boolean unitForgetBias;

  public LSTM(int units) {
    this(builder(units).options(), true);
  }

  private LSTM(RNNOptions options, boolean unitForgetBias) {
    super(options, new LSTMCell(options, unitForgetBias));
    this.unitForgetBias = unitForgetBias;
  }

  public static Builder builder(int units) {
    return new Builder(units);
  }

  @Override
  public RNN copy(String name, boolean goBackwards) {
    return new LSTM(options().named(name, goBackwards), unitForgetBias);
  }

  /** Builds an {@link LSTM}. */
  public static final class Builder extends RNN.Builder<LSTM, Builder> {
    private boolean unitForgetBias = true;

    Builder(int units) {
      super(units);
    }

    /** Start the forget gate's bias at 1 (default true, as Keras). */
    public Builder unitForgetBias(boolean value) {
      unitForgetBias = value;
      return this;
    }

    @Override
    public LSTM build() {
      return new LSTM(options(), unitForgetBias);
    }
  }
}
