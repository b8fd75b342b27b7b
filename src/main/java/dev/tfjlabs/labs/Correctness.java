package dev.tfjlabs.labs;

/**
 * The multiplication problem's success criterion from the LSTM paper, as the notebook counts
 * it: a prediction is correct when it is within {@value #TOLERANCE} of the target.
 */
public final class Correctness {
  /** The paper's absolute error bound. */
  public static final double TOLERANCE = 0.04;

  private Correctness() {}

  /** The share (0..1) of predictions with {@code |prediction - target| <= tolerance}. */
  public static double share(float[] predictions, float[] targets, double tolerance) {
    if (predictions.length != targets.length || predictions.length == 0) {
      throw new IllegalArgumentException(predictions.length + " predictions for "
          + targets.length + " targets");
    }
    int correct = 0;
    for (int i = 0; i < predictions.length; i++) {
      if (Math.abs((double) predictions[i] - targets[i]) <= tolerance) {
        correct++;
      }
    }
    return (double) correct / predictions.length;
  }
}
