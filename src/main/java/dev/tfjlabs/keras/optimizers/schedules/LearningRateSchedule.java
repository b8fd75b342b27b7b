package dev.tfjlabs.keras.optimizers.schedules;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras's {@code LearningRateSchedule}: the learning rate as a function of the optimizer's
 * step count ({@code iterations}, 0 at the first update), computed in the graph each step.
 */
public interface LearningRateSchedule {

  /** The learning rate at {@code step} (a float scalar, 0-based). */
  Operand<TFloat32> call(Ops tf, Operand<TFloat32> step);

  /** The learning rate at the first step, which the optimizer reports as its own. */
  double initialLearningRate();

  /** Keras's class name ({@code ExponentialDecay}, ...). */
  default String className() {
    return getClass().getSimpleName();
  }

  /** Keras's {@code get_config()}. */
  Map<String, Object> getConfig();

  /** As a config holds it: {@code module}, {@code class_name}, {@code config}. */
  default Map<String, Object> serialize() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("module", "keras.optimizers.schedules");
    s.put("class_name", className());
    s.put("config", getConfig());
    s.put("registered_name", null);
    return s;
  }
}
