package io.watasu.report;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The report as JUnit XML, which every CI system reads (Jenkins, GitLab, GitHub test reporters, Azure): one test
 * suite for the command, one test case per {@link Check}, passed or failed. A failed check has one
 * {@code <failure>} per finding, each starting with {@code file:line:column}; warnings go to the case's
 * {@code <system-out>}; a failure that stopped the command is an {@code <error>}. No timestamps or durations: the
 * same input gives the same bytes.
 */
final class JunitReport {
    private JunitReport() {
    }

    static String render(Report report) {
        List<Check> checks = report.checks();
        long failed = checks.stream().filter(c -> !c.equals(Checks.COMMAND) && hasErrors(report, c)).count();
        long errors = hasErrors(report, Checks.COMMAND) ? 1 : 0;
        String suite = "watasu " + report.command();
        String counts = " tests=\"" + checks.size() + "\" failures=\"" + failed + "\" errors=\"" + errors + "\"";
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.append("<testsuites name=\"").append(attribute(suite)).append('"').append(counts).append(">\n");
        out.append("  <testsuite name=\"").append(attribute(suite)).append('"').append(counts)
                .append(" skipped=\"0\"");
        if (report.file() != null) {
            out.append(" file=\"").append(attribute(report.file())).append('"');
        }
        out.append(">\n");
        String className = "watasu." + report.command().replaceAll("[^A-Za-z0-9:]+", ".").replaceAll("\\.$", "");
        for (Check check : checks) {
            List<Finding> findings = report.findingsOf(check);
            out.append("    <testcase classname=\"").append(attribute(className)).append("\" name=\"")
                    .append(attribute(check.id() + ": " + check.title())).append('"');
            if (findings.isEmpty()) {
                out.append("/>\n");
                continue;
            }
            out.append(">\n");
            String element = check.equals(Checks.COMMAND) ? "error" : "failure";
            for (Finding finding : findings) {
                if (finding.isError()) {
                    out.append("      <").append(element).append(" type=\"").append(attribute(check.id()))
                            .append("\" message=\"").append(attribute(line(finding))).append("\">")
                            .append(text(line(finding)
                                    + (finding.subject() == null ? "" : "\nsubject: " + finding.subject())))
                            .append("</").append(element).append(">\n");
                }
            }
            String warnings = findings.stream().filter(f -> !f.isError()).map(JunitReport::line)
                    .collect(Collectors.joining("\n"));
            if (!warnings.isEmpty()) {
                out.append("      <system-out>").append(text(warnings)).append("</system-out>\n");
            }
            out.append("    </testcase>\n");
        }
        out.append("  </testsuite>\n</testsuites>\n");
        return out.toString();
    }

    private static boolean hasErrors(Report report, Check check) {
        return report.findingsOf(check).stream().anyMatch(Finding::isError);
    }

    /** {@code file:line:column: error: message (fix)}, the compilers' form. */
    private static String line(Finding finding) {
        String location = finding.location();
        return (location.isEmpty() ? "" : location + ": ") + finding.severity().label() + ": " + finding.message()
                + (finding.fix() == null ? "" : " (" + finding.fix() + ")");
    }

    static String text(String value) {
        return escape(value, false);
    }

    static String attribute(String value) {
        return escape(value, true);
    }

    /**
     * XML 1.0 text: markup characters as entities; in attributes also quotes and whitespace controls as character
     * references (an attribute's raw line break would be normalised to a space); characters XML 1.0 cannot carry
     * at all (other controls, lone surrogates, U+FFFE/U+FFFF) as visible {@code \\uXXXX}.
     */
    private static String escape(String value, boolean inAttribute) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append(inAttribute ? "&quot;" : "\"");
                case '\n' -> out.append(inAttribute ? "&#10;" : "\n");
                case '\r' -> out.append("&#13;");
                case '\t' -> out.append(inAttribute ? "&#9;" : "\t");
                default -> {
                    boolean pairedSurrogate = Character.isHighSurrogate(c) && i + 1 < value.length()
                            && Character.isLowSurrogate(value.charAt(i + 1));
                    if (pairedSurrogate) {
                        out.append(c).append(value.charAt(++i));
                    } else if (c < 0x20 || Character.isSurrogate(c) || c == '\uFFFE' || c == '\uFFFF') {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
