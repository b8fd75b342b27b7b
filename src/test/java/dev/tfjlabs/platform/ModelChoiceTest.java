package dev.tfjlabs.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A lab's --model option, declared once: its check, its picks and the report's slugs. */
class ModelChoiceTest {
  private final ModelChoice choice = new ModelChoice("--model", List.of(
      new ModelChoice.Model("basic", "basic-rnn"), new ModelChoice.Model("bi", "bidirectional-rnn")),
      "both");

  @Test
  void checksPicksAndNamesTheFiles() {
    choice.check("bi", IllegalArgumentException::new);
    choice.check("both", IllegalArgumentException::new);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> choice.check("all", IllegalArgumentException::new));
    assertEquals("--model must be basic, bi or both, got 'all'", e.getMessage());
    assertTrue(choice.picks("both", "bi"));
    assertTrue(choice.picks("bi", "bi"));
    assertFalse(choice.picks("basic", "bi"));
    assertEquals(List.of("basic-rnn", "bidirectional-rnn"), choice.slugs());
  }

  @Test
  void aChoiceOfOneModelARunHasNoWordForAll() {
    ModelChoice cells = new ModelChoice("--cell", List.of(new ModelChoice.Model("rnn", "r"),
        new ModelChoice.Model("lstm", "l"), new ModelChoice.Model("gru", "g")), null);
    cells.check("gru", IllegalArgumentException::new);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> cells.check("all", IllegalArgumentException::new));
    assertEquals("--cell must be rnn, lstm or gru, got 'all'", e.getMessage());
    assertTrue(cells.picks("gru", "gru"));
    assertFalse(cells.picks("rnn", "gru"));
  }
}
