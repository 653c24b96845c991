package io.watasu.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Every check the commands report, with its stable identifier. The loader's rules are grouped by the part of
 * watasu.yaml they are about (as its diagnostics name it, see {@link io.watasu.config.Subjects}); the contract
 * check by the two ways policies can break it.
 */
public final class Checks {
    public static final Check YAML = new Check("config/yaml", "readable YAML",
            "watasu.yaml is UTF-8 YAML within the size, alias and nesting limits, with no duplicate keys");
    public static final Check VERSION = new Check("config/version", "version",
            "the file declares 'version: 1'");
    public static final Check PLATFORM = new Check("config/platform", "platform settings",
            "domain, cluster ranges, ingress controller and DNS settings are well formed");
    public static final Check TEAMS = new Check("config/teams", "teams",
            "team names are valid namespace names that are not reserved, and every team has apps");
    public static final Check APPS = new Check("config/apps", "apps",
            "app names are valid, unique across the file, and their fields known");
    public static final Check PROCESSES = new Check("config/processes", "processes",
            "process names, commands and ports are valid; service names and public hostnames are unique");
    public static final Check TRUST = new Check("config/trust", "trust lists",
            "trust lists name existing apps of the same team, once each");
    /** The checks of loading watasu.yaml, in the order of the file's parts. */
    public static final List<Check> CONFIG = List.of(YAML, VERSION, PLATFORM, TEAMS, APPS, PROCESSES, TRUST);

    public static final Check FORBIDDEN_CONNECTION = new Check("contract/forbidden-connection",
            "no connection beyond the contract",
            "the NetworkPolicies allow no connection the contract forbids (across teams, untrusted apps, other "
                    + "ports, from outside the cluster)");
    public static final Check PROMISED_CONNECTION = new Check("contract/promised-connection",
            "every promised connection",
            "the NetworkPolicies allow every connection the contract promises (DNS, the internet, the ingress "
                    + "controller, trusted apps, public processes)");
    /** The independent verifier's check of NetworkPolicies against the contract of watasu.yaml. */
    public static final List<Check> CONTRACT = List.of(FORBIDDEN_CONNECTION, PROMISED_CONNECTION);

    public static final Check UP_TO_DATE = new Check("render/up-to-date", "rendered output is up to date",
            "the output folder holds exactly what watasu.yaml renders to");
    public static final Check FOREIGN_FILES = new Check("render/foreign-files", "only files watasu wrote",
            "the folders of the output hold no file watasu did not write (Argo CD would apply it with the team's "
                    + "objects); a render with --remove-foreign deletes them and warns");
    public static final Check HAND_EDITS = new Check("render/hand-edits", "no hand edits",
            "no file watasu wrote was edited by hand (a render replaces such files and warns)");

    /** A failure that stopped the command (unreadable input, I/O, Git), reported by every command. */
    public static final Check COMMAND = new Check("watasu/command", "the command ran",
            "the command ran to its end (input readable, output writable, Git reachable)");

    public static final Check MANIFESTS = new Check("contract/manifests", "readable manifests",
            "every manifest in the output folder can be read as Kubernetes objects by the verifier");

    private Checks() {
    }

    /** The checks of a command: the groups given, in order, then {@link #COMMAND}, which every command reports. */
    @SafeVarargs
    public static List<Check> of(List<Check>... groups) {
        List<Check> all = new ArrayList<>();
        for (List<Check> group : groups) {
            all.addAll(group);
        }
        all.add(COMMAND);
        return List.copyOf(all);
    }

    /**
     * The check a loader diagnostic belongs to, from the model path it names: {@code version}, {@code platform...},
     * {@code teams.T}, {@code teams.T.apps.A...}, {@code ...processes...}, {@code ...trust...}; none for the file as
     * a whole. Only the shape of the path is read, so an odd name in it can at worst pick a neighbouring check.
     */
    public static Check forSubject(String subject) {
        if (subject == null || subject.isEmpty()) {
            return YAML;
        }
        if (subject.equals("version") || subject.startsWith("version.")) {
            return VERSION;
        }
        if (subject.equals("platform") || subject.startsWith("platform.") || subject.startsWith("platform[")) {
            return PLATFORM;
        }
        if (subject.endsWith(".apps")) {
            return APPS;
        }
        int apps = subject.indexOf(".apps.");
        if (apps < 0) {
            return TEAMS;
        }
        String inApp = subject.substring(apps + ".apps.".length());
        if (inApp.matches("[^.\\[]*\\.trust(\\[.*])?")) {
            return TRUST;
        }
        if (inApp.matches("[^.\\[]*\\.processes(\\..*)?")) {
            return PROCESSES;
        }
        return APPS;
    }
}
