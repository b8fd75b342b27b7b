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
      // multiply-adds on the data: 28 x 28 x 1,024 = 802,816; on the state and W:
      // 28 x 256 x 1,024 + 2,560 = 7,342,592. Forward, weight gradients and the state's input
      // gradients: 2 x (802,816 + 7,342,592) + 7,342,592 = 23,633,408, times 2 FLOP each
      assertEquals(47_266_816L, steps.flopsPerExample());
    }
    // GRUCell(8): gates [28 + 8, 16] and candidate [28 + 8, 8] at 28 steps, W [8, 10]
    try (Tf1Steps steps = new Tf1Steps(new GRUCell(8), 0.001, 1, 128)) {
      // on the data 28 x 28 x 24 = 18,816; on the state and W 28 x 8 x 24 + 80 = 5,456:
      // 2 x (18,816 + 5,456) + 5,456 = 54,000 multiply-adds
      assertEquals(108_000L, steps.flopsPerExample());
    }
  }
}
