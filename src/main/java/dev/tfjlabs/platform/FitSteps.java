package dev.tfjlabs.platform;

import dev.tfjlabs.keras.data.FloatArray;
import dev.tfjlabs.keras.models.FitOptions;
import dev.tfjlabs.keras.models.Sequential;
import java.util.Random;

/**
 * A {@link Sequential} compiled as its lab compiles it and trained through {@code fit} (one epoch of exactly
 * {@code steps} full batches, shuffled, no validation) on generated data: inputs uniform in
 * [0, 1), or token ids below {@code tokens}; targets class ids below {@code classes}, or
 * uniform in [0, 1) when {@code classes} is 0 (regression) or 2 with one output (binary).
 */
public final class FitSteps implements TrainingSteps {
  private final Sequential model;
  private final int batchSize;
  private final int tokens;
  private final int classes;
  private final Random random = new Random(1);

  /** Compiles {@code model} with {@code compile}; {@code tokens} is 0 for real-valued inputs. */
  public FitSteps(Sequential model, Compile compile, int batchSize, int tokens, int classes) {
    compile.apply(model);
    this.model = model;
    this.batchSize = batchSize;
    this.tokens = tokens;
    this.classes = classes;
  }

  @Override
  public double msPerStep(int steps) {
    int n = steps * batchSize;
    int[] shape = model.inputShape();
    int rowSize = 1;
    for (int d : shape) {
      rowSize *= d;
    }
    float[] x = new float[n * rowSize];
    for (int i = 0; i < x.length; i++) {
      x[i] = tokens > 0 ? random.nextInt(tokens) : random.nextFloat();
    }
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      y[i] = classes > 2 ? random.nextInt(classes) : classes == 2 ? random.nextInt(2)
          : random.nextFloat();
    }
    int[] xShape = new int[shape.length + 1];
    xShape[0] = n;
    System.arraycopy(shape, 0, xShape, 1, shape.length);
    FloatArray inputs = new FloatArray(x, xShape);
    FloatArray targets = classes > 2 ? FloatArray.of(y) : new FloatArray(y, n, 1);
    long start = System.nanoTime();
    model.fit(inputs, targets, FitOptions.defaults().batchSize(batchSize).epochs(1)
        .verbose(false));
    return (System.nanoTime() - start) / 1e6 / steps;
  }

  @Override
  public long flopsPerExample() {
    return KernelWork.of(model).trainingFlops();
  }

  @Override
  public void close() {
    model.close();
  }
}
