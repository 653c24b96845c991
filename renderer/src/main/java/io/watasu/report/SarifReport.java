package io.watasu.report;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report as SARIF 2.1.0 (OASIS), the format of code-scanning tools: one run of the tool {@code watasu}, one
 * rule per {@link Check} the command made, one result per finding with its place in the file (line and column,
 * counted in Unicode code points as the loader counts them). GitHub code scanning needs a region on every located
 * result, so a finding about a whole file points at its first line. Each result carries a fingerprint of its check,
 * file, subject and message, so that a finding keeps its identity across runs when lines move.
 */
final class SarifReport {
    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

    private SarifReport() {
    }

    static String render(Report report, String toolVersion) {
        List<Check> rules = report.checks();
        Map<String, Object> driver = new LinkedHashMap<>();
        driver.put("name", "watasu");
        driver.put("version", toolVersion);
        driver.put("rules", rules.stream().map(SarifReport::rule).toList());
        Map<String, Object> invocation = new LinkedHashMap<>();
        invocation.put("executionSuccessful", report.findingsOf(Checks.COMMAND).isEmpty());
        invocation.put("exitCode", report.exitCode());
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("tool", Map.of("driver", driver));
        run.put("invocations", List.of(invocation));
        run.put("columnKind", "unicodeCodePoints");
        run.put("results", report.findings().stream().map(f -> result(f, rules)).toList());
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("$schema", SCHEMA);
        root.put("version", "2.1.0");
        root.put("runs", List.of(run));
        return Json.pretty(root);
    }

    private static Map<String, Object> rule(Check check) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("id", check.id());
        rule.put("shortDescription", Map.of("text", check.title()));
        rule.put("fullDescription", Map.of("text", check.description()));
        rule.put("defaultConfiguration", Map.of("level", "error"));
        return rule;
    }

    private static Map<String, Object> result(Finding finding, List<Check> rules) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("ruleId", finding.check());
        result.put("ruleIndex", rules.stream().map(Check::id).toList().indexOf(finding.check()));
        result.put("level", finding.isError() ? "error" : "warning");
        result.put("message", Map.of("text", finding.fix() == null ? finding.message()
                : finding.message() + " (" + finding.fix() + ")"));
        if (finding.file() != null) {
            Map<String, Object> region = new LinkedHashMap<>();
            region.put("startLine", Math.max(1, finding.line()));
            if (finding.column() > 0) {
                region.put("startColumn", finding.column());
            }
            Map<String, Object> physical = new LinkedHashMap<>();
            physical.put("artifactLocation", Map.of("uri", uri(finding.file())));
            physical.put("region", region);
            result.put("locations", List.of(Map.of("physicalLocation", physical)));
        }
        result.put("partialFingerprints", Map.of("watasuFinding/v1", fingerprint(finding)));
        if (finding.subject() != null) {
            result.put("properties", Map.of("subject", finding.subject()));
        }
        return result;
    }

    /**
     * A relative path as a relative URI reference, an absolute one as a {@code file:} URI: '/'-separated, every byte
     * but unreserved characters and '/' percent-encoded (so a ':' in a name cannot read as a scheme).
     */
    static String uri(String file) {
        String path = file.replace('\\', '/');
        StringBuilder out = new StringBuilder(path.startsWith("/") ? "file://" : "");
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~/".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
            }
        }
        return out.toString();
    }

    private static String fingerprint(Finding finding) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : new String[]{finding.check(), finding.file(), finding.subject(), finding.message()}) {
                digest.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
        }
    }
}
