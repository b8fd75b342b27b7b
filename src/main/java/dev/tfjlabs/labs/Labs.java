package dev.tfjlabs.labs;

import dev.tfjlabs.platform.Lab;
import java.util.List;

/**
 * The lab registry: every lab id with its title, notebook, command and report, in the order of
 * the notebooks. The launcher's list and help and the {@code reports} command read it.
 */
public final class Labs {
  private Labs() {}

  /** Every lab. */
  public static final List<Lab> ALL = List.of(
      new Lab(FashionBiLstmLab.ID, FashionBiLstmLab.TITLE, FashionBiLstmLab.NOTEBOOK,
          FashionBiLstmLab::new, new FashionBiLstmReport()),
      new Lab(MnistRnnBasicsLab.ID, MnistRnnBasicsLab.TITLE, MnistRnnBasicsLab.NOTEBOOK,
          MnistRnnBasicsLab::new, new MnistRnnBasicsReport()),
      new Lab(MultiplicationLab.ID, MultiplicationLab.TITLE, MultiplicationLab.NOTEBOOK,
          MultiplicationLab::new, new MultiplicationReport()),
      new Lab(FashionRnnGruLab.ID, FashionRnnGruLab.TITLE, FashionRnnGruLab.NOTEBOOK,
          FashionRnnGruLab::new, new FashionRnnGruReport()),
      new Lab(CnnFeatureMapsLab.ID, CnnFeatureMapsLab.TITLE, CnnFeatureMapsLab.NOTEBOOK,
          CnnFeatureMapsLab::new, new CnnFeatureMapsReport()),
      new Lab(ImdbSentimentLab.ID, ImdbSentimentLab.TITLE, ImdbSentimentLab.NOTEBOOK,
          ImdbSentimentLab::new, new ImdbSentimentReport()));

  /** The lab the launcher runs when given none. */
  public static final Lab DEFAULT = ALL.get(0);
}
