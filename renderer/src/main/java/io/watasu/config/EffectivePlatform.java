package io.watasu.config;

import io.watasu.model.ClusterProfile;
import io.watasu.model.LinkLocalAccess;
import io.watasu.model.Platform;
import io.watasu.model.PodSelector;
import io.watasu.yaml.YamlStrings;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The platform in effect as YAML text, each value followed by where it came from: the file ({@code FILE:LINE}), the
 * profile ({@code profile gke}: the profile's value differs from the built-in one), or the built-in default. The text
 * is a valid {@code platform:} section that loads back to the same platform.
 */
public final class EffectivePlatform {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]*");
    private static final Pattern NUMBER_LIKE = Pattern.compile("[-+]?[0-9._]*([eE][-+]?[0-9]+)?|0[xXoObB].*");
    private static final Set<String> YAML_WORDS = Set.of("true", "false", "yes", "no", "on", "off", "y", "n", "null");

    private final Platform platform;
    private final SourceMap sources;
    private final StringBuilder out = new StringBuilder();

    private EffectivePlatform(Platform platform, SourceMap sources) {
        this.platform = platform;
        this.sources = sources;
    }

    /** {@code platform} as loaded with {@code sources} (the loader's positions of what the file wrote). */
    public static String yaml(Platform platform, SourceMap sources) {
        return new EffectivePlatform(platform, sources).write();
    }

    private String write() {
        out.append("platform:\n");
        if (platform.profile() != ClusterProfile.NONE) {
            line(1, "profile", platform.profile().key(), "platform.profile", Platform::profile);
        }
        line(1, "domain", scalar(platform.domain()), "platform.domain", Platform::domain);
        line(1, "clusterCidrs", strings(platform.clusterCidrs()), "platform.clusterCidrs", Platform::clusterCidrs);
        line(1, "nodeCidrs", strings(platform.nodeCidrs()), "platform.nodeCidrs", Platform::nodeCidrs);
        line(1, "reservedNamespaces", strings(platform.reservedNamespaces()), "platform.reservedNamespaces",
                Platform::reservedNamespaces);
        out.append("  ingress:\n");
        pods(platform.ingress().pods(), "platform.ingress", p -> p.ingress().pods());
        line(2, "className", scalar(platform.ingress().className()), "platform.ingress.className",
                p -> p.ingress().className());
        line(2, "ports", numbers(platform.ingress().ports()), "platform.ingress.ports", p -> p.ingress().ports());
        line(2, "hostNetwork", String.valueOf(platform.ingress().hostNetwork()), "platform.ingress.hostNetwork",
                p -> p.ingress().hostNetwork());
        out.append("  dns:\n");
        pods(platform.dns().pods(), "platform.dns", p -> p.dns().pods());
        line(2, "ports", numbers(platform.dns().ports()), "platform.dns.ports", p -> p.dns().ports());
        line(2, "addresses", strings(platform.dns().addresses()), "platform.dns.addresses", p -> p.dns().addresses());
        line(1, "linkLocal", "[" + platform.linkLocal().stream().map(EffectivePlatform::linkLocal)
                .collect(Collectors.joining(", ")) + "]", "platform.linkLocal", Platform::linkLocal);
        line(1, "scrapers", "[" + platform.scrapers().stream().map(s -> "{namespace: " + scalar(s.namespace())
                + ", podLabels: " + labels(s.podLabels()) + "}").collect(Collectors.joining(", ")) + "]",
                "platform.scrapers", Platform::scrapers);
        out.append("  apiServer:\n");
        line(2, "addresses", strings(platform.apiServer().addresses()), "platform.apiServer.addresses",
                p -> p.apiServer().addresses());
        line(2, "port", String.valueOf(platform.apiServer().port()), "platform.apiServer.port",
                p -> p.apiServer().port());
        return out.toString();
    }

    private void pods(PodSelector pods, String subject, Function<Platform, PodSelector> field) {
        line(2, "namespace", scalar(pods.namespace()), subject + ".namespace", p -> field.apply(p).namespace());
        line(2, "podLabels", labels(pods.sortedPodLabels()), subject + ".podLabels",
                p -> field.apply(p).podLabels());
    }

    /** One {@code key: value  # origin} line at {@code depth} (two spaces each). */
    private void line(int depth, String key, String value, String subject, Function<Platform, Object> field) {
        out.append("  ".repeat(depth)).append(key).append(": ").append(value).append("  # ")
                .append(origin(subject, field)).append('\n');
    }

    private String origin(String subject, Function<Platform, Object> field) {
        Optional<SourcePosition> written = sources.find(subject);
        if (written.isPresent()) {
            return written.get().file() + ":" + written.get().line();
        }
        if (platform.profile() != ClusterProfile.NONE
                && !field.apply(platform.profile().defaults()).equals(field.apply(Platform.defaults()))) {
            return "profile " + platform.profile().key();
        }
        return "default";
    }

    private static String linkLocal(LinkLocalAccess access) {
        return "{cidr: " + scalar(access.cidr()) + ", ports: " + numbers(access.ports()) + "}";
    }

    private static String labels(Map<String, String> labels) {
        return "{" + new TreeMap<>(labels).entrySet().stream()
                .map(e -> scalar(e.getKey()) + ": " + scalar(e.getValue())).collect(Collectors.joining(", ")) + "}";
    }

    private static String strings(List<String> values) {
        return "[" + values.stream().map(EffectivePlatform::scalar).collect(Collectors.joining(", ")) + "]";
    }

    private static String numbers(List<Integer> values) {
        return values.toString();
    }

    /** Plain when every YAML reader takes it as this very string; double-quoted otherwise. */
    private static String scalar(String value) {
        boolean plain = PLAIN.matcher(value).matches() && !NUMBER_LIKE.matcher(value).matches()
                && !YAML_WORDS.contains(value.toLowerCase(Locale.ROOT));
        return plain ? value : YamlStrings.doubleQuoted(value);
    }
}
