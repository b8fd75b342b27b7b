package dev.tfjlabs.platform;

/**
 * A lab model ready to train on generated data of its shapes, timed step by step. Each call
 * trains {@code steps} more optimizer steps and returns their mean wall time; the model's
 * arithmetic is counted as {@link KernelWork} counts it.
 */
public interface TrainingSteps extends AutoCloseable {

  /** Trains {@code steps} optimizer steps; milliseconds per step. */
  double msPerStep(int steps);

  /** Floating-point operations of one example's training step in its kernels. */
  long flopsPerExample();

  @Override
  void close();
}
