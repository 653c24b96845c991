package io.watasu.report;

import java.util.Locale;

/**
 * The forms a command's report can take: TEXT is each command's own output for people, the others are renderings
 * of a {@link Report} for machines.
 */
public enum ReportFormat {
    TEXT, JSON, GITHUB, SARIF, JUNIT;

    /** The accepted names, for help texts and error messages. */
    public static final String NAMES = "text, json, github, sarif or junit";

    public static ReportFormat parse(String name) {
        for (ReportFormat format : values()) {
            if (format.name().toLowerCase(Locale.ROOT).equals(name)) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown format '" + name + "' (use " + NAMES + ")");
    }

    /**
     * The report in this format; TEXT has none (commands print their own text).
     *
     * @param toolVersion the version of watasu, for formats that name the tool
     */
    public String render(Report report, String toolVersion) {
        return switch (this) {
            case JSON -> JsonReport.render(report);
            case GITHUB -> GithubAnnotations.render(report);
            case SARIF -> SarifReport.render(report, toolVersion);
            case JUNIT -> JunitReport.render(report);
            case TEXT -> throw new IllegalStateException("text is printed by each command");
        };
    }
}
