package io.watasu.verify;

import java.util.List;
import java.util.Map;

/**
 * A Kubernetes label selector: every matchLabels pair AND every expression must hold. An empty selector matches
 * everything; whether a selector is absent is the caller's business (it means different things in different places).
 * A class rather than a record so that it can keep its pairs as arrays: matching runs for every evaluated pod, and
 * iterating a map allocates under C1.
 */
public final class LabelSelector {
    public static final LabelSelector EVERYTHING = new LabelSelector(Map.of(), List.of());

    private final Map<String, String> matchLabels;
    private final List<Requirement> expressions;
    private final String[] keys;
    private final String[] values;
    private final Requirement[] requirements;
    private final int hash;

    public LabelSelector(Map<String, String> matchLabels, List<Requirement> expressions) {
        this.matchLabels = Map.copyOf(matchLabels);
        this.expressions = List.copyOf(expressions);
        this.keys = new String[this.matchLabels.size()];
        this.values = new String[keys.length];
        int i = 0;
        for (Map.Entry<String, String> label : this.matchLabels.entrySet()) {
            keys[i] = label.getKey();
            values[i++] = label.getValue();
        }
        this.requirements = new Requirement[this.expressions.size()];
        for (int r = 0; r < requirements.length; r++) {
            requirements[r] = this.expressions.get(r);
        }
        this.hash = 31 * this.matchLabels.hashCode() + this.expressions.hashCode(); // selectors key caches
    }

    public Map<String, String> matchLabels() {
        return matchLabels;
    }

    public List<Requirement> expressions() {
        return expressions;
    }

    public boolean isEmpty() {
        return keys.length == 0 && requirements.length == 0;
    }

    public boolean matches(Map<String, String> labels) {
        for (int i = 0; i < keys.length; i++) {
            if (!values[i].equals(labels.get(keys[i]))) {
                return false;
            }
        }
        for (Requirement r : requirements) {
            if (!r.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelSelector other && hash == other.hash && matchLabels.equals(other.matchLabels)
                && expressions.equals(other.expressions);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "LabelSelector[matchLabels=" + matchLabels + ", expressions=" + expressions + "]";
    }

    /** One matchExpressions item. */
    public record Requirement(String key, Operator operator, List<String> values) {
        public Requirement {
            values = List.copyOf(values);
        }

        boolean matches(Map<String, String> labels) {
            String value = labels.get(key);
            return switch (operator) {
                case IN -> value != null && values.contains(value);
                case NOT_IN -> value == null || !values.contains(value);
                case EXISTS -> value != null;
                case DOES_NOT_EXIST -> value == null;
            };
        }
    }

    public enum Operator {
        IN("In"), NOT_IN("NotIn"), EXISTS("Exists"), DOES_NOT_EXIST("DoesNotExist");

        private final String spelling;

        Operator(String spelling) {
            this.spelling = spelling;
        }

        /** The operator as written in a manifest; null when unknown. */
        public static Operator parse(String text) {
            for (Operator o : values()) {
                if (o.spelling.equals(text)) {
                    return o;
                }
            }
            return null;
        }
    }
}
