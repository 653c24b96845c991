package io.watasu.output;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OwnershipRecordTest {
    @Test
    void readsHashesFingerprintsAndPathsAndSkipsCommentsAndBlankLines() {
        String text = "# header\n\naaa+fp1 acme/a.yaml\nbbb,ccc acme/b c.yaml\n   \nddd x/y.yaml\neee+ x/z.yaml";
        Map<String, OwnershipRecord.Entry> owned = OwnershipRecord.parse(text);
        assertEquals(List.of("acme/a.yaml", "acme/b c.yaml", "x/y.yaml", "x/z.yaml"), List.copyOf(owned.keySet()));
        assertEquals(new OwnershipRecord.Entry(Set.of("aaa"), "fp1"), owned.get("acme/a.yaml"));
        assertEquals(Set.of("bbb", "ccc"), owned.get("acme/b c.yaml").hashes());
        assertEquals(new OwnershipRecord.Entry(Set.of("ddd"), null), owned.get("x/y.yaml"));
        assertEquals(new OwnershipRecord.Entry(Set.of("eee"), ""), owned.get("x/z.yaml"));
        assertEquals(owned, OwnershipRecord.parse(OwnershipRecord.format(owned)));
    }

    @Test
    void refusesDamagedLinesNamingThem() {
        for (String line : List.of("aaa", " acme/a.yaml", "aaa+fp+more acme/a.yaml", "aaa,bbb+fp acme/a.yaml",
                "aaa+fp")) {
            OutputException e = assertThrows(OutputException.class, () -> OwnershipRecord.parse("x a\n" + line + "\n"),
                    line);
            assertTrue(e.getMessage().contains("damaged ownership record .watasu/owned.txt: line '" + line + "'"),
                    e.getMessage());
        }
    }
}
