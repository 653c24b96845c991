package io.watasu.config;

/**
 * Paths naming elements of a watasu.yaml, e.g. {@code teams.acme.apps.grpc-app.trust[1]}: the {@link Diagnostic#subject()}
 * of a finding and the keys of a {@link SourceMap}. Fields are joined with '.', list items and label keys (which may
 * contain dots) are written in brackets. Team, app and process names are DNS labels, so the path splits unambiguously.
 */
public final class Subjects {
    public static final String VERSION = "version";
    public static final String PLATFORM = "platform";
    public static final String TEAMS = "teams";
    public static final String CLUSTERS = "clusters";
    public static final String ROLLOUT = "rollout";

    private Subjects() {
    }

    public static String field(String parent, String name) {
        return parent.isEmpty() ? name : parent + "." + name;
    }

    public static String item(String parent, int index) {
        return parent + "[" + index + "]";
    }

    public static String labelKey(String parent, String key) {
        return parent + "[" + key + "]";
    }

    // Built in one concatenation each: a large file asks for hundreds of thousands of these.

    public static String team(String team) {
        return TEAMS + "." + team;
    }

    public static String app(String team, String app) {
        return TEAMS + "." + team + ".apps." + app;
    }

    public static String process(String team, String app, String process) {
        return TEAMS + "." + team + ".apps." + app + ".processes." + process;
    }

    public static String cluster(String cluster) {
        return CLUSTERS + "." + cluster;
    }

    public static String trust(String team, String app) {
        return TEAMS + "." + team + ".apps." + app + ".trust";
    }

    public static String trustEntry(String team, String app, int index) {
        return TEAMS + "." + team + ".apps." + app + ".trust[" + index + "]";
    }
}
