package dev.tfjlabs.keras.layers.rnn;

import dev.tfjlabs.keras.config.Config;
import java.util.Map;

/**
 * {@code keras.layers.SimpleRNN}: {@code h_t = tanh(x_t W + b + h_{t-1} U)}; parameters
 * {@code units * (features + units + 1)} (one more {@code units} with PyTorch's recurrent bias).
 * Defaults as Keras: tanh, glorot-uniform W, orthogonal U, zero b.
 */
public final class SimpleRNN extends RNN {

  public SimpleRNN(int units) {
    this(builder(units).options());
  }

  private SimpleRNN(RNNOptions options) {
    super(options, new SimpleRNNCell(options));
  }

  public static Builder builder(int units) {
    return new Builder(units);
  }

  /** Keras's {@code SimpleRNN.from_config}. */
  public static SimpleRNN fromConfig(Config c) {
    return withRegularizers(c, readConfig(c, builder(c.positive("units")), false).build());
  }

  @Override
  protected void addGateConfig(Map<String, Object> c) {}

  @Override
  public RNN copy(String name, boolean goBackwards, boolean zeroOutputForMask) {
    return new SimpleRNN(options().named(name, goBackwards).zeroOutputForMask(zeroOutputForMask));
  }

  /** Builds a {@link SimpleRNN}. */
  public static final class Builder extends RNN.Builder<SimpleRNN, Builder> {
    Builder(int units) {
      super(units);
    }

    /** PyTorch's second bias vector b_hh (default false, as Keras). */
    public Builder recurrentBias(boolean value) {
      recurrentBias = value;
      return this;
    }

    @Override
    public SimpleRNN build() {
      return new SimpleRNN(options());
    }
  }
}
