package dev.tfjlabs.platform;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * A lab id that is reserved but whose port has not landed yet: running it says so and exits 2
 * rather than pretending to run.
 */
@Command(mixinStandardHelpOptions = true)
public final class NotPortedYet implements Callable<Integer> {
  private final Lab lab;
  private final List<String> ported;

  @Parameters(arity = "0..*", hidden = true)
  List<String> ignored;

  public NotPortedYet(Lab lab, List<String> ported) {
    this.lab = lab;
    this.ported = List.copyOf(ported);
  }

  @Override
  public Integer call() {
    System.err.println("ERROR: lab '" + lab.id() + "' (" + lab.notebook() + ") is not ported"
        + " yet. Ported labs: " + String.join(", ", ported) + ".");
    return 2;
  }
}
