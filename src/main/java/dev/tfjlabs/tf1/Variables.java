package dev.tfjlabs.tf1;

import dev.tfjlabs.keras.backend.Tensors;
import dev.tfjlabs.keras.initializers.Initializer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * TensorFlow 1's trainable variables ({@code tf.Variable}, {@code tf.get_variable}) in a graph
 * built with TensorFlow Java's {@link Ops}. Each variable is read through an {@code Identity}
 * (ref-typed variables misbehave as direct inputs). Starting values are drawn in Java from a
 * seeded generator, in creation order, so the same seed gives the same graph weights; or they
 * are given by name, to rebuild a trained graph (for export).
 */
public final class Variables {
  private final Ops tf;
  private final Random rng;
  private final Map<String, float[]> given;
  private final List<String> names = new ArrayList<>();
  private final List<Variable<TFloat32>> variables = new ArrayList<>();
  private final List<Operand<TFloat32>> reads = new ArrayList<>();
  private final List<Placeholder<TFloat32>> values = new ArrayList<>();
  private final List<Op> assigns = new ArrayList<>();
  private final List<float[]> initial = new ArrayList<>();
  private final List<int[]> shapes = new ArrayList<>();

  private Variables(Ops tf, Random rng, Map<String, float[]> given) {
    this.tf = tf;
    this.rng = rng;
    this.given = given;
  }

  /** New variables with starting values from {@code seed}. */
  public static Variables seeded(Ops tf, long seed) {
    return new Variables(tf, new Random(seed), null);
  }

  /** Variables that start from {@code values} by name (a trained graph's). */
  public static Variables restoring(Ops tf, Map<String, float[]> values) {
    return new Variables(tf, null, Map.copyOf(values));
  }

  public Ops tf() {
    return tf;
  }

  /**
   * Creates variable {@code name} of {@code shape} (TF1's {@code tf.get_variable(name, shape,
   * initializer=init)}) and returns its read.
   */
  public Operand<TFloat32> get(String name, int[] shape, Initializer init) {
    if (names.contains(name)) {
      throw new IllegalArgumentException("variable " + name + " already exists");
    }
    float[] start = given != null ? given.get(name) : init.generate(shape, rng);
    if (start == null || start.length != Initializer.size(shape)) {
      throw new IllegalArgumentException("no value of shape " + java.util.Arrays.toString(shape)
          + " for variable " + name);
    }
    Ops scoped = tf;
    for (String part : name.split("/")) {
      scoped = scoped.withSubScope(part);
    }
    long[] dims = java.util.Arrays.stream(shape).asLongStream().toArray();
    Variable<TFloat32> v = scoped.withName("variable").variable(Shape.of(dims), TFloat32.class);
    Placeholder<TFloat32> value = scoped.withName("value").placeholder(TFloat32.class,
        Placeholder.shape(Shape.of(dims)));
    names.add(name);
    variables.add(v);
    values.add(value);
    assigns.add(scoped.withName("assign").assign(v, value));
    reads.add(scoped.withName("read").identity(v));
    initial.add(start);
    shapes.add(shape.clone());
    return reads.get(reads.size() - 1);
  }

  public List<Variable<TFloat32>> variables() {
    return List.copyOf(variables);
  }

  /** The read of each variable, in creation order. */
  public List<Operand<TFloat32>> reads() {
    return List.copyOf(reads);
  }

  /** TF1's {@code tf.global_variables_initializer()} for these variables: sets the starts. */
  public void initialize(Session session) {
    List<Tensor> tensors = new ArrayList<>();
    try {
      Session.Runner runner = session.runner();
      for (int i = 0; i < variables.size(); i++) {
        TFloat32 t = Tensors.of(shapes.get(i), initial.get(i));
        tensors.add(t);
        runner.feed(values.get(i), t).addTarget(assigns.get(i));
      }
      runner.run();
    } finally {
      tensors.forEach(Tensor::close);
    }
  }

  /** The current values by name. */
  public Map<String, float[]> values(Session session) {
    Session.Runner runner = session.runner();
    reads.forEach(runner::fetch);
    Map<String, float[]> out = new LinkedHashMap<>();
    try (Result r = runner.run()) {
      for (int i = 0; i < names.size(); i++) {
        out.put(names.get(i), Tensors.values((TFloat32) r.get(i)));
      }
    }
    return out;
  }

  /** The number of trainable values. */
  public long countParams() {
    return initial.stream().mapToLong(a -> a.length).sum();
  }
}
