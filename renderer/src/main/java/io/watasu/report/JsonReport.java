package io.watasu.report;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The report as versioned JSON ({@code "version": 1}), documented in docs/output-formats.md with a JSON Schema
 * (docs/schemas/report-v1.schema.json). Keys are fixed and always present; a value that does not apply is null.
 */
final class JsonReport {
    private JsonReport() {
    }

    static String render(Report report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", Report.FORMAT_VERSION);
        root.put("command", report.command());
        root.put("file", report.file());
        root.put("exitCode", report.exitCode());
        root.put("ok", report.exitCode() == 0);
        root.put("summary", report.summary());
        root.put("diagnostics", report.findings().stream().map(JsonReport::finding).toList());
        root.putAll(report.facts());
        return Json.pretty(root);
    }

    static Map<String, Object> finding(Finding finding) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("check", finding.check());
        out.put("severity", finding.severity().label());
        out.put("file", finding.file());
        out.put("line", finding.line() > 0 ? finding.line() : null);
        out.put("column", finding.column() > 0 ? finding.column() : null);
        out.put("message", finding.message());
        out.put("fix", finding.fix());
        out.put("subject", finding.subject());
        return out;
    }
}
