package dev.tfjlabs.tf1.train;

import dev.tfjlabs.keras.optimizers.Adam;
import dev.tfjlabs.keras.optimizers.Optimizer;
import dev.tfjlabs.tf1.Variables;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * TensorFlow 1's {@code tf.train.AdamOptimizer(learning_rate, beta1=0.9, beta2=0.999,
 * epsilon=1e-8)}. At step t, with m and v starting at zero:
 *
 * <pre>
 *   lr_t = learning_rate sqrt(1 - beta2^t) / (1 - beta1^t)
 *   m = beta1 m + (1 - beta1) g;   v = beta2 v + (1 - beta2) g^2
 *   w = w - lr_t m / (sqrt(v) + epsilon)
 * </pre>
 *
 * These are Keras's Adam equations with another epsilon, so it is the library's {@link Adam}
 * with epsilon 1e-8. The TensorFlow Java framework's {@code Adam} (1.0.0) has the same defaults
 * but is not used: its {@code finish} updates beta1_power and beta2_power beside the
 * {@code ApplyAdam} ops instead of after them, and on this graph every update reads the powers
 * of the next step (a first step of lr 0.01 moves a weight 0.0074 instead of TF1's 0.01).
 */
public final class AdamOptimizer {
  public static final double BETA1_DEFAULT = 0.9;
  public static final double BETA2_DEFAULT = 0.999;
  public static final double EPSILON_DEFAULT = 1e-8;

  private final Adam adam;

  public AdamOptimizer(double learningRate) {
    adam = new Adam(learningRate, BETA1_DEFAULT, BETA2_DEFAULT, EPSILON_DEFAULT);
  }

  /**
   * TF1's {@code minimize(cost)} over every variable of {@code vars}; run its {@code reset}
   * once after {@code vars.initialize}, as TF1's global initializer sets the slots.
   */
  public Optimizer.Minimize minimize(Graph graph, Variables vars, Operand<TFloat32> cost) {
    return adam.minimize(graph, vars.tf(), cost, vars.variables(), vars.reads());
  }
}
