package io.watasu.yaml;

import io.watasu.testing.YamlTrees;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The editor's tree: aliases where they are written, spans, anchors and tags as written, one document. */
class EditableYamlTest {
    @Test
    void anAliasIsANodeWhereItIsWrittenStandingForTheAnchoredOne() throws YamlRefusal {
        String text = "a: &x [1, 2]   # shared\nb: *x\nc: !!str 3\n";
        YamlNode.Mapping root = (YamlNode.Mapping) EditableYaml.document(text);
        YamlNode.Alias alias = (YamlNode.Alias) root.entries().get(1).value();
        assertSame(root.entries().get(0).value(), alias.target());
        assertEquals("*x", text.substring(alias.start(), alias.end()));
        assertEquals("&x [1, 2]", text.substring(root.entries().get(0).value().start(),
                root.entries().get(0).value().end()));
        assertEquals("""
                --- document
                mapping tag:yaml.org,2002:map BLOCK anchor=null @1:1 #0-50
                  scalar tag:yaml.org,2002:str PLAIN anchor=null @1:1 #0-1 <a>
                    sequence tag:yaml.org,2002:seq FLOW anchor=x @1:4 #3-12
                      scalar tag:yaml.org,2002:int PLAIN anchor=null @1:8 #7-8 <1>
                      scalar tag:yaml.org,2002:int PLAIN anchor=null @1:11 #10-11 <2>
                  scalar tag:yaml.org,2002:str PLAIN anchor=null @2:1 #24-25 <b>
                    alias *x @2:4 #27-29
                  scalar tag:yaml.org,2002:str PLAIN anchor=null @3:1 #30-31 <c>
                    scalar tag:yaml.org,2002:str PLAIN anchor=null @3:4 #33-40 <3>
                """.replace("#0-50", "#0-40"), YamlTrees.dump(List.of(root)));
    }

    @Test
    void refusesWhatCannotBeEditedSafely() {
        assertEquals(YamlRefusal.Reason.UNDEFINED_ALIAS,
                assertThrows(YamlRefusal.class, () -> EditableYaml.document("a: &t [*t]\n")).reason());
        YamlRefusal second = assertThrows(YamlRefusal.class, () -> EditableYaml.document("a: 1\n---\nb: 2\n"));
        assertEquals(YamlRefusal.Reason.SECOND_DOCUMENT, second.reason());
        assertEquals(5, second.index());
        YamlRefusal syntax = assertThrows(YamlRefusal.class, () -> EditableYaml.document("a: [1\nb: 2\n"));
        assertEquals(YamlRefusal.Reason.SYNTAX, syntax.reason());
    }

    /** The fast scanner's tree, where it takes the text, is the one composed from SnakeYAML's events. */
    @Test
    void theScannersTreeIsTheOneFromEvents() throws Exception {
        List<String> texts = new ArrayList<>(List.of("a: b # c\r\nd:\r\n  - e\r\n  - [f, 'g']\r\n",
                "teams:\n  acme:\n    apps:\n      api: {processes: {web: run}, trust: [b, c]}\n      b:\n        trust:\n"
                        + "        - x   # indentless\n        - \"y\"\n\n# end\n"));
        texts.add(Files.readString(Path.of(System.getProperty("watasu.repoRoot"), "examples", "watasu.yaml")));
        for (String text : texts) {
            YamlNode fast = YamlScanner.document(text).root();
            assertEquals(YamlTrees.dump(List.of(EditableYaml.fromEvents(text))), YamlTrees.dump(List.of(fast)), text);
        }
    }

    @Test
    void anEmptyTextHasNoDocument() throws YamlRefusal {
        assertNull(EditableYaml.document("# nothing\n"));
    }
}
