package io.watasu.names;

import io.watasu.model.ProcessKind;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one home for naming rules: which names are legal and how object names, hostnames and labels are derived.
 * Every other package asks here instead of concatenating strings itself.
 */
public final class Names {
    /** Longest DNS label (RFC 1123), label value and Service name. */
    public static final int MAX_LABEL_LENGTH = 63;
    /** Longest DNS subdomain: the limit for most object names, NetworkPolicies included. */
    public static final int MAX_SUBDOMAIN_LENGTH = 253;

    /** Pod labels: the contract with whatever deploys the pods. */
    public static final String TEAM_LABEL = "watasu.io/team";
    /** The label of a fleet's Argo CD Applications naming their cluster; rollout steps select by it. */
    public static final String CLUSTER_LABEL = "watasu.io/cluster";
    public static final String APP_LABEL = "watasu.io/app";
    public static final String PROCESS_LABEL = "watasu.io/process";
    /** Set by the control plane on every namespace; cannot be forged by a tenant. */
    public static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";
    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY_VALUE = "watasu";

    /**
     * A namespace a team may not take: an exact name, or every name with a prefix when the pattern ends in {@code *}
     * ({@code openshift-*}). A team's namespace gets Watasu's default deny, so a team named like a system component's
     * namespace would cut that component (the pod network, DNS, admission webhooks) off for the whole cluster.
     *
     * @param pattern a DNS label, or a label prefix followed by {@code *}
     * @param owner   whose namespace it is, for messages ("Calico, the pod network")
     */
    public record ReservedNamespace(String pattern, String owner) {
        public boolean matches(String namespace) {
            return isPrefixPattern(pattern) ? namespace.startsWith(pattern.substring(0, pattern.length() - 1))
                    : namespace.equals(pattern);
        }
    }

    /**
     * The namespaces reserved out of the box: Kubernetes' own, and those of components that commonly run on a
     * cluster and fail for everyone when their traffic is cut: the pod network, service meshes, admission webhooks,
     * certificates, load balancers, ingress, monitoring, storage, GitOps, and the managed add-ons of the big
     * distributions. A platform adds its own with {@code platform.reservedNamespaces}; docs/config.md lists these.
     */
    public static final List<ReservedNamespace> SYSTEM_NAMESPACES = List.of(
            new ReservedNamespace("default", "Kubernetes' default namespace"),
            new ReservedNamespace("kube-*", "Kubernetes' own components, DNS and often the CNI among them"),
            new ReservedNamespace("argocd", "Argo CD, which applies Watasu's output"),
            new ReservedNamespace("flux-system", "Flux"),
            new ReservedNamespace("calico-*", "Calico, the pod network"),
            new ReservedNamespace("tigera-*", "the Tigera operator, which runs Calico"),
            new ReservedNamespace("cilium", "Cilium, the pod network"),
            new ReservedNamespace("cilium-*", "Cilium, the pod network"),
            new ReservedNamespace("istio-*", "Istio, the service mesh"),
            new ReservedNamespace("linkerd", "Linkerd, the service mesh"),
            new ReservedNamespace("linkerd-*", "Linkerd, the service mesh"),
            new ReservedNamespace("cert-manager", "cert-manager and its admission webhook"),
            new ReservedNamespace("gatekeeper-system", "OPA Gatekeeper and its admission webhooks"),
            new ReservedNamespace("kyverno", "Kyverno and its admission webhooks"),
            new ReservedNamespace("metallb-system", "MetalLB, which announces LoadBalancer addresses"),
            new ReservedNamespace("ingress-nginx", "the ingress-nginx controller"),
            new ReservedNamespace("monitoring", "the Prometheus stack"),
            new ReservedNamespace("local-path-storage", "the local-path volume provisioner"),
            new ReservedNamespace("longhorn-system", "Longhorn storage"),
            new ReservedNamespace("rook-ceph", "Rook Ceph storage"),
            new ReservedNamespace("openshift", "OpenShift"),
            new ReservedNamespace("openshift-*", "OpenShift"),
            new ReservedNamespace("gke-*", "Google Kubernetes Engine's managed components"),
            new ReservedNamespace("gmp-*", "Google Cloud Managed Service for Prometheus"),
            new ReservedNamespace("amazon-*", "Amazon EKS add-ons"),
            new ReservedNamespace("aws-*", "Amazon EKS and its add-ons"),
            new ReservedNamespace("azure-*", "Azure Kubernetes Service extensions"),
            new ReservedNamespace("aks-*", "Azure Kubernetes Service"),
            new ReservedNamespace("app-routing-system", "AKS application routing, an ingress controller"));

