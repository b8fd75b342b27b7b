package dev.tfjlabs.keras.callbacks;

import com.google.protobuf.ByteString;
import dev.tfjlabs.keras.backend.Backend;
import dev.tfjlabs.keras.backend.Tensors;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.summary.SummaryWriter;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * One TensorBoard run folder written by TensorFlow's own summary ops, as
 * {@code tf.summary.create_file_writer(logdir)} writes it: an {@code events.out.tfevents.*.v2}
 * file of TFRecord-framed {@code Event} protos, with TensorFlow's defaults (a queue of 10
 * events, flushed every 120 s and by {@link #flush}). Scalars go through
 * {@code WriteScalarSummary}, histograms through {@code WriteHistogramSummary} (TensorFlow's
 * default buckets) and the graph through {@code ImportEvent} with an {@code Event} holding the
 * {@code graph_def}. The ops live in a small graph and session of their own, so writing never
 * touches the model's graph.
 */
final class EventFileWriter implements AutoCloseable {
  private static final int MAX_QUEUE = 10;
  private static final int FLUSH_MILLIS = 120_000;
  private static final AtomicLong WRITERS = new AtomicLong();

  private final Graph graph = new Graph();
  private final Session session;
  private final Placeholder<TInt64> step;
  private final Placeholder<TString> tag;
  private final Placeholder<TFloat32> scalar;
  private final Placeholder<TFloat32> values;
  private final Placeholder<TString> event;
  private final Op writeScalar;
  private final Op writeHistogram;
  private final Op importEvent;
  private final Op flush;
  private final Op close;
  private boolean closed;

  /** Opens (and creates) the run folder {@code dir}. */
  EventFileWriter(Path dir) {
    Ops tf = Ops.create(graph);
    SummaryWriter writer = tf.summary.summaryWriter(
        SummaryWriter.sharedName("writer_" + WRITERS.incrementAndGet()));
    Op create = tf.summary.createSummaryFileWriter(writer,
        tf.constant(dir.toAbsolutePath().toString()), tf.constant(MAX_QUEUE),
        tf.constant(FLUSH_MILLIS), tf.constant(".v2"));
    step = tf.placeholder(TInt64.class, Placeholder.shape(Shape.scalar()));
    tag = tf.placeholder(TString.class, Placeholder.shape(Shape.scalar()));
    scalar = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    values = tf.placeholder(TFloat32.class);
    event = tf.placeholder(TString.class, Placeholder.shape(Shape.scalar()));
    writeScalar = tf.summary.writeScalarSummary(writer, step, tag, scalar);
    writeHistogram = tf.summary.writeHistogramSummary(writer, step, tag, values);
    importEvent = tf.summary.importEvent(writer, event);
    flush = tf.summary.flushSummaryWriter(writer);
    close = tf.summary.closeSummaryWriter(writer);
    session = Backend.newSession(graph);
    try {
      session.run(create);
    } catch (RuntimeException e) {
      session.close();
      graph.close();
      throw new IllegalStateException("Cannot write TensorBoard logs to " + dir + ": "
          + e.getMessage(), e);
    }
  }

  /** A scalar summary {@code name} = {@code value} at {@code globalStep}. */
  void scalar(String name, double value, long globalStep) {
    try (TInt64 s = TInt64.scalarOf(globalStep); TString t = TString.scalarOf(name);
        TFloat32 v = TFloat32.scalarOf((float) value)) {
      session.runner().feed(step, s).feed(tag, t).feed(scalar, v).addTarget(writeScalar).run();
    }
  }

  /** A histogram summary of {@code data} (a weight's values, any shape) at {@code globalStep}. */
  void histogram(String name, float[] data, long globalStep) {
    try (TInt64 s = TInt64.scalarOf(globalStep); TString t = TString.scalarOf(name);
        TFloat32 v = Tensors.of(new int[] {data.length}, data)) {
      session.runner().feed(step, s).feed(tag, t).feed(values, v).addTarget(writeHistogram)
          .run();
    }
  }

  /** An {@code Event} holding {@code graphDef}, at {@code globalStep}. */
  void graph(GraphDef graphDef, long globalStep) {
    byte[] bytes = Event.newBuilder().setWallTime(System.currentTimeMillis() / 1000.0)
        .setStep(globalStep).setGraphDef(ByteString.copyFrom(graphDef.toByteArray())).build()
        .toByteArray();
    try (TString e = TString.tensorOfBytes(NdArrays.scalarOfObject(bytes))) {
      session.runner().feed(event, e).addTarget(importEvent).run();
    }
  }

  /** Writes the queued events to the file. */
  void flush() {
    session.run(flush);
  }

  /** Flushes and closes the file, then the writer's graph. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      session.run(close);
    } finally {
      session.close();
      graph.close();
    }
  }
}
