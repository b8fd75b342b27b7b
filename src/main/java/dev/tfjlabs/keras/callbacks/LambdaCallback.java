package dev.tfjlabs.keras.callbacks;

import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * {@code keras.callbacks.LambdaCallback(on_epoch_begin=None, on_epoch_end=None,
 * on_train_begin=None, on_train_end=None, on_batch_end=None)}: a callback made of functions,
 * each optional: {@code new LambdaCallback().onEpochEnd((epoch, logs) -> ...)}.
 */
public final class LambdaCallback extends Callback {
  private Consumer<Integer> epochBegin = e -> { };
  private BiConsumer<Integer, Map<String, Double>> epochEnd = (e, logs) -> { };
  private Runnable trainBegin = () -> { };
  private Runnable trainEnd = () -> { };
  private BatchEnd batchEnd = (e, b, logs) -> { };

  /** {@code on_batch_end(epoch, batch, logs)}. */
  @FunctionalInterface
  public interface BatchEnd {
    void accept(int epoch, int batch, Map<String, Double> logs);
  }

  public LambdaCallback onEpochBegin(Consumer<Integer> f) {
    epochBegin = f;
    return this;
  }

  public LambdaCallback onEpochEnd(BiConsumer<Integer, Map<String, Double>> f) {
    epochEnd = f;
    return this;
  }

  public LambdaCallback onTrainBegin(Runnable f) {
    trainBegin = f;
    return this;
  }

  public LambdaCallback onTrainEnd(Runnable f) {
    trainEnd = f;
    return this;
  }

  public LambdaCallback onBatchEnd(BatchEnd f) {
    batchEnd = f;
    return this;
  }

  @Override
  public void onTrainBegin() {
    trainBegin.run();
  }

  @Override
  public void onEpochBegin(int epoch) {
    epochBegin.accept(epoch);
  }

  @Override
  public void onBatchEnd(int epoch, int batch, Map<String, Double> logs) {
    batchEnd.accept(epoch, batch, logs);
  }

  @Override
  public void onEpochEnd(int epoch, Map<String, Double> logs) {
    epochEnd.accept(epoch, logs);
  }

  @Override
  public void onTrainEnd() {
    trainEnd.run();
  }
}
