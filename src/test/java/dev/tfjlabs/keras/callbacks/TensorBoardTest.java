package dev.tfjlabs.keras.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tfjlabs.keras.data.FloatArray;
import dev.tfjlabs.keras.layers.Activation;
import dev.tfjlabs.keras.layers.Dense;
import dev.tfjlabs.keras.losses.SparseCategoricalCrossentropy;
import dev.tfjlabs.keras.models.FitOptions;
import dev.tfjlabs.keras.models.Sequential;
import dev.tfjlabs.keras.optimizers.Adam;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.HistogramProto;
import org.tensorflow.proto.Summary;

/** The event files TensorBoard reads, read back and compared with what {@code fit} logged. */
class TensorBoardTest {
  @TempDir Path tmp;

  private static final int SAMPLES = 48;
  private static final int BATCH = 8;

  private static FloatArray[] data(long seed) {
    Random r = new Random(seed);
    float[] x = new float[SAMPLES * 3];
    float[] y = new float[SAMPLES];
    for (int i = 0; i < SAMPLES; i++) {
      y[i] = i % 3;
      for (int j = 0; j < 3; j++) {
        x[3 * i + j] = (float) ((j == y[i] ? 1 : 0) + 0.3 * r.nextGaussian());
      }
    }
    return new FloatArray[] {new FloatArray(x, SAMPLES, 3), FloatArray.of(y)};
  }

  /** tag -> step -> value of the scalar summaries among {@code events}. */
  private static Map<String, Map<Long, Float>> scalars(List<Event> events) {
    Map<String, Map<Long, Float>> out = new TreeMap<>();
    for (Event e : events) {
      for (Summary.Value v : e.getSummary().getValueList()) {
        float value = switch (v.getValueCase()) {
          case SIMPLE_VALUE -> v.getSimpleValue();
          case TENSOR -> v.getTensor().getFloatVal(0);
          default -> Float.NaN;
        };
        if (!Float.isNaN(value)) {
          out.computeIfAbsent(v.getTag(), k -> new TreeMap<>()).put(e.getStep(), value);
        }
      }
    }
    return out;
  }

  @Test
  void scalarsHistogramsAndGraphAsKerasWritesThem() throws IOException {
    FloatArray[] train = data(1);
    FloatArray[] val = data(2);
    Path logs = tmp.resolve("logs");
    History h;
    try (Sequential m = new Sequential("tb", 3).seed(3).add(new Dense(5, Activation.RELU))
        .add(new Dense(3, Activation.SOFTMAX))) {
      m.compile(new Adam(0.01), new SparseCategoricalCrossentropy(), "accuracy");
      h = m.fit(train[0], train[1], FitOptions.defaults().batchSize(BATCH).epochs(3)
          .validationData(val[0], val[1]).verbose(false)
          .callbacks(new TensorBoard(logs).histogramFreq(2).updateFreq(4)));
    }
    List<Event> trainEvents = EventFiles.read(logs.resolve("train"));
    Map<String, Map<Long, Float>> t = scalars(trainEvents);
    Map<String, Map<Long, Float>> v = scalars(EventFiles.read(logs.resolve("validation")));
    for (int epoch = 0; epoch < 3; epoch++) {
      long step = epoch;
      assertEquals(h.get("loss").get(epoch), t.get("epoch_loss").get(step), 1e-6);
      assertEquals(h.get("accuracy").get(epoch), t.get("epoch_accuracy").get(step), 1e-6);
      assertEquals(0.01, t.get("epoch_learning_rate").get(step), 1e-9);
      assertEquals(h.get("val_loss").get(epoch), v.get("epoch_loss").get(step), 1e-6);
      assertEquals(h.get("val_accuracy").get(epoch), v.get("epoch_accuracy").get(step), 1e-6);
      // Keras's evaluation_*_vs_iterations: step = batches trained so far, 6 an epoch
      long iterations = (epoch + 1) * (SAMPLES / BATCH);
      assertEquals(h.get("val_loss").get(epoch),
          v.get("evaluation_loss_vs_iterations").get(iterations), 1e-6);
    }
    assertEquals(3, t.get("epoch_loss").size());
    // update_freq=4 over 18 batches: batches 4, 8, 12, 16
    assertEquals(List.of(4L, 8L, 12L, 16L), List.copyOf(t.get("batch_loss").keySet()));

    // histograms at epochs 0 and 2 (histogram_freq=2), one per weight; counts sum to its size
    Map<String, Integer> sizes = Map.of("dense/kernel", 15, "dense/bias", 5,
        "dense_1/kernel", 15, "dense_1/bias", 3);
    int histograms = 0;
    for (Event e : trainEvents) {
      for (Summary.Value sv : e.getSummary().getValueList()) {
        if (sv.getValueCase() == Summary.Value.ValueCase.HISTO) {
          HistogramProto histo = sv.getHisto();
          String weight = sv.getTag().replace("/histogram", "");
          assertTrue(sizes.containsKey(weight), sv.getTag());
          double count = histo.getBucketList().stream().mapToDouble(Double::doubleValue).sum();
          assertEquals(sizes.get(weight), count, 1e-9, sv.getTag());
          assertEquals(sizes.get(weight), histo.getNum(), 1e-9, sv.getTag());
          assertTrue(e.getStep() == 0 || e.getStep() == 2, "step " + e.getStep());
          histograms++;
        }
      }
    }
    assertEquals(8, histograms);

    // the training graph, once, at step 0: it holds the model's output and the optimizer
    List<Event> graphs = trainEvents.stream().filter(Event::hasGraphDef).toList();
    assertEquals(1, graphs.size());
    GraphDef g = GraphDef.parseFrom(graphs.get(0).getGraphDef());
    assertTrue(g.getNodeList().stream().anyMatch(n -> n.getName().equals("output")));
    assertTrue(g.getNodeList().stream().anyMatch(n -> n.getOp().equals("ApplyAdam")));
  }

  @Test
  void epochUpdatesOnlyAndNoValidationFolderWithoutValidationData() throws IOException {
    FloatArray[] train = data(1);
    Path logs = tmp.resolve("logs");
    try (Sequential m = new Sequential("tb", 3).add(new Dense(3, Activation.SOFTMAX))) {
      m.compile(new Adam(), new SparseCategoricalCrossentropy());
      m.fit(train[0], train[1], FitOptions.defaults().batchSize(BATCH).epochs(2).verbose(false)
          .callbacks(new TensorBoard(logs).writeGraph(false)));
    }
    Map<String, Map<Long, Float>> t = scalars(EventFiles.read(logs.resolve("train")));
    assertEquals(java.util.Set.of("epoch_learning_rate", "epoch_loss"), t.keySet());
    assertTrue(!java.nio.file.Files.exists(logs.resolve("validation")));
  }
}
