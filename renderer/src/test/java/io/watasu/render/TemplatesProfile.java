package io.watasu.render;

import io.watasu.config.ConfigLoader;
import io.watasu.model.Team;
import io.watasu.model.WatasuConfig;
import io.watasu.plan.PlannedFile;
import io.watasu.plan.PlannedObject;
import io.watasu.plan.PolicyPlanner;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.List;

/**
 * Times applying the templates to every planned object of a platform in one thread, round after round: the first
 * round is what a cold run pays (the JIT is still compiling), the later ones the steady state.
 * {@code TemplatesProfile watasu.yaml [rounds]}; run by bench/template-profile.sh.
 */
public final class TemplatesProfile {
    public static void main(String[] args) {
        WatasuConfig config = ConfigLoader.load(Path.of(args[0])).config();
        long start = System.nanoTime();
        List<PlannedObject> objects = config.teams().stream()
                .flatMap((Team team) -> PolicyPlanner.planTeam(team, config.platform()).files().stream())
                .map(PlannedFile::objects).flatMap(List::stream).toList();
        long planned = System.nanoTime();
        Templates templates = Templates.builtIn();
        long compiled = System.nanoTime();
        System.out.printf("planning %d ms (%d objects), compiling the templates %d ms%n",
                (planned - start) / 1_000_000, objects.size(), (compiled - planned) / 1_000_000);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int round = 0; round < rounds; round++) {
            long roundStart = System.nanoTime();
            long cpuStart = threads.getCurrentThreadCpuTime();
            long chars = 0;
            for (PlannedObject object : objects) {
                chars += templates.apply(object.template(), object).length();
            }
            // CPU time as well: on a shared machine the wall time mostly measures the other processes.
            System.out.printf("round %d: applying templates %d ms wall, %d ms CPU (%d characters)%n", round,
                    (System.nanoTime() - roundStart) / 1_000_000,
                    (threads.getCurrentThreadCpuTime() - cpuStart) / 1_000_000, chars);
        }
    }
}
