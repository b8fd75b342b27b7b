package dev.tfjlabs.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tfjlabs.LabRunner;
import dev.tfjlabs.keras.callbacks.EventFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.Summary;

/** {@code --tensorboard}: a lab's and a sweep's logs, beside the history they must equal. */
class TensorBoardLogsTest {
  @TempDir Path out;

  private String[] args(String... more) {
    String[] base = {"multiplication", "--model", "simple", "--limit", "64", "--epochs", "2",
        "--reports-dir", out.resolve("reports").toString(), "--models-dir",
        out.resolve("models").toString(), "--tensorboard"};
    String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }

  /** step -> simple value of {@code tag} in the run folder {@code dir}. */
  private static Map<Long, Float> scalar(Path dir, String tag) throws Exception {
    Map<Long, Float> values = new TreeMap<>();
    for (Event e : EventFiles.read(dir)) {
      for (Summary.Value v : e.getSummary().getValueList()) {
        if (v.getTag().equals(tag)) {
          values.put(e.getStep(), v.getSimpleValue());
        }
      }
    }
    return values;
  }

  @Test
  void aLabRunLogsWhatItsHistorySays() throws Exception {
    LabRunner.Output o = LabRunner.capture(args());
    assertEquals(0, o.exitCode(), o.err());
    Path logs = out.resolve("reports/multiplication/logs/simple-rnn");
    List<String> csv = Files.readAllLines(
        out.resolve("reports/multiplication/simple-rnn-history.csv"));
    List<String> header = List.of(csv.get(0).split(","));
    Map<Long, Float> loss = scalar(logs.resolve("train"), "epoch_loss");
    Map<Long, Float> valLoss = scalar(logs.resolve("validation"), "epoch_loss");
    assertEquals(2, loss.size());
    for (int epoch = 0; epoch < 2; epoch++) {
      String[] row = csv.get(epoch + 1).split(",");
      assertEquals(Double.parseDouble(row[header.indexOf("loss")]), loss.get((long) epoch), 1e-6);
      assertEquals(Double.parseDouble(row[header.indexOf("val_loss")]),
          valLoss.get((long) epoch), 1e-6);
    }
    // a second run replaces the model's logs rather than adding a second set beside them
    assertEquals(0, LabRunner.capture(args()).exitCode());
    assertEquals(2, scalar(logs.resolve("train"), "epoch_loss").size());
    try (var files = Files.list(logs.resolve("train"))) {
      assertEquals(1, files.count());
    }
  }

  @Test
  void aSweepWritesOneRunPerValue() throws Exception {
    LabRunner.Output o = LabRunner.capture(args("--sweep", "learning-rate=0.01,0.001"));
    assertEquals(0, o.exitCode(), o.err());
    Path logs = out.resolve("reports/multiplication/logs/simple-rnn");
    Map<Long, Float> fast = scalar(logs.resolve("learning-rate=0.01/train"), "epoch_loss");
    Map<Long, Float> slow = scalar(logs.resolve("learning-rate=0.001/train"), "epoch_loss");
    assertEquals(2, fast.size());
    assertEquals(2, slow.size());
    assertTrue(!fast.equals(slow), "each run trained with its own learning rate");
    assertEquals(0.001, scalar(logs.resolve("learning-rate=0.001/train"),
        "epoch_learning_rate").get(1L), 1e-9);
  }
}
