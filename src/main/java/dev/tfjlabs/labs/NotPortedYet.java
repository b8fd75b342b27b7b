package dev.tfjlabs.labs;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * A lab id that is reserved but whose port has not landed yet: running it says so and exits 2
 * rather than pretending to run.
 */
@Command(mixinStandardHelpOptions = true)
public final class NotPortedYet implements Callable<Integer> {
  private final String id;

  @Parameters(arity = "0..*", hidden = true)
  java.util.List<String> ignored;

  public NotPortedYet(String id) {
    this.id = id;
  }

  @Override
  public Integer call() {
    System.err.println("Lab '" + id + "' is not ported yet. Ported labs: "
        + dev.tfjlabs.Launcher.PORTED + ". See the README's lab table.");
    return 2;
  }
}
