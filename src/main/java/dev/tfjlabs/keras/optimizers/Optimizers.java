package dev.tfjlabs.keras.optimizers;

/** Keras's optimizer strings, as {@code compile(optimizer="adam")} accepts them. */
public final class Optimizers {
  private Optimizers() {}

  /** {@code adam}, {@code rmsprop} or {@code sgd} with Keras's default settings. */
  public static Optimizer get(String name) {
    return switch (name.toLowerCase()) {
      case "adam" -> new Adam();
      case "rmsprop" -> new RMSprop();
      case "sgd" -> new SGD();
      default -> throw new IllegalArgumentException(
          "Unknown optimizer '" + name + "'; expected adam, rmsprop or sgd");
    };
  }
}
