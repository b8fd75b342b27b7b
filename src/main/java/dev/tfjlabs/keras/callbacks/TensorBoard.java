package dev.tfjlabs.keras.callbacks;

import dev.tfjlabs.keras.layers.Layer;
import dev.tfjlabs.keras.layers.Weight;
import dev.tfjlabs.keras.models.Model;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code keras.callbacks.TensorBoard(log_dir)} with Keras 3's layout, tags and defaults
 * ({@code keras/src/callbacks/tensorboard.py}): {@code histogram_freq=0, write_graph=True,
 * update_freq="epoch"}; {@code write_images}, {@code write_steps_per_second},
 * {@code profile_batch} and {@code embeddings_freq} stay off, as by default (this class does not
 * offer them). Open the logs with {@code tensorboard --logdir LOG_DIR}.
 *
 * <ul>
 *   <li>{@code LOG_DIR/train/}: at each epoch's end (step = the 0-based epoch)
 *       {@code epoch_loss}, {@code epoch_<metric>} and {@code epoch_learning_rate}; with
 *       {@code updateFreq(n)}, every n-th batch (step = batches trained so far, from 1)
 *       {@code batch_loss}, {@code batch_<metric>} (the epoch's running means, as Keras logs
 *       them); every {@code histogramFreq} epochs a histogram {@code <layer>/<weight>/histogram}
 *       of each weight; the training graph once, at step 0, when {@code writeGraph}.</li>
 *   <li>{@code LOG_DIR/validation/}: {@code epoch_loss}, {@code epoch_<metric>} of the
 *       validation data (the {@code val_} logs without their prefix), and
 *       {@code evaluation_<name>_vs_iterations} at step = batches trained so far.</li>
 * </ul>
 *
 * <p>The events are flushed at every epoch's end, so TensorBoard shows a run while it trains;
 * the files are closed when training ends, also when it ends in an error.
 *
 * <pre>{@code new TensorBoard(Path.of("logs/lstm")).histogramFreq(1)}</pre>
 */
public final class TensorBoard extends Callback implements AutoCloseable {
  /** Keras's {@code update_freq="epoch"}: scalars once per epoch only. */
  public static final int UPDATE_EPOCH = 0;

  private final Path logDir;
  private int histogramFreq;
  private boolean writeGraph = true;
  private int updateFreq = UPDATE_EPOCH;
  private EventFileWriter train;
  private EventFileWriter validation;
  private long globalBatch;

  public TensorBoard(Path logDir) {
    this.logDir = logDir;
  }

  public Path logDir() {
    return logDir;
  }

  /** Write weight histograms every this many epochs; 0 (the default) never. */
  public TensorBoard histogramFreq(int epochs) {
    if (epochs < 0) {
      throw new IllegalArgumentException("histogram_freq must be >= 0, got " + epochs);
    }
    histogramFreq = epochs;
    return this;
  }

  /** Write the training graph (default true). */
  public TensorBoard writeGraph(boolean value) {
    writeGraph = value;
    return this;
  }

  /** Batch-level scalars every {@code batches} batches; {@link #UPDATE_EPOCH} for none. */
  public TensorBoard updateFreq(int batches) {
    if (batches < 0) {
      throw new IllegalArgumentException("update_freq must be \"epoch\", \"batch\" or a"
          + " positive number of batches, got " + batches);
    }
    updateFreq = batches;
    return this;
  }

  /** Keras's string form: {@code "epoch"} or {@code "batch"} (every batch). */
  public TensorBoard updateFreq(String value) {
    return switch (value) {
      case "epoch" -> updateFreq(UPDATE_EPOCH);
      case "batch" -> updateFreq(1);
      default -> throw new IllegalArgumentException("update_freq must be \"epoch\", \"batch\""
          + " or a number of batches, got \"" + value + "\"");
    };
  }

  @Override
  public void onTrainBegin() {
    close();
    globalBatch = 0;
    train = new EventFileWriter(logDir.resolve("train"));
    Model model = model();
    if (writeGraph && model != null) {
      train.graph(model.graphDef(), 0);
    }
  }

  @Override
  public void onBatchEnd(int epoch, int batch, Map<String, Double> logs) {
    globalBatch++;
    if (updateFreq > 0 && globalBatch % updateFreq == 0) {
      logs.forEach((name, value) -> train.scalar("batch_" + name, value, globalBatch));
    }
  }

  @Override
  public void onEpochEnd(int epoch, Map<String, Double> logs) {
    Model model = model();
    for (Map.Entry<String, Double> e : logs.entrySet()) {
      if (!e.getKey().startsWith("val_")) {
        train.scalar("epoch_" + e.getKey(), e.getValue(), epoch);
      }
    }
    if (model != null && model.optimizer() != null) {
      train.scalar("epoch_learning_rate", model.optimizer().learningRate(), epoch);
    }
    for (Map.Entry<String, Double> e : logs.entrySet()) {
      if (e.getKey().startsWith("val_")) {
        if (validation == null) {
          validation = new EventFileWriter(logDir.resolve("validation"));
        }
        String name = e.getKey().substring(4);
        validation.scalar("epoch_" + name, e.getValue(), epoch);
        validation.scalar("evaluation_" + name + "_vs_iterations", e.getValue(), globalBatch);
      }
    }
    if (histogramFreq > 0 && epoch % histogramFreq == 0 && model != null) {
      List<Weight> weights = new ArrayList<>();
      for (Layer layer : model.layers()) {
        weights.addAll(layer.weights());
      }
      List<float[]> values = model.getWeights();
      for (int i = 0; i < weights.size(); i++) {
        train.histogram(weights.get(i).path() + "/histogram", values.get(i), epoch);
      }
    }
    train.flush();
    if (validation != null) {
      validation.flush();
    }
  }

  @Override
  public void onTrainEnd() {
    close();
  }

  @Override
  public void onTrainAbort() {
    close();
  }

  /** Closes the event files (also when training ended in an error). */
  @Override
  public void close() {
    try {
      if (train != null) {
        train.close();
      }
    } finally {
      train = null;
      if (validation != null) {
        validation.close();
        validation = null;
      }
    }
  }
}
