package dev.tfjlabs.platform;

import java.util.function.Supplier;

/**
 * One entry of the lab registry: what the launcher lists, runs and reports.
 *
 * @param id the lab id on the command line, also its folder under {@code models/} and
 *     {@code reports/}
 * @param title one line saying what the notebook compares
 * @param notebook the notebook's file in {@code ../shared/seeds/}
 * @param command makes a fresh command object for the lab
 * @param report the lab's report
 */
public record Lab(String id, String title, String notebook, Supplier<? extends LabCommand<?>> command,
    LabReport report) {

  /** The entry of the lab that {@code command} makes: its id, title, notebook and report. */
  public static Lab of(Supplier<? extends LabCommand<?>> command) {
    LabCommand<?> lab = command.get();
    return new Lab(lab.id(), lab.title(), lab.notebook(), command, lab.report());
  }
}
