package dev.tfjlabs.labs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tfjlabs.tf1.rnncell.BasicLSTMCell;
import dev.tfjlabs.tf1.rnncell.GRUCell;
import org.junit.jupiter.api.Test;

/** The TF1 graph's multiply-adds, counted by hand from the notebook's shapes. */
class Tf1StepsTest {

  @Test
  void cellKernelsActOnInputAndStateEveryStep() {
    // BasicLSTMCell(256): kernel [28 + 256, 1024] at 28 steps, W [256, 10] once
    try (Tf1Steps steps = new Tf1Steps(new BasicLSTMCell(256), 0.001, 1, 128)) {
      long onData = 28L * 28 * 1024;
      long onWeights = 28L * 256 * 1024 + 2560;
      assertEquals(2 * (3 * onWeights + 2 * onData), steps.flopsPerExample());
    }
    // GRUCell(8): gates [28 + 8, 16] and candidate [28 + 8, 8] at 28 steps, W [8, 10]
    try (Tf1Steps steps = new Tf1Steps(new GRUCell(8), 0.001, 1, 128)) {
      long onData = 28L * 28 * 24;
      long onWeights = 28L * 8 * 24 + 80;
      assertEquals(2 * (3 * onWeights + 2 * onData), steps.flopsPerExample());
    }
  }
}
