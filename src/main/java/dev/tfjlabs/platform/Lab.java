package dev.tfjlabs.platform;

import dev.tfjlabs.reports.LabReport;
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
public record Lab(String id, String title, String notebook, Supplier<? extends LabCommand> command,
    LabReport report) {}
