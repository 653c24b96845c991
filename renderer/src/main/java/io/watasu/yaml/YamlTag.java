package io.watasu.yaml;

import org.yaml.snakeyaml.nodes.Tag;

/**
 * YAML's standard tags as {@link YamlNode#tag()} gives them: the very strings SnakeYAML's resolver returns, so that a
 * resolved tag is usually the same instance as its constant here.
 */
public final class YamlTag {
    public static final String STR = Tag.STR.getValue();
    public static final String INT = Tag.INT.getValue();
    public static final String FLOAT = Tag.FLOAT.getValue();
    public static final String BOOL = Tag.BOOL.getValue();
    public static final String NULL = Tag.NULL.getValue();
    public static final String MAP = Tag.MAP.getValue();
    public static final String SEQ = Tag.SEQ.getValue();
    public static final String TIMESTAMP = Tag.TIMESTAMP.getValue();
    public static final String BINARY = Tag.BINARY.getValue();
    public static final String SET = Tag.SET.getValue();
    public static final String OMAP = Tag.OMAP.getValue();
    public static final String PAIRS = Tag.PAIRS.getValue();
    public static final String MERGE = Tag.MERGE.getValue();

    private YamlTag() {
    }
}
