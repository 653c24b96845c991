package io.watasu.cli;

import io.watasu.report.Report;
import io.watasu.report.ReportFormat;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

/**
 * The {@code --format} option of the commands that check or change things (validate, render, publish, apps:trust;
 * verify has its own, which also names connection-list formats): text for people, or a {@link Report} for
 * machines on standard output. A command builds its report at its output point and hands it to {@link #print};
 * with {@code text} it prints as it always has. See docs/output-formats.md.
 */
public final class ReportFormatOption {
    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", converter = Converter.class,
            description = "text (default), json, github (workflow annotations), sarif (2.1.0) or junit (XML); "
                    + "machine formats go to standard output, see docs/output-formats.md.")
    ReportFormat format = ReportFormat.TEXT;

    public ReportFormatOption() {
    }

    /** An option set to {@code format}, for commands that take the value from an option of their own. */
    static ReportFormatOption of(ReportFormat format) {
        ReportFormatOption option = new ReportFormatOption();
        option.format = format;
        return option;
    }

    /** True for the people's form: the command prints its usual text. */
    public boolean text() {
        return format == ReportFormat.TEXT;
    }

    /** Prints the report in the chosen machine-readable form and returns its exit code. */
    public int print(CommandLine cli, Report report) {
        PrintWriter out = cli.getOut();
        out.print(render(report));
        out.flush();
        return report.exitCode();
    }

    /** The report in the chosen machine-readable form. */
    public String render(Report report) {
        return format.render(report, Version.current());
    }

    /** Turns a bad --format into a usage error (exit 2) with the accepted values. */
    static final class Converter implements CommandLine.ITypeConverter<ReportFormat> {
        @Override
        public ReportFormat convert(String value) {
            try {
                return ReportFormat.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
