package dev.tfjlabs.keras.layers.rnn;

import dev.tfjlabs.keras.layers.CallContext;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * A cell whose whole sequence one TensorFlow kernel can run, as Keras 3 runs its LSTM through
 * cuDNN when {@code use_cudnn="auto"} and the layer's options allow it. The fused kernel
 * computes the same equations as the cell's {@link RNNCell#steps} unrolled.
 */
interface FusedCell {

  /** Whether this cell's options allow the fused kernel. */
  boolean fused();

  /**
   * The output h at every step, [steps, batch, units], for time-major inputs
   * [steps, batch, features] starting from zero states.
   */
  Operand<TFloat32> sequence(CallContext ctx, Operand<TFloat32> timeMajor);
}
