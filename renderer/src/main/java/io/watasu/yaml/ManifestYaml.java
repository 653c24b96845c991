package io.watasu.yaml;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.resolver.Resolver;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes manifests (multi-document YAML or JSON) as {@link YamlNode} trees: the YAML watasu renders is read by
 * {@link YamlScanner}; anything it declines is composed by SnakeYAML's composer (its limits and errors, aliases as the
 * anchored node), and any problem becomes one positioned {@link BoundedYaml.Problem}.
 */
public final class ManifestYaml {
    /**
     * The YAML library's parser, whose code decides what a rendered document reads as: part of a render's fingerprint.
     */
    public static final Class<?> PARSER = ParserImpl.class;
    /** Rendered platforms are big and may sit in a single file. */
    private static final LoaderOptions OPTIONS = options();
    /** Keeps no state while resolving, so one instance serves every thread. */
    private static final Resolver RESOLVER = new PlainMarkingResolver();
    private static final String FIX = "fix the syntax or move the file out of the directory";

    private ManifestYaml() {
    }

    /** Receives one document; may stop the reading with its own exception. */
    @FunctionalInterface
    public interface DocumentReader<E extends Exception> {
        void read(YamlNode document) throws E;
    }

    /**
     * Reads the documents of {@code text} in order into {@code reader}, each as soon as it is composed: a problem in
     * a later document comes after whatever {@code reader} finds in an earlier one.
     *
     * @throws BoundedYaml.Rejected when the text is not valid YAML (or JSON)
     */
    public static <E extends Exception> void read(String text, DocumentReader<E> reader)
            throws E, BoundedYaml.Rejected {
        List<YamlNode> fast = YamlScanner.documents(text);
        if (fast != null) {
            for (YamlNode document : fast) {
                reader.read(document);
            }
            return;
        }
        WholeTextReader characters = new WholeTextReader(text);
        Converter converter = new Converter(characters);
        try {
            // A bare composer: a whole Yaml instance (constructor, representer) per file costs more than small files.
            Composer composer = new Composer(new ParserImpl(characters, OPTIONS), RESOLVER, OPTIONS);
            while (composer.checkNode()) {
                Node document = composer.getNode();
                if (document != null) {
                    reader.read(converter.node(document));
                }
            }
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : "unreadable YAML";
            throw new BoundedYaml.Rejected(new BoundedYaml.Problem(mark == null ? 1 : mark.getLine() + 1,
                    mark == null ? 1 : mark.getColumn() + 1, "not valid YAML/JSON: " + problem, FIX));
        } catch (ReaderException e) {
            int[] at = WholeTextReader.lineAndColumn(text, e.getPosition());
            throw new BoundedYaml.Rejected(new BoundedYaml.Problem(at[0] + 1, at[1] + 1, "not valid YAML/JSON: the "
                    + "character " + String.format("U+%04X", e.getCodePoint()) + " is not allowed",
                    "fix the file or move it out of the directory"));
        } catch (YAMLException e) {
            throw new BoundedYaml.Rejected(new BoundedYaml.Problem(1, 1, "not valid YAML/JSON: " + e.getMessage(),
                    FIX));
        }
    }

    /**
     * The documents of text that may hold neither aliases nor written tags, as a template's output must not.
     *
     * @throws YamlRefusal at the first alias, tag or syntax error, whichever comes first in the text
     */
    public static List<YamlNode> plainDocuments(String text) throws YamlRefusal {
        List<YamlNode> fast = YamlScanner.documents(text);
        if (fast != null) {
            return fast;
        }
        WholeTextReader characters = new WholeTextReader(text);
        LoaderOptions options = new LoaderOptions();
        try {
            return new EventComposer(new ParserImpl(characters, options), characters, options)
                    .documents(EventComposer.Mode.PLAIN);
        } catch (YAMLException e) {
            throw YamlRefusal.of(e, text, characters);
        }
    }

    private static LoaderOptions options() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(Integer.MAX_VALUE);
        return options;
    }

    /** SnakeYAML's composed nodes as {@link YamlNode}s; a node met again through an alias is converted once. */
    private static final class Converter {
        private final WholeTextReader characters;
        private final Map<Node, YamlNode> anchored = new IdentityHashMap<>();

        Converter(WholeTextReader characters) {
            this.characters = characters;
        }

        YamlNode node(Node node) {
            if (node.getAnchor() != null && anchored.containsKey(node)) {
                return anchored.get(node);
            }
            Mark mark = node.getStartMark();
            int line = mark.getLine() + 1;
            int column = mark.getColumn() + 1;
            int start = characters.charIndex(mark.getIndex());
            int end = characters.charIndex(node.getEndMark().getIndex());
            if (node instanceof ScalarNode scalar) {
                YamlNode converted;
                if (scalar.getTag() == PlainMarkingResolver.PLAIN) {
                    converted = YamlNode.Scalar.plain(line, column, start, node.getAnchor(), end, scalar.getValue());
                } else {
                    YamlNode.Style style = EventComposer.style(scalar.getScalarStyle());
                    if (style == YamlNode.Style.LITERAL || style == YamlNode.Style.FOLDED) {
                        end = characters.trimLineBreaks(start, end);
                    }
                    converted = new YamlNode.Scalar(line, column, start, node.getAnchor(), end, style,
                            scalar.getValue(), scalar.getTag().getValue());
                }
                remember(node, converted);
                return converted;
            }
            boolean flow = node instanceof MappingNode m ? m.getFlowStyle() == DumperOptions.FlowStyle.FLOW
                    : ((SequenceNode) node).getFlowStyle() == DumperOptions.FlowStyle.FLOW;
            YamlNode.Style style = flow ? YamlNode.Style.FLOW : YamlNode.Style.BLOCK;
            String tag = node.getTag().getValue();
            YamlNode last = null;
            YamlNode converted;
            if (node instanceof MappingNode mapping) {
                YamlNode.Mapping to = new YamlNode.Mapping(line, column, start, node.getAnchor(), style, tag,
                        mapping.getValue().size());
                remember(node, to);
                for (NodeTuple tuple : mapping.getValue()) {
                    YamlNode key = node(tuple.getKeyNode());
                    last = node(tuple.getValueNode());
                    to.entries().add(new YamlNode.Entry(key, last));
                }
                converted = to;
            } else {
                SequenceNode sequence = (SequenceNode) node;
                YamlNode.Sequence to = new YamlNode.Sequence(line, column, start, node.getAnchor(), style, tag,
                        sequence.getValue().size());
                remember(node, to);
                for (Node item : sequence.getValue()) {
                    last = node(item);
                    to.items().add(last);
                }
                converted = to;
            }
            converted.end(!flow && last != null ? last.end() : end);
            return converted;
        }

        private void remember(Node node, YamlNode converted) {
            if (node.getAnchor() != null) {
                anchored.put(node, converted);
            }
        }
    }

    /**
     * Resolves no implicit tag, marking plain untagged scalars instead, so that {@link YamlNode.Scalar} resolves them
     * when asked, as for every other reader; a manifest's fields are read as text, and a pattern match per scalar
     * would cost much and change nothing.
     */
    private static final class PlainMarkingResolver extends Resolver {
        static final Tag PLAIN = new Tag("tag:watasu.io,2026:plain");

        @Override
        protected void addImplicitResolvers() {
            // None: see above.
        }

        @Override
        public Tag resolve(NodeId kind, String value, boolean implicit) {
            return kind == NodeId.scalar && implicit ? PLAIN : super.resolve(kind, value, implicit);
        }
    }
}