    private static final Pattern DNS_1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_1123_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    /** Label values and the name part of label keys (Kubernetes "qualified name"). */
    private static final Pattern LABEL_NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
    /** The last character of a pattern that reserves every name with the prefix before it. */
    private static final char PREFIX_WILDCARD = '*';

    private Names() {
    }

    /** RFC 1123 label: lower-case alphanumerics and '-', starting and ending alphanumeric, at most 63 characters. */
    public static boolean isDns1123Label(String s) {
        return s != null && s.length() <= MAX_LABEL_LENGTH && DNS_1123_LABEL.matcher(s).matches();
    }

    /** RFC 1035 label: as RFC 1123 but starting with a letter (required for Service names). */
    public static boolean isDns1035Label(String s) {
        return s != null && s.length() <= MAX_LABEL_LENGTH && DNS_1035_LABEL.matcher(s).matches();
    }

    /**
     * Why {@code s} is not a DNS label, in words a user can act on, or null when it is one.
     *
     * @param startWithLetter true for RFC 1035 labels (names that prefix Service names), false for RFC 1123
     */
    public static String dnsLabelProblem(String s, boolean startWithLetter) {
        if (s.isEmpty()) {
            return "it is empty";
        }
        if (s.length() > MAX_LABEL_LENGTH) {
            return "it is " + s.length() + " characters, over the " + MAX_LABEL_LENGTH + " allowed";
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                // The whole character, also when it takes two chars (an emoji).
                return "it contains '" + Character.toString(s.codePointAt(i))
                        + "': only lower-case letters, digits and '-' are allowed";
            }
        }
        char first = s.charAt(0);
        if (startWithLetter && !(first >= 'a' && first <= 'z')) {
            return "it must start with a lower-case letter";
        }
        if (first == '-') {
            return "it must start with a lower-case letter or digit";
        }
        if (s.charAt(s.length() - 1) == '-') {
            return "it must end with a lower-case letter or digit";
        }
        return null;
    }

    /** RFC 1123 subdomain (dot-separated labels of at most 63 characters, at most 253 in all): domains, class names. */
    public static boolean isDns1123Subdomain(String s) {
        if (s == null || s.length() > MAX_SUBDOMAIN_LENGTH || !DNS_1123_SUBDOMAIN.matcher(s).matches()) {
            return false;
        }
        for (String label : s.split("\\.")) {
            if (label.length() > MAX_LABEL_LENGTH) {
                return false;
            }
        }
        return true;
    }

    /** Kubernetes label key: an optional DNS subdomain prefix and '/', then a name of at most 63 characters. */
    public static boolean isLabelKey(String key) {
        int slash = key.indexOf('/');
        String name = slash < 0 ? key : key.substring(slash + 1);
        if (slash >= 0 && !isDns1123Subdomain(key.substring(0, slash))) {
            return false;
        }
        return name.length() <= MAX_LABEL_LENGTH && LABEL_NAME.matcher(name).matches();
    }

    /** Kubernetes label value: empty, or at most 63 alphanumerics, '-', '_' and '.', alphanumeric at both ends. */
    public static boolean isLabelValue(String value) {
        return value.isEmpty() || value.length() <= MAX_LABEL_LENGTH && LABEL_NAME.matcher(value).matches();
    }

    /** The built-in reservation a namespace falls under ({@link #SYSTEM_NAMESPACES}), if any. */
    public static Optional<ReservedNamespace> systemNamespace(String namespace) {
        for (ReservedNamespace reserved : SYSTEM_NAMESPACES) {
            if (reserved.matches(namespace)) {
                return Optional.of(reserved);
            }
        }
        return Optional.empty();
    }

    /** True for a pattern that reserves a prefix ({@code infra-*}) rather than one name. */
    public static boolean isPrefixPattern(String pattern) {
        return !pattern.isEmpty() && pattern.charAt(pattern.length() - 1) == PREFIX_WILDCARD;
    }

    /**
     * Why {@code pattern} is not a namespace name or prefix pattern (a DNS label, or the start of one followed by
     * {@code *}), in words a user can act on, or null when it is one.
     */
    public static String namespacePatternProblem(String pattern) {
        if (!isPrefixPattern(pattern)) {
            return dnsLabelProblem(pattern, false);
        }
        String prefix = pattern.substring(0, pattern.length() - 1);
        if (prefix.isEmpty()) {
            return "a lone '*' would reserve every namespace";
        }
        // A prefix may end in '-' (a name continues after it); otherwise it obeys the label rules.
        String problem = dnsLabelProblem(prefix.endsWith("-") ? prefix + "x" : prefix, false);
        if (problem != null || prefix.length() >= MAX_LABEL_LENGTH) {
            return "'*' may only end a prefix of a namespace name (lower-case letters, digits and '-',"
                    + " starting with a letter or digit, at most " + (MAX_LABEL_LENGTH - 1) + " characters)";
        }
        return null;
    }

    /** Longest segment of a repository path: what common file systems allow in one name. */
    public static final int MAX_PATH_SEGMENT_LENGTH = 255;
    /** Names Windows keeps for devices, with or without an extension; a checkout there cannot create them. */
    private static final Pattern WINDOWS_DEVICE_NAME =
            Pattern.compile("(?i)(con|prn|aux|nul|com[0-9]|lpt[0-9])(\\..*)?");

    /**
     * A path inside a Git repository that watasu writes (a publish {@code --path}, the folder Argo CD reads, a file
     * of the provider), in its one canonical spelling: '/'-separated segments of ASCII letters, digits, '-', '_' and
     * '.', none starting with '.' or '-' or ending with '.'. One trailing '/' is dropped.
     * <p>
     * Why so strict: Git and watasu treat names starting with '.' specially ({@code .git} in any case,
     * {@code .gitmodules}, {@code .watasu}), Argo CD's directory generator skips folders starting with '.', Windows
     * and macOS checkouts map other names onto {@code .git} (trailing dots, {@code GIT~1}, ignorable Unicode code
     * points), the ApplicationSet reads the path as a glob ({@code *?[]{}}), and a control character forges lines
     * in logs. Refusing everything outside a portable character set closes all of these at once.
     *
     * @throws IllegalArgumentException with a message saying what is wrong and how to write it instead
     */
    public static String repositoryPath(String path) {
        String problem = repositoryPathProblem(path);
        if (problem != null) {
            throw new IllegalArgumentException("'" + printable(path) + "' is not a path watasu writes to inside a"
                    + " repository: " + problem);
        }
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static String repositoryPathProblem(String path) {
        if (path.isEmpty() || path.equals("/")) {
            return "it is empty; name a folder relative to the repository root, e.g. clusters/prod";
        }
        if (path.startsWith("/") || path.matches("(?s)[A-Za-z]:.*")) {
            return "it is absolute; give it relative to the repository root, e.g. clusters/prod";
        }
        if (path.indexOf('\\') >= 0) {
            return "it contains '\\'; separate folders with '/'";
        }
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        for (String segment : trimmed.split("/", -1)) {
            String problem = pathSegmentProblem(segment);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private static String pathSegmentProblem(String segment) {
        if (segment.isEmpty()) {
            return "it has an empty segment ('//'); write each folder once, separated by a single '/'";
        }
        if (segment.equals(".") || segment.equals("..")) {
            return "it has a '" + segment + "' segment; name the folder directly, without '.' or '..'";
        }
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            boolean portable = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '-' || c == '_' || c == '.';
            if (!portable) {
                return "segment '" + printable(segment) + "' contains " + describeCharacter(segment, i)
                        + "; use only letters, digits, '-', '_' and '.'";
            }
        }
        if (segment.startsWith(".")) {
            return "segment '" + segment + "' starts with '.', which Git, watasu and Argo CD treat specially"
                    + " (.git, .gitmodules, .watasu; Argo CD skips such folders); choose a name without it";
        }
        if (segment.startsWith("-")) {
            return "segment '" + segment + "' starts with '-', which commands read as an option; choose another name";
        }
        if (segment.endsWith(".")) {
            return "segment '" + segment + "' ends with '.', which Windows drops; remove the trailing '.'";
        }
        if (segment.length() > MAX_PATH_SEGMENT_LENGTH) {
            return "segment '" + segment.substring(0, 20) + "...' is " + segment.length() + " characters, over the "
                    + MAX_PATH_SEGMENT_LENGTH + " a file system allows";
        }
        if (WINDOWS_DEVICE_NAME.matcher(segment).matches()) {
            return "segment '" + segment + "' is a device name on Windows, where it cannot be checked out; choose"
                    + " another name";
        }
        return null;
    }

    private static String describeCharacter(String text, int index) {
        int codePoint = text.codePointAt(index);
        return codePoint >= 0x21 && codePoint < 0x7f ? "'" + (char) codePoint + "'"
                : codePoint == ' ' ? "a space" : String.format("the character U+%04X", codePoint);
    }

    /** {@code text} with every character outside printable ASCII written as \\uXXXX, so a message stays one honest line. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '\\') {
                out.append(c);
            } else {
                out.append(String.format("\\u%04X", (int) c));
            }
        }
        return out.toString();
    }

    /** The Service of a process and its internal hostname: {@code <app>-<process>}. */
    public static String serviceName(String app, String process) {
        return app + "-" + process;
    }

    /**
     * Public hostname of a web process: {@code <app>.<domain>} for {@code web},
     * {@code <app>-<name>.<domain>} for {@code <name>-web}.
     */
    public static String publicHostname(String app, String process, String domain) {
        if (ProcessKind.of(process) != ProcessKind.WEB) {
            throw new IllegalArgumentException("not a web process: " + process);
        }
        if (process.equals("web")) {
            return app + "." + domain;
        }
        return app + "-" + process.substring(0, process.length() - "-web".length()) + "." + domain;
    }

    /** The first label of {@link #publicHostname}: must itself be a DNS label. */
    public static String publicHostLabel(String app, String process) {
        String host = publicHostname(app, process, "x");
        return host.substring(0, host.length() - 2);
    }

    /** Length of the hash suffix {@link #boundedName} appends to names that would be too long. */
    public static final int HASH_SUFFIX_LENGTH = 8;

    /**
     * An object name kept to at most 63 characters. Names that fit are returned unchanged; longer ones are cut and
     * get {@code -<8 hex digits of SHA-256 of the full name>}, so two long names sharing a prefix stay distinct and
     * the same input always yields the same name. 63 rather than the 253 the API allows, because several CNIs
     * derive chain or map names from policy names and silently drop policies with longer ones.
     */
    public static String boundedName(String name) {
        if (name.length() <= MAX_LABEL_LENGTH) {
            return name;
        }
        String prefix = name.substring(0, MAX_LABEL_LENGTH - HASH_SUFFIX_LENGTH - 1);
        while (prefix.endsWith("-") || prefix.endsWith(".")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        return prefix + "-" + sha256Hex(name).substring(0, HASH_SUFFIX_LENGTH);
    }

    /** NetworkPolicy letting the allowed callers into a process's pods. */
    public static String ingressPolicyName(String serviceName) {
        return boundedName(serviceName + "-ingress");
    }

    /** NetworkPolicy letting a private service's allowed callers send to it. */
    public static String callersEgressPolicyName(String serviceName) {
        return boundedName(serviceName + "-callers-egress");
    }

    /** NetworkPolicy letting the platform's scrapers into a process's metrics port. */
    public static String metricsPolicyName(String serviceName) {
        return boundedName(serviceName + "-metrics-ingress");
    }

    /** NetworkPolicy letting an app's pods call the Kubernetes API. */
    public static String kubernetesApiPolicyName(String app) {
        return boundedName(app + "-kubernetes-api-egress");
    }

    private static String sha256Hex(String s) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
        }
    }
}
