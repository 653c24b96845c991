package io.watasu.plan;

import io.watasu.model.App;
import io.watasu.model.Platform;
import io.watasu.model.Process;
import io.watasu.model.Team;
import io.watasu.model.WatasuConfig;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Model to plan. Teams, apps and processes are sorted by name here (the model keeps declaration order), which makes
 * the output independent of how the input file is ordered.
 */
public final class PolicyPlanner {
    /** File of a team's namespace and baseline policies; '_' keeps it apart from app files (app names cannot hold it). */
    public static final String TEAM_FILE = "_team.yaml";

    private PolicyPlanner() {
    }

    public static PolicyPlan plan(WatasuConfig config) {
        List<TeamPlan> teams = config.teams().stream()
                .sorted(Comparator.comparing(Team::name))
                .map(team -> planTeam(team, config.platform(), config.guardrails().admission()))
                .toList();
        return new PolicyPlan(teams, List.of());
    }

    /** One team's files; they depend on nothing but the team and the platform. */
    public static TeamPlan planTeam(Team team, Platform platform) {
        return planTeam(team, platform, false);
    }

    /**
     * As {@link #planTeam(Team, Platform)}; with {@code appLabels} (the admission guardrail) the Namespace also lists
     * the team's apps as labels.
     */
    public static TeamPlan planTeam(Team team, Platform platform, boolean appLabels) {
        List<PlannedFile> files = new ArrayList<>();
        files.add(new PlannedFile(team.name() + "/" + TEAM_FILE, TeamBaseline.plan(team, platform, appLabels)));
        team.apps().stream()
                .sorted(Comparator.comparing(App::name))
                .map(app -> new PlannedFile(team.name() + "/" + app.name() + ".yaml", planApp(app, platform)))
                .filter(file -> !file.objects().isEmpty())
                .forEach(files::add);
        return new TeamPlan(team.name(), files);
    }

    /**
     * All objects of one app, by process name (workers expose nothing), then the app's own grants. An app that exposes
     * nothing and asks for nothing has no objects, hence no file.
     */
    static List<PlannedObject> planApp(App app, Platform platform) {
        List<PlannedObject> objects = new ArrayList<>();
        app.processes().stream()
                .sorted(Comparator.comparing(Process::name))
                .forEach(process -> objects.addAll(Scrapers.plan(app, process, platform,
                        switch (process.kind()) {
                            case WEB -> WebExposure.plan(app, process, platform);
                            case TCP -> TcpExposure.plan(app, process);
                            case RTC -> RtcExposure.plan(app, process, platform);
                            case WORKER -> List.<PlannedObject>of();
                        })));
        objects.addAll(ApiServerEgress.plan(app, platform));
        return objects;
    }
}
