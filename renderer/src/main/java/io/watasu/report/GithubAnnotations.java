package io.watasu.report;

import io.watasu.text.Printable;

/**
 * The report as GitHub Actions workflow commands, one line per finding:
 * {@code ::error file=watasu.yaml,line=9,col=25,title=watasu: trust lists::message (fix)}. GitHub shows them as
 * annotations on the lines of the pull request. Values are escaped as the runner expects: {@code %}, CR and LF in
 * the message, and also {@code :} and {@code ,} in properties, as percent codes. Escaping line breaks keeps every
 * command on one line, so text from watasu.yaml cannot start a workflow command of its own. The lines are also the
 * job's log, so what a terminal would not show as itself (escape sequences, bidirectional controls) is made visible
 * first, as in the text output ({@link Printable}).
 */
final class GithubAnnotations {
    private GithubAnnotations() {
    }

    static String render(Report report) {
        StringBuilder out = new StringBuilder();
        for (Finding finding : report.findings()) {
            out.append("::").append(finding.isError() ? "error" : "warning").append(' ');
            StringBuilder properties = new StringBuilder();
            if (finding.file() != null) {
                property(properties, "file", finding.file());
                if (finding.line() > 0) {
                    property(properties, "line", Integer.toString(finding.line()));
                }
                if (finding.column() > 0) {
                    property(properties, "col", Integer.toString(finding.column()));
                }
            }
            Check check = report.checks().stream().filter(c -> c.id().equals(finding.check())).findFirst()
                    .orElseThrow();
            property(properties, "title", "watasu: " + check.title());
            out.append(properties).append("::").append(escapeData(text(finding))).append('\n');
        }
        // A plain line: the log's last word, not an annotation.
        out.append(escapeData("watasu: " + report.command() + ": " + report.summary())).append('\n');
        return out.toString();
    }

    private static String text(Finding finding) {
        return finding.fix() == null ? finding.message() : finding.message() + " (" + finding.fix() + ")";
    }

    private static void property(StringBuilder out, String name, String value) {
        if (out.length() > 0) {
            out.append(',');
        }
        out.append(name).append('=').append(escapeProperty(value));
    }

    static String escapeData(String value) {
        return Printable.escape(value).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    static String escapeProperty(String value) {
        return escapeData(value).replace(":", "%3A").replace(",", "%2C");
    }
}
