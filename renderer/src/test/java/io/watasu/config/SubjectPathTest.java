package io.watasu.config;

import io.watasu.yaml.YamlNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Subject paths write out exactly the text {@link Subjects} builds; source maps find elements by that text. */
class SubjectPathTest {
    @Test
    void pathsWriteTheSubjectsText() {
        SubjectPath app = SubjectPath.root(Subjects.TEAMS).field("acme").field("apps").field("api");
        assertEquals(Subjects.team("acme"), SubjectPath.root(Subjects.TEAMS).field("acme").toString());
        assertEquals(Subjects.app("acme", "api"), app.toString());
        assertEquals(Subjects.process("acme", "api", "web"), app.field("processes").field("web").toString());
        assertEquals(Subjects.trust("acme", "api"), app.field("trust").toString());
        assertEquals(Subjects.trustEntry("acme", "api", 2), app.field("trust").item(2).toString());
        assertEquals("platform.ingress.podLabels[app.kubernetes.io/name]", SubjectPath.root(Subjects.PLATFORM)
                .field("ingress").field("podLabels").labelKey("app.kubernetes.io/name").toString());
        assertEquals("platform.clusterCidrs[0]", SubjectPath.root(Subjects.PLATFORM).field("clusterCidrs").item(0)
                .toString());
    }

    @Test
    void aSourceMapKeepsTheFirstPositionOfAPathAndDefaultsToTheFileStart() {
        SourceMap.Builder builder = SourceMap.builder("w.yaml");
        SubjectPath team = SubjectPath.root(Subjects.TEAMS).field("acme");
        builder.put(team, YamlNode.Scalar.plain(3, 3, "acme"));
        builder.put(SubjectPath.root(Subjects.TEAMS).field("acme"), YamlNode.Scalar.plain(9, 3, "acme"));
        SourceMap sources = builder.build();

        assertEquals(new SourcePosition("w.yaml", 3, 3), sources.at("teams.acme"));
        assertEquals(new SourcePosition("w.yaml", 1, 1), sources.at("teams.other"));
    }
}
