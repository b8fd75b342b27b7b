package dev.tfjlabs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Iterator;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;

/** The multiply-adds the GRU-products rate divides by, against the graph and a hand count. */
class RecurrentProductsTest {

  @Test
  void fashionRnnGruStepCountsEveryProductOnce() {
    try (Graph g = new Graph();
        RecurrentProducts.Step step = RecurrentProducts.build(Ops.create(g), 3, 64, 28, 28, 256,
            3)) {
      long inGraph = 0;
      int products = 0;
      for (Iterator<GraphOperation> it = g.operations(); it.hasNext(); ) {
        GraphOperation op = it.next();
        if (op.type().equals("MatMul")) {
          Shape out = op.output(0).shape();
          Shape a = op.input(0).shape();
          long inner = op.attributes().getAttrBool("transpose_a") ? a.get(0) : a.get(1);
          inGraph += out.get(0) * inner * out.get(1);
          products++;
        }
      }
      // per layer, 27 state products (the first step has no state) forward, 27 for their
      // weight gradient and 27 for the state gradient, each [64, 256] x [256, 768]; the input
      // products over all 28 steps at once, [1792, in] x [in, 768]: forward and weight
      // gradient, and the input gradient above the first layer (in = 28, then 256)
      long state = 64L * 256 * 768;
      long firstInputs = 1792L * 28 * 768;
      long upperInputs = 1792L * 256 * 768;
      long hand = 3 * 81 * state + 2 * firstInputs + 2 * 3 * upperInputs;
      assertEquals(3 * 81 + 2 + 2 * 3, products);
      assertEquals(hand, inGraph);
      assertEquals(hand, step.multiplyAdds());
    }
  }
}
