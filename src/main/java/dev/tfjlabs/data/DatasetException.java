package dev.tfjlabs.data;

/**
 * A problem with a dataset that the user can fix (a missing, truncated or corrupt file). The
 * launcher prints its message alone, without a stack trace, and exits non-zero.
 */
public class DatasetException extends RuntimeException {
  public DatasetException(String message) {
    super(message);
  }

  public DatasetException(String message, Throwable cause) {
    super(message, cause);
  }
}
