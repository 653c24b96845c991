package io.watasu.cli;

import io.watasu.report.Report;
import picocli.CommandLine;

/**
 * A command that can print a machine-readable report ({@link ReportFormatOption}). The failure handler reports a
 * failure that stops such a command in the same format, so that a tool reading the report always gets one.
 */
public interface ReportingCommand {
    ReportFormatOption reportFormat();

    /** The command as reports name it, e.g. {@code render --check}. */
    String reportName();

    /** The watasu.yaml the command reads, as given on the command line, or null. */
    String reportFile();

    /** Prints a report where the command prints its reports (standard output unless it has an option for that). */
    default void printReport(CommandLine cli, Report report) {
        reportFormat().print(cli, report);
    }
}
