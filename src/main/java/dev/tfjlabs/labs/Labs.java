package dev.tfjlabs.labs;

import dev.tfjlabs.platform.Lab;
import java.util.List;

/**
 * The lab registry: every lab, in the order of the notebooks, each entry read from the lab's
 * own command (its id, title, notebook and report). The launcher's list and help and the {@code reports} command read it.
 */
public final class Labs {
  private Labs() {}

  /** Every lab. */
  public static final List<Lab> ALL = List.of(
      Lab.of(FashionBiLstmLab::new),
      Lab.of(MnistRnnBasicsLab::new),
      Lab.of(MultiplicationLab::new),
      Lab.of(FashionRnnGruLab::new),
      Lab.of(CnnFeatureMapsLab::new),
      Lab.of(ImdbSentimentLab::new));

  /** The lab the launcher runs when given none. */
  public static final Lab DEFAULT = ALL.get(0);
}
