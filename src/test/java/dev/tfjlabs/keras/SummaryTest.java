package dev.tfjlabs.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tfjlabs.keras.initializers.Initializers;
import dev.tfjlabs.keras.layers.Activation;
import dev.tfjlabs.keras.layers.Dense;
import dev.tfjlabs.keras.layers.rnn.Bidirectional;
import dev.tfjlabs.keras.layers.rnn.GRU;
import dev.tfjlabs.keras.layers.rnn.LSTM;
import dev.tfjlabs.keras.layers.rnn.RNN;
import dev.tfjlabs.keras.layers.rnn.SimpleRNN;
import dev.tfjlabs.keras.models.Sequential;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** Parameter counts of every notebook model, as ../shared/LABS.md lists them, via summary(). */
class SummaryTest {

  private static long total(Sequential m) {
    String s = m.summary();
    String line = s.lines().filter(l -> l.startsWith("Total params: ")).findFirst().orElseThrow();
    return Long.parseLong(line.substring("Total params: ".length()).replace(",", ""));
  }

  @Test
  void lab1BasicRnnPrintsTheNotebooksTable() {
    Sequential m = new Sequential("Basic-RNN", 28, 28).add(new LSTM(16))
        .add(new Dense(10, Activation.SOFTMAX));
    assertEquals(3050, total(m));
    String s = m.summary();
    assertTrue(s.contains("lstm (LSTM)                  (None, 16)                2880      \n"), s);
    assertTrue(s.contains("dense (Dense)                (None, 10)                170       \n"), s);
    assertTrue(s.contains("Total params: 3,050\n"), s);
  }

  @Test
  void lab1Bidirectional() {
    Sequential m = new Sequential("Bidirectional-RNN", 28, 28).add(new Bidirectional(new LSTM(16)))
        .add(new Dense(10, Activation.SOFTMAX));
    assertEquals(6090, total(m));
    assertEquals(5760, m.layers().get(0).countParams());
    assertTrue(m.summary().contains("bidirectional (Bidirectional (None, 32)"), m.summary());
  }

  private static Sequential multiplication(IntFunction<RNN.Builder<?, ?>> layer) {
    return new Sequential("sequential", 100, 2)
        .add(layer.apply(30).returnSequences(true).build())
        .add(layer.apply(30).build())
        .add(new Dense(1));
  }

  @Test
  void lab3MultiplicationModels() {
    assertEquals(2851, total(multiplication(SimpleRNN::builder)));
    assertEquals(11311, total(multiplication(LSTM::builder)));
    assertEquals(8671, total(multiplication(GRU::builder)));
    assertEquals(990, multiplication(SimpleRNN::builder).layers().get(0).countParams());
  }

  private static Sequential pytorch(IntFunction<RNN.Builder<?, ?>> layer) {
    return new Sequential("rnn", 28, 28)
        .add(layer.apply(256).pytorch().returnSequences(true).build())
        .add(layer.apply(256).pytorch().returnSequences(true).build())
        .add(layer.apply(256).pytorch().build())
        .add(Dense.builder(10).biasInitializer(Initializers.randomUniform(-1 / 16.0, 1 / 16.0))
            .build());
  }

  @Test
  void pytorchLstmHasTwoBiasesAsNnLstm() {
    // nn.LSTM(28, 16): weight_ih 64x28, weight_hh 64x16, bias_ih 64, bias_hh 64
    long nnLstm = 64 * 28 + 64 * 16 + 64 + 64;
    Sequential m = new Sequential("p", 28, 28).add(LSTM.builder(16).pytorch().build());
    assertEquals(nnLstm, total(m));
    assertEquals(2944, total(m));
    assertTrue(m.summary().contains("(None, 16)                2944"), m.summary());
  }

  @Test
  void lab4PytorchParameterisation() {
    assertEquals(338954, total(pytorch(SimpleRNN::builder)));
    assertEquals(1011722, total(pytorch(GRU::builder)));
  }
}
