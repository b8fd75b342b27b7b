package dev.tfjlabs.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tfjlabs.keras.callbacks.Callback;
import dev.tfjlabs.keras.models.TrainingDiverged;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The custom-loop helper: hooks in Keras's order, the History, and the divergence check. */
class EpochLoopTest {
  /** Records the hooks it hears. */
  private static final class Recorder extends Callback {
    final List<String> heard = new ArrayList<>();

    @Override
    public void onTrainBegin() {
      heard.add("begin");
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
      heard.add("epoch " + epoch + " " + logs);
    }

    @Override
    public void onTrainEnd() {
      heard.add("end");
    }

    @Override
    public void onTrainAbort() {
      heard.add("abort");
    }
  }

  @Test
  void epochsAreLoggedAndRecorded() {
    Recorder r = new Recorder();
    EpochLoop loop = new EpochLoop("m", r, 0.01);
    loop.begin();
    for (int epoch = 0; epoch < 2; epoch++) {
      loop.beginEpoch();
      double loss = loop.checked(epoch, 0, "loss", 1.5 - epoch);
      loop.endEpoch(epoch, Map.of("loss", loss));
    }
    loop.end();
    assertEquals(List.of("begin", "epoch 0 {loss=1.5}", "epoch 1 {loss=0.5}", "end"), r.heard);
    assertEquals(List.of(1.5, 0.5), loop.history().get("loss"));
    assertEquals(2, loop.history().epochSeconds().size());
  }

  @Test
  void aNonFiniteLossEndsTrainingNamingEpochStepAndLearningRate() {
    Recorder r = new Recorder();
    EpochLoop loop = new EpochLoop("GRU", r, "0.5");
    loop.begin();
    loop.beginEpoch();
    loop.endEpoch(0, Map.of("loss", 2.0));
    loop.beginEpoch();
    TrainingDiverged e = assertThrows(TrainingDiverged.class,
        () -> loop.checked(1, 6, "cost", Double.NaN));
    assertEquals("GRU: Epoch 2, step 7: invalid cost (NaN), terminating training. The learning"
        + " rate (0.5) is probably too high for this model: try a lower one, such as a tenth of"
        + " it.", e.getMessage());
    assertEquals(1, e.history().epochs(), "the completed epoch is kept");
    assertEquals(List.of("begin", "epoch 0 {loss=2.0}", "abort"), r.heard);
  }
}
