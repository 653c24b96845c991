package io.watasu.yaml;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * How Kubernetes manifests are composed into SnakeYAML node trees: by SnakeYAML's composer, or by {@link RenderedYaml}
 * for the YAML watasu renders, both resolving tags here.
 */
public final class ManifestYaml {
    /** Keeps no state while resolving, so one instance serves every thread. */
    static final Resolver RESOLVER = new NullResolver();

    private ManifestYaml() {
    }

    /** A composer of the documents {@code parser} reads. */
    public static Composer composer(Parser parser, LoaderOptions options) {
        return new Composer(parser, RESOLVER, options);
    }

    /**
     * Resolves plain scalars to null or string only: manifest fields are read as text, so the other implicit types
     * (int, bool, float, timestamp, ...) would cost a pattern match per scalar and change nothing. The nulls are
     * SnakeYAML's: the empty scalar, a single space, {@code ~}, {@code null}, {@code Null} and {@code NULL}.
     */
    private static final class NullResolver extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            // None: nulls are told apart by comparing strings, which is cheaper than SnakeYAML's patterns.
        }

        @Override
        public Tag resolve(NodeId kind, String value, boolean implicit) {
            if (kind == NodeId.scalar && implicit && value.length() <= 4 && (value.isEmpty() || value.equals(" ")
                    || value.equals("~") || value.equals("null") || value.equals("Null") || value.equals("NULL"))) {
                return Tag.NULL;
            }
            return super.resolve(kind, value, implicit);
        }
    }
}
