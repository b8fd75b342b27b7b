package dev.tfjlabs.platform;

import dev.tfjlabs.keras.layers.Conv2D;
import dev.tfjlabs.keras.layers.Dense;
import dev.tfjlabs.keras.layers.Layer;
import dev.tfjlabs.keras.layers.Weight;
import dev.tfjlabs.keras.layers.rnn.Bidirectional;
import dev.tfjlabs.keras.layers.rnn.RNN;
import dev.tfjlabs.keras.models.Sequential;

/**
 * The multiply-adds of one example through a model's kernels (its weight matrices and
 * convolution filters): the arithmetic that decides how fast a FLOP-heavy model can train. A
 * kernel costs its size once per position it is applied at: a Dense kernel once per leading
 * position of its output (once for an output [units], t times for [t, units]), a Conv2D filter
 * once per output pixel, an RNN's kernel and recurrent kernel once per time step (in both
 * directions of a Bidirectional). Biases, activations, pooling, embedding lookups and the
 * optimizer's updates are not counted.
 *
 * <p>A training step needs each kernel's product three times, forward, for the weight gradient
 * and for the gradient of the kernel's input, except that a kernel applied to the data (no
 * weight before it) needs no input gradient: {@code 2 * (3 * onWeights + 2 * onData)}
 * floating-point operations per example.
 *
 * @param onData multiply-adds of the kernels whose input depends on no weight
 * @param onWeights multiply-adds of the other kernels
 */
public record KernelWork(long onData, long onWeights) {

  /** The kernels of a built {@link Sequential}'s layers. */
  public static KernelWork of(Sequential model) {
    long onData = 0;
    long onWeights = 0;
    boolean dataOnly = true;
    for (Layer layer : model.layers()) {
      for (Weight w : layer.weights()) {
        long macs = w.size() * positions(layer, w);
        if (w.path().endsWith("/kernel") && dataOnly) {
          onData += macs;
        } else {
          onWeights += macs;
        }
      }
      dataOnly &= layer.weights().isEmpty();
    }
    return new KernelWork(onData, onWeights);
  }

  /** How often {@code w} multiplies in one example's forward pass (0: not a kernel). */
  private static long positions(Layer layer, Weight w) {
    boolean kernel = w.path().endsWith("/kernel") || w.path().endsWith("/recurrent_kernel");
    if (!kernel) {
      return 0;
    }
    int[] in = layer.inputShape();
    int[] out = layer.outputShape();
    if (layer instanceof Dense) {
      long p = 1;
      for (int i = 0; i < out.length - 1; i++) {
        p *= out[i];
      }
      return p;
    }
    if (layer instanceof Conv2D) {
      return (long) out[0] * out[1];
    }
    if (layer instanceof RNN || layer instanceof Bidirectional) {
      return in[0];
    }
    throw new IllegalArgumentException("no multiply-add count for " + layer.kerasType());
  }

  /** Floating-point operations of one example's training step through the kernels. */
  public long trainingFlops() {
    return 2 * (3 * onWeights + 2 * onData);
  }
}
