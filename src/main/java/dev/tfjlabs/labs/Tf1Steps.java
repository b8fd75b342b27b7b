package dev.tfjlabs.labs;

import dev.tfjlabs.keras.backend.Tensors;
import dev.tfjlabs.keras.data.FloatArray;
import dev.tfjlabs.platform.KernelWork;
import dev.tfjlabs.platform.TrainingSteps;
import dev.tfjlabs.tf1.rnncell.RNNCell;
import java.util.Random;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The TF1 lab's training step for the benchmark: {@link Tf1Training#step} on batches gathered
 * from generated images (uniform in [0, 1)) and one-hot labels, as the lab's loop gathers
 * {@code next_batch}.
 */
final class Tf1Steps implements TrainingSteps {
  private final Tf1Training training;
  private final int batchSize;
  private final Random random = new Random(1);

  Tf1Steps(RNNCell cell, double learningRate, long seed, int batchSize) {
    this.training = new Tf1Training(cell, learningRate, seed);
    this.batchSize = batchSize;
  }

  @Override
  public double msPerStep(int steps) {
    int n = steps * batchSize;
    int pixels = MnistRnnBasicsLab.N_STEP * MnistRnnBasicsLab.N_INPUT;
    int classes = MnistRnnBasicsLab.N_CLASS;
    float[] x = new float[n * pixels];
    float[] y = new float[n * classes];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextFloat();
    }
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      y[i * classes + random.nextInt(classes)] = 1;
      order[i] = random.nextInt(n);
    }
    FloatArray images = new FloatArray(x, n, MnistRnnBasicsLab.N_STEP, MnistRnnBasicsLab.N_INPUT);
    FloatArray labels = new FloatArray(y, n, classes);
    long start = System.nanoTime();
    for (int s = 0; s < steps; s++) {
      try (TFloat32 xs = Tensors.batch(images, order, s * batchSize, (s + 1) * batchSize);
          TFloat32 ys = Tensors.batch(labels, order, s * batchSize, (s + 1) * batchSize)) {
        training.step(xs, ys);
      }
    }
    return (System.nanoTime() - start) / 1e6 / steps;
  }

  /**
   * The cell's kernels act on {@code [x_t, h_{t-1}]} at every step, their {@code x_t} rows on
   * the data; the output layer's {@code W} once.
   */
  @Override
  public long flopsPerExample() {
    long onData = 0;
    long onWeights = 0;
    int steps = MnistRnnBasicsLab.N_STEP;
    int inputs = MnistRnnBasicsLab.N_INPUT;
    for (Variable<TFloat32> v : training.vars.variables()) {
      Shape s = v.shape();
      if (s.numDimensions() == 2 && v.op().name().contains("kernel")) {
        onData += steps * inputs * s.size(1);
        onWeights += steps * (s.size(0) - inputs) * s.size(1);
      } else if (s.numDimensions() == 2) {
        onWeights += s.size(0) * s.size(1);
      }
    }
    return new KernelWork(onData, onWeights).trainingFlops();
  }

  @Override
  public void close() {
    training.close();
  }
}
