package dev.tfjlabs.serving;

/** Input the user can fix: the launcher prints the message alone and exits 2. */
public final class BadInputException extends IllegalArgumentException {
  public BadInputException(String message) {
    super(message);
  }
}
