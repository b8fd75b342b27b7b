package dev.tfjlabs.bench;

import dev.tfjlabs.keras.backend.Backend;
import dev.tfjlabs.keras.backend.Tensors;
import dev.tfjlabs.keras.initializers.Initializers;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * The baseline of the benchmark: LSTM(16) -> Dense(10, softmax) on [28, 28] inputs written
 * directly against TensorFlow Java's ops, without this project's library: the graph a careful
 * user would write by hand, trained with Adam on sparse categorical cross-entropy.
 */
final class RawLstmGraph implements AutoCloseable {
  private static final int T = 28;
  private static final int F = 28;
  private static final int U = 16;
  private static final int C = 10;
  private final Graph graph = new Graph();
  private final Session session;
  private final Placeholder<TFloat32> x;
  private final Placeholder<TFloat32> y;
  private final Operand<TFloat32> loss;
  private final Op train;

  RawLstmGraph(long seed) {
    Ops tf = Ops.create(graph);
    x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, T, F)));
    y = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
    int[][] shapes = {{F, 4 * U}, {U, 4 * U}, {4 * U}, {U, C}, {C}};
    List<Variable<TFloat32>> vars = new ArrayList<>();
    List<Operand<TFloat32>> w = new ArrayList<>();
    List<Op> init = new ArrayList<>();
    Random rng = new Random(seed);
    for (int[] s : shapes) {
      Variable<TFloat32> v = tf.variable(Shape.of(java.util.Arrays.stream(s).asLongStream().toArray()),
          TFloat32.class);
      float[] values = (s.length == 1 ? Initializers.zeros() : s[0] == U && s[1] == 4 * U
          ? Initializers.orthogonal() : Initializers.glorotUniform()).generate(s, rng);
      init.add(tf.assign(v, tf.constant(Shape.of(java.util.Arrays.stream(s).asLongStream().toArray()),
          org.tensorflow.ndarray.buffer.DataBuffers.of(values))));
      vars.add(v);
      w.add(tf.identity(v));
    }
    Operand<TFloat32> xs = tf.reshape(tf.linalg.transpose(x, tf.constant(new int[] {1, 0, 2})),
        tf.constant(new int[] {-1, F}));
    Operand<TFloat32> proj = tf.reshape(tf.nn.biasAdd(tf.linalg.matMul(xs, w.get(0)), w.get(2)),
        tf.constant(new int[] {T, -1, 4 * U}));
    List<Output<TFloat32>> steps = tf.unstack(proj, (long) T).output();
    Operand<TFloat32> h = null;
    Operand<TFloat32> c = null;
    for (int t = 0; t < T; t++) {
      Operand<TFloat32> z = h == null ? steps.get(t)
          : tf.math.add(steps.get(t), tf.linalg.matMul(h, w.get(1)));
      List<Output<TFloat32>> g = tf.split(tf.constant(1), z, 4L).output();
      Operand<TFloat32> ic = tf.math.mul(tf.math.sigmoid(g.get(0)), tf.math.tanh(g.get(2)));
      c = c == null ? ic : tf.math.add(tf.math.mul(tf.math.sigmoid(g.get(1)), c), ic);
      h = tf.math.mul(tf.math.sigmoid(g.get(3)), tf.math.tanh(c));
    }
    Operand<TFloat32> probs = tf.nn.softmax(tf.nn.biasAdd(tf.linalg.matMul(h, w.get(3)), w.get(4)));
    Operand<TFloat32> clipped = tf.math.maximum(tf.math.minimum(probs, tf.constant(1 - 1e-7f)),
        tf.constant(1e-7f));
    Operand<TFloat32> onehot = tf.oneHot(tf.dtypes.cast(y, TInt32.class), tf.constant(C),
        tf.constant(1f), tf.constant(0f));
    loss = tf.math.mean(tf.nn.softmaxCrossEntropyWithLogits(tf.math.log(clipped), onehot).loss(),
        tf.constant(0));
    Output<?>[] grads = graph.addGradients(loss.asOutput(),
        w.stream().map(Operand::asOutput).toArray(Output<?>[]::new));
    List<Op> gradOps = new ArrayList<>();
    for (Output<?> g : grads) {
      gradOps.add(tf.identity(g));
    }
    Variable<TInt64> iterations = tf.variable(Shape.scalar(), TInt64.class);
    init.add(tf.assign(iterations, tf.constant(0L)));
    Operand<TInt64> next = tf.math.add(tf.identity(iterations), tf.constant(1L));
    Operand<TFloat32> step = tf.dtypes.cast(next, TFloat32.class);
    Ops after = tf.withControlDependencies(gradOps);
    List<Op> updates = new ArrayList<>();
    Operand<TFloat32> b1 = tf.constant(0.9f);
    Operand<TFloat32> b2 = tf.constant(0.999f);
    for (int i = 0; i < vars.size(); i++) {
      Variable<TFloat32> v = vars.get(i);
      Variable<TFloat32> m = tf.variable(v.shape(), TFloat32.class);
      Variable<TFloat32> s = tf.variable(v.shape(), TFloat32.class);
      init.add(tf.assign(m, tf.zeros(tf.constant(v.shape()), TFloat32.class)));
      init.add(tf.assign(s, tf.zeros(tf.constant(v.shape()), TFloat32.class)));
      @SuppressWarnings("unchecked")
      Output<TFloat32> g = (Output<TFloat32>) grads[i];
      updates.add(after.train.applyAdam(v, m, s, tf.math.pow(b1, step), tf.math.pow(b2, step),
          tf.constant(0.001f), b1, b2, tf.constant(1e-7f), g));
    }
    updates.add(tf.assign(iterations, next));
    train = tf.withControlDependencies(updates).noOp();
    session = Backend.newSession(graph);
    session.run(tf.withControlDependencies(init).noOp());
  }

  /** One training step on the samples {@code order[from..to)}; returns the batch loss. */
  float step(dev.tfjlabs.keras.data.FloatArray xs, dev.tfjlabs.keras.data.FloatArray ys, int[] order,
      int from, int to) {
    try (TFloat32 xb = Tensors.batch(xs, order, from, to);
        TFloat32 yb = Tensors.batch(ys, order, from, to);
        Result r = session.runner().feed(x, xb).feed(y, yb).addTarget(train).fetch(loss).run()) {
      return ((TFloat32) r.get(0)).getFloat();
    }
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
