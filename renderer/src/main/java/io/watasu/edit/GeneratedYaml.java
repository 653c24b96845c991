package io.watasu.edit;

import io.watasu.yaml.YamlNode;
import io.watasu.yaml.YamlStrings;
import io.watasu.yaml.YamlTag;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * New YAML text the editor inserts: values built from what the caller asked for, written in block or flow style
 * to fit where they go, with scalars quoted whenever a plain scalar could be read back as something else.
 */
final class GeneratedYaml {
    /** A value to write. */
    sealed interface Value permits Text, Number, FlowList, MapValue {
    }

    record Text(String value) implements Value {
    }

    record Number(int value) implements Value {
    }

    /** A list, always written in flow style ({@code [a, b]}); {@code style} keeps an existing list's spacing. */
    record FlowList(List<String> items, FlowListStyle style) implements Value {
    }

    record MapValue(Map<String, Value> entries) implements Value {
        MapValue {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }
    }

    /** Spacing inside a flow list: {@code [a, b]}, {@code [ a, b ]}, {@code [a,b]}. */
    record FlowListStyle(String open, String separator, String close) {
        static final FlowListStyle DEFAULT = new FlowListStyle("[", ", ", "]");
    }

    /** Conservative plain scalars: no indicator at the start, no ':' or '#', no leading or trailing space. */
    private static final Pattern PLAIN_IN_BLOCK = Pattern.compile("[A-Za-z0-9_./$][A-Za-z0-9_./$@%=+~ ,()'\"-]*");
    private static final Pattern PLAIN_IN_FLOW = Pattern.compile("[A-Za-z0-9_./$][A-Za-z0-9_./$@%=+~ ()'\"-]*");

    private final String lineEnding;
    private final int indentStep;

    GeneratedYaml(String lineEnding, int indentStep) {
        this.lineEnding = lineEnding;
        this.indentStep = indentStep;
    }

    /** {@code key: value} at {@code indent}, nested mappings on following lines; no line break before or after. */
    String blockEntry(String key, Value value, int indent) {
        return " ".repeat(indent) + scalar(key, false) + ":" + blockValue(value, indent);
    }

    /**
     * What follows a key's ':' for {@code value} in block style: {@code " x"} for one-line values, or a line break
     * and the nested entries indented one step deeper than {@code keyIndent}.
     */
    String blockValue(Value value, int keyIndent) {
        if (value instanceof MapValue map && !map.entries().isEmpty()) {
            return map.entries().entrySet().stream()
                    .map(e -> lineEnding + blockEntry(e.getKey(), e.getValue(), keyIndent + indentStep))
                    .collect(Collectors.joining());
        }
        return " " + flow(value);
    }

    /** The value in flow style, for places inside a flow collection or on one line. */
    String flow(Value value) {
        if (value instanceof Text t) {
            return scalar(t.value(), true);
        }
        if (value instanceof Number n) {
            return Integer.toString(n.value());
        }
        if (value instanceof FlowList list) {
            return list.items().isEmpty() ? "[]" : list.style().open()
                    + list.items().stream().map(i -> scalar(i, true)).collect(Collectors.joining(list.style().separator()))
                    + list.style().close();
        }
        Map<String, Value> entries = ((MapValue) value).entries();
        return entries.isEmpty() ? "{}" : entries.entrySet().stream()
                .map(e -> scalar(e.getKey(), true) + ": " + flow(e.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
    }

    /** A string scalar: plain when that reads back as the same string, else double-quoted. */
    static String scalar(String value, boolean inFlow) {
        boolean plainShape = (inFlow ? PLAIN_IN_FLOW : PLAIN_IN_BLOCK).matcher(value).matches() && !value.endsWith(" ");
        if (plainShape && YamlNode.Scalar.plain(1, 1, value).tag().equals(YamlTag.STR)) {
            return value;
        }
        return YamlStrings.doubleQuoted(value);
    }
}
