package dev.tfjlabs.labs;

import dev.tfjlabs.keras.initializers.Initializers;
import dev.tfjlabs.tf1.Variables;
import dev.tfjlabs.tf1.rnncell.RNNCell;
import dev.tfjlabs.tf1.rnncell.StaticRnn;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The graph of lab 2's notebook, built with TensorFlow Java's own ops as the notebook builds it
 * with TensorFlow 1's:
 *
 * <pre>
 *   X = tf.placeholder(tf.float32, [None, n_step, n_input])
 *   Y = tf.placeholder(tf.float32, [None, n_class])
 *   W = tf.Variable(tf.random_normal([n_hidden, n_class]))
 *   b = tf.Variable(tf.random_normal([n_class]))
 *   outputs, states = tf.nn.dynamic_rnn(cell, X)     # here unrolled statically
 *   model = tf.matmul(outputs[:, -1], W) + b
 *   cost = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(logits=model, labels=Y))
 *   is_correct = tf.equal(tf.argmax(model, 1), tf.argmax(Y, 1))
 *   accuracy = tf.reduce_mean(tf.cast(is_correct, tf.float32))
 * </pre>
 *
 * W and b are N(0, 1), as {@code tf.random_normal}'s default. {@code X} is named
 * {@code input} and {@code softmax(model)} {@code output}, the SavedModel signature's names.
 */
final class Tf1RnnClassifier {
  final Placeholder<TFloat32> x;
  final Placeholder<TFloat32> y;
  final Operand<TFloat32> model;
  final Operand<TFloat32> probabilities;
  final Operand<TFloat32> cost;
  final Operand<TFloat32> accuracy;

  Tf1RnnClassifier(Variables vars, RNNCell cell, int nStep, int nInput, int nClass) {
    Ops tf = vars.tf();
    x = tf.withName("input").placeholder(TFloat32.class,
        Placeholder.shape(Shape.of(-1, nStep, nInput)));
    y = tf.withName("Y").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, nClass)));
    Operand<TFloat32> w = vars.get("W", new int[] {cell.numUnits(), nClass},
        Initializers.randomNormal(0, 1));
    Operand<TFloat32> b = vars.get("b", new int[] {nClass}, Initializers.randomNormal(0, 1));
    List<Operand<TFloat32>> outputs = StaticRnn.run(vars, cell, x);
    model = tf.math.add(tf.linalg.matMul(outputs.get(outputs.size() - 1), w), b);
    probabilities = tf.withName("output").nn.softmax(model);
    cost = tf.math.mean(tf.nn.softmaxCrossEntropyWithLogits(model, y).loss(), tf.constant(0));
    Operand<TFloat32> isCorrect = tf.dtypes.cast(tf.math.equal(tf.math.argMax(model,
        tf.constant(1)), tf.math.argMax(y, tf.constant(1))), TFloat32.class);
    accuracy = tf.math.mean(isCorrect, tf.constant(0));
  }
}
