package dev.tfjlabs.labs;

/**
 * A lab's training stopped on a NaN or infinite loss: the launcher prints the message (epoch,
 * step, advice on the learning rate) without a stack trace and exits 1.
 */
public final class TrainingDiverged extends RuntimeException {
  public TrainingDiverged(String model, String reason) {
    super(model + ": " + reason);
  }
}
