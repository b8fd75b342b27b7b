package dev.tfjlabs.labs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Usage errors exit 2, as the launcher promises. */
class LauncherTest {
  @Test
  void unknownLabOptionOrValueExits2() {
    assertEquals(2, LabRunner.run("no-such-lab"));
    assertEquals(2, LabRunner.run("multiplication", "--no-such-option"));
    assertEquals(2, LabRunner.run("multiplication", "--epochs", "zero"));
    assertEquals(2, LabRunner.run("multiplication", "--epochs", "0"));
    assertEquals(2, LabRunner.run("multiplication", "--model", "transformer"));
    assertEquals(2, LabRunner.run("fashion-bilstm", "--dataset", "cifar"));
  }

  @Test
  void aReservedLabThatIsNotPortedSaysSo() {
    assertEquals(2, LabRunner.run("imdb-sentiment"));
  }

  @Test
  void helpExits0() {
    assertEquals(0, LabRunner.run("--help"));
    assertEquals(0, LabRunner.run("fashion-bilstm", "--help"));
  }
}
