package io.watasu.report;

/**
 * A check a command runs: a SARIF rule and a JUnit test case. Identifiers are stable: code-scanning tools track
 * findings across runs by them.
 *
 * @param id          e.g. {@code config/trust}
 * @param title       a few words, e.g. {@code trust lists}
 * @param description one sentence: what the check holds the input to
 */
public record Check(String id, String title, String description) {
}
