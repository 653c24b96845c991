package io.watasu.cli;

import io.watasu.testing.CliRun;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A wrong command line is reported by its actual mistake, with exit code 2. */
class UsageErrorsTest {
    /** Picocli on its own reports the missing --out, which sends the user after the wrong problem. */
    @Test
    void anUnknownOptionIsReportedBeforeAMissingRequiredOne() {
        CliRun run = CliRun.of("render", "--bogus");
        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertTrue(run.stderr().startsWith("Unknown option: '--bogus'"), run.stderr());
        assertFalse(run.stderr().contains("Missing required option"), run.stderr());
    }

    @Test
    void aMistypedOptionGetsASuggestion() {
        CliRun run = CliRun.of("render", "--chek");
        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertTrue(run.stderr().startsWith("Unknown option: '--chek'"), run.stderr());
        assertTrue(run.stderr().contains("--check"), run.stderr());
    }

    @Test
    void anExtraArgumentIsReportedBeforeAMissingRequiredOption() {
        CliRun run = CliRun.of("apps:trust", "a", "b");
        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertTrue(run.stderr().startsWith("Unmatched argument at index 2: 'b'"), run.stderr());
    }

    @Test
    void aMissingRequiredOptionAloneIsStillReported() {
        CliRun run = CliRun.of("render");
        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertTrue(run.stderr().startsWith("Missing required option: '--out=DIR'"), run.stderr());
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        CliRun run = CliRun.of("rendr");
        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertTrue(run.stderr().contains("Unmatched argument at index 0: 'rendr'"), run.stderr());
        assertTrue(run.stderr().contains("render"), "did you mean: " + run.stderr());
    }
}
