package io.watasu.testing;

import io.watasu.output.RenderedFile;
import io.watasu.output.RenderedTree;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Rendered files parsed back into plain maps. */
public final class Documents {
    private Documents() {
    }

    /** A parsed object and the file it came from. */
    public record Document(String file, Map<String, Object> object) {
        public String kind() {
            return (String) object.get("kind");
        }

        @SuppressWarnings("unchecked")
        public Map<String, Object> metadata() {
            return (Map<String, Object>) object.get("metadata");
        }

        public String name() {
            return (String) metadata().get("name");
        }

        public String namespace() {
            return (String) metadata().get("namespace");
        }

        @SuppressWarnings("unchecked")
        public Map<String, Object> spec() {
            return (Map<String, Object>) object.get("spec");
        }
    }

    /** Walks maps (by key) and lists (by index); null when a step is missing. */
    public static Object at(Object root, Object... path) {
        Object current = root;
        for (Object step : path) {
            if (current instanceof Map<?, ?> map) {
                current = map.get(step);
            } else if (current instanceof List<?> list && step instanceof Integer index && index < list.size()) {
                current = list.get(index);
            } else {
                return null;
            }
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    public static List<Document> of(RenderedTree tree) {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        List<Document> documents = new ArrayList<>();
        for (RenderedFile file : tree.files()) {
            for (Object object : yaml.loadAll(file.content())) {
                documents.add(new Document(file.relativePath(), (Map<String, Object>) object));
            }
        }
        return documents;
    }
}
