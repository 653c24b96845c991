package io.watasu.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one command run found and did, for the machine-readable formats ({@link ReportFormat}).
 *
 * @param command  the command, e.g. {@code validate} or {@code render --check}
 * @param file     the watasu.yaml it read (for formats that name an artifact), or null
 * @param checks   every check the run made, found something or not (JUnit lists the passing ones too)
 * @param findings what the checks found, in the order the command met them
 * @param facts    what the command did, as JSON-ready values (maps, lists, strings, numbers, booleans) under
 *                 documented keys ({@code files}, {@code commit}, {@code push}, {@code trust}...); see
 *                 docs/output-formats.md
 * @param summary  one line for people, e.g. {@code watasu.yaml: 2 errors, 1 warning}
 * @param exitCode the command's exit code
 */
public record Report(String command, String file, List<Check> checks, List<Finding> findings,
                     Map<String, Object> facts, String summary, int exitCode) {
    /** The version of the JSON shape; it changes only when a key changes meaning or goes away. */
    public static final int FORMAT_VERSION = 1;

    public Report {
        Objects.requireNonNull(command, "command");
        checks = List.copyOf(checks);
        findings = List.copyOf(findings);
        facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
        Objects.requireNonNull(summary, "summary");
        for (Finding finding : findings) {
            if (checks.stream().noneMatch(c -> c.id().equals(finding.check()))) {
                throw new IllegalArgumentException("finding of an undeclared check " + finding.check());
            }
        }
    }

    public List<Finding> findingsOf(Check check) {
        return findings.stream().filter(f -> f.check().equals(check.id())).toList();
    }

    public long errorCount() {
        return findings.stream().filter(Finding::isError).count();
    }

    public long warningCount() {
        return findings.size() - errorCount();
    }
}
