package dev.tfjlabs.keras.layers;

/**
 * Keras's {@code keras.Input(shape, name)}: the symbolic tensor a functional model starts from.
 *
 * <pre>{@code
 * KerasTensor x = Input.of("pixels", 28, 28);
 * KerasTensor h = new Dense(null, 64, Activation.RELU).apply(new Flatten(null).apply(x));
 * }</pre>
 */
public final class Input {
  private Input() {}

  /** An input of samples of {@code shape} (without the batch; -1 for any size), named by Keras. */
  public static KerasTensor of(int... shape) {
    return of(null, shape);
  }

  /** A named input ({@code keras.Input(shape, name=...)}); a null name gets Keras's. */
  public static KerasTensor of(String name, int... shape) {
    return new InputLayer(name, shape).output();
  }
}
