package dev.tfjlabs.labs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tfjlabs.platform.BenchmarkModel;
import dev.tfjlabs.platform.Lab;
import dev.tfjlabs.platform.LabCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The training benchmark's entries come from the labs' model declarations: every model of the
 * course once, at the notebook's batch size and steps per epoch (counted here by hand from the
 * notebooks' data sizes), each naming a model of {@code benchmarks/torch_models.py}.
 */
class LabModelsTest {

  @Test
  void everyLabModelIsABenchmarkEntryWithTheNotebooksBatchesAndSteps() throws Exception {
    List<String> rows = new ArrayList<>();
    for (Lab lab : Labs.ALL) {
      LabCommand<?> command = lab.command().get();
      new CommandLine(command).parseArgs();
      for (BenchmarkModel m : command.benchmarkModels()) {
        rows.add(String.join(" ", m.lab(), m.model(), m.torch(), "" + m.batchSize(),
            "" + m.stepsPerEpoch()));
      }
    }
    assertEquals(List.of(
        // 60,000 images at batch 32
        "fashion-bilstm Basic-RNN bilstm-basic 32 1875",
        "fashion-bilstm Bidirectional-RNN bilstm-bidirectional 32 1875",
        // int(55,000 / 256)
        "mnist-rnn-basics BasicRNNCell(256) tf1-rnn 256 214",
        "mnist-rnn-basics BasicLSTMCell(256) tf1-lstm 256 214",
        "mnist-rnn-basics GRUCell(256) tf1-gru 256 214",
        // 80% of 2,560 = 2,048 at batch 32
        "multiplication SimpleRNN mult-rnn 32 64",
        "multiplication LSTM mult-lstm 32 64",
        "multiplication GRU mult-gru 32 64",
        // 54,000 at batch 64, the last batch partial
        "fashion-rnn-gru RNN fashion-rnn 64 844",
        "fashion-rnn-gru GRU fashion-gru 64 844",
        // 80% of 60,000 = 48,000 at batch 32
        "cnn-feature-maps Fashion-CNN cnn-fashion 32 1500",
        "cnn-feature-maps MNIST-CNN cnn-mnist 32 1500",
        // 80% of 25,000 = 20,000 at batch 64, the last batch partial
        "imdb-sentiment SimpleRNN (one-hot) imdb-simplernn 64 313",
        "imdb-sentiment SimpleRNN (Embedding) imdb-embedding 64 313",
        "imdb-sentiment LSTM imdb-lstm 64 313",
        "imdb-sentiment 2-layer LSTM imdb-lstm-2 64 313",
        "imdb-sentiment 2-layer GRU imdb-gru-2 64 313"), rows);

    String torchModels = Files.readString(Path.of("benchmarks", "torch_models.py"));
    for (String prefix : List.of("\"bilstm-basic\"", "\"bilstm-bidirectional\"",
        "key.startswith(\"tf1-\")", "key.startswith(\"mult-\")", "key.startswith(\"fashion-\")",
        "key == \"cnn-fashion\"", "key.startswith(\"imdb-\")")) {
      assertTrue(torchModels.contains(prefix), "torch_models.py handles " + prefix);
    }
  }
}
