package io.watasu.config;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Composes YAML text into a node tree (every node keeps its line and column) under hard limits, so that a hostile
 * document costs at most linear time and memory. Text in the plain subset that {@link SimpleYaml} handles is composed
 * there; anything else goes through SnakeYAML, where the limits are enforced on the parser's event stream, which is
 * where the position of the offending alias or collection is still known.
 */
final class BoundedYaml {
    private BoundedYaml() {
    }

    /**
     * The composed document.
     *
     * @param root      the root node, or null for an empty document
     * @param nodeCount nodes written in the text (aliases not expanded): the basis of the reader's visit budget
     */
    record Document(YamlNode root, long nodeCount) {
    }

    /** Why the text is not an acceptable YAML document; one diagnostic. */
    static final class Rejected extends Exception {
        private final transient Diagnostic diagnostic;

        Rejected(Diagnostic diagnostic) {
            super(diagnostic.message(), null, false, false);
            this.diagnostic = diagnostic;
        }

        Diagnostic diagnostic() {
            return diagnostic;
        }
    }

    static Document compose(String fileName, String text) throws Rejected {
        Document simple = SimpleYaml.compose(text);
        return simple != null ? simple : composeWithSnakeYaml(fileName, text);
    }

    /** Composes any YAML text with SnakeYAML; {@link SimpleYaml} must give the same tree for the texts it takes. */
    static Document composeWithSnakeYaml(String fileName, String text) throws Rejected {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(ConfigLoader.MAX_INPUT_BYTES);
        // Our own limits below fire first, with a position; these are the library's backstops.
        options.setMaxAliasesForCollections(ConfigLoader.MAX_ALIASES + 1);
        options.setNestingDepthLimit(ConfigLoader.MAX_NESTING_DEPTH + 1);
        options.setAllowRecursiveKeys(false);
        options.setMergeOnCompose(false);
        LimitingParser parser = new LimitingParser(new ParserImpl(new StreamReader(text), options), fileName);
        try {
            Node root = new Composer(parser, new Resolver(), options).getSingleNode();
            return new Document(root == null ? null : new Converter().convert(root), parser.nodeCount);
        } catch (LimitExceeded e) {
            throw new Rejected(e.diagnostic);
        } catch (MarkedYAMLException e) {
            throw new Rejected(syntaxError(fileName, e));
        } catch (YAMLException e) {
            throw new Rejected(Diagnostic.error(new SourcePosition(fileName, 1, 1),
                    "invalid YAML: " + e.getMessage(), "fix the YAML syntax"));
        }
    }

    private static Diagnostic syntaxError(String fileName, MarkedYAMLException e) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        SourcePosition at = mark == null ? new SourcePosition(fileName, 1, 1) : position(fileName, mark);
        StringBuilder message = new StringBuilder("invalid YAML: ");
        if (e.getContext() != null) {
            message.append(e.getContext());
            if (e.getContextMark() != null && e.getContextMark().getLine() != mark.getLine()) {
                message.append(" at line ").append(e.getContextMark().getLine() + 1);
            }
            message.append(", ");
        }
        message.append(e.getProblem());
        return Diagnostic.error(at, message.toString(), "check the indentation and quoting here");
    }

    private static SourcePosition position(String fileName, Mark mark) {
        return new SourcePosition(fileName, mark.getLine() + 1, mark.getColumn() + 1);
    }

    /** SnakeYAML nodes to ours; an alias stays one shared node, so a recursive alias stays a cycle, not a loop. */
    private static final class Converter {
        private final Map<Node, YamlNode> converted = new IdentityHashMap<>();

        YamlNode convert(Node node) {
            YamlNode done = converted.get(node);
            if (done != null) {
                return done;
            }
            int line = node.getStartMark().getLine() + 1;
            int column = node.getStartMark().getColumn() + 1;
            if (node instanceof ScalarNode scalar) {
                YamlNode.Scalar result = new YamlNode.Scalar(line, column, scalar.getValue(), scalar.getTag());
                converted.put(node, result);
                return result;
            }
            if (node instanceof SequenceNode sequence) {
                YamlNode.Sequence result = new YamlNode.Sequence(line, column, node.getTag(), sequence.getValue().size());
                converted.put(node, result);
                sequence.getValue().forEach(item -> result.items().add(convert(item)));
                return result;
            }
            MappingNode mapping = (MappingNode) node;
            YamlNode.Mapping result = new YamlNode.Mapping(line, column, node.getTag(), mapping.getValue().size());
            converted.put(node, result);
            for (NodeTuple tuple : mapping.getValue()) {
                result.entries().add(new YamlNode.Entry(convert(tuple.getKeyNode()), convert(tuple.getValueNode())));
            }
            return result;
        }
    }

    private static final class LimitExceeded extends RuntimeException {
        private final transient Diagnostic diagnostic;

        LimitExceeded(Diagnostic diagnostic) {
            super(diagnostic.message(), null, false, false);
            this.diagnostic = diagnostic;
        }
    }

    /** Counts aliases, nesting and nodes as events stream by, and stops at the first limit crossed. */
    private static final class LimitingParser implements Parser {
        private final Parser delegate;
        private final String fileName;
        private int aliases;
        private int depth;
        private long nodeCount;

        LimitingParser(Parser delegate, String fileName) {
            this.delegate = delegate;
            this.fileName = fileName;
        }

        @Override
        public boolean checkEvent(Event.ID choice) {
            return delegate.checkEvent(choice);
        }

        @Override
        public Event peekEvent() {
            return delegate.peekEvent();
        }

        @Override
        public Event getEvent() {
            Event event = delegate.getEvent();
            if (event instanceof AliasEvent) {
                aliases++;
                if (aliases > ConfigLoader.MAX_ALIASES) {
                    throw new LimitExceeded(Diagnostic.error(position(fileName, event.getStartMark()),
                            "too many aliases: more than " + ConfigLoader.MAX_ALIASES + " in one file",
                            "write the values out instead of referring to anchors"));
                }
            } else if (event instanceof CollectionStartEvent) {
                nodeCount++;
                depth++;
                if (depth > ConfigLoader.MAX_NESTING_DEPTH) {
                    throw new LimitExceeded(Diagnostic.error(position(fileName, event.getStartMark()),
                            "nested too deeply: more than " + ConfigLoader.MAX_NESTING_DEPTH + " levels",
                            "watasu.yaml needs no more than 7 levels; check the indentation"));
                }
            } else if (event instanceof CollectionEndEvent) {
                depth--;
            } else if (event instanceof ScalarEvent) {
                nodeCount++;
            }
            return event;
        }
    }
}
