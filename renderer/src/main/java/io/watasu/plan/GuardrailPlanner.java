package io.watasu.plan;

import io.watasu.model.Guardrails;
import io.watasu.model.Platform;
import io.watasu.names.Names;

import java.util.ArrayList;
import java.util.List;

/**
 * The cluster-scoped guardrails ({@code platform.guardrails}), in a folder of their own that Argo CD applies with an
 * Application and AppProject of their own: {@code _guardrails/<team>.yaml} per team (the network guardrail) and
 * {@code _guardrails/_admission.yaml} (the admission policies; '_' keeps it apart from team names).
 */
public final class GuardrailPlanner {
    public static final String ADMISSION_FILE = "_admission.yaml";

    private GuardrailPlanner() {
    }

    /** @param teams team names, sorted by the caller */
    public static List<PlannedFile> plan(List<String> teams, Platform platform, Guardrails guardrails) {
        List<PlannedFile> files = new ArrayList<>();
        String folder = Names.GUARDRAILS_FOLDER + "/";
        if (guardrails.admission()) {
            files.add(new PlannedFile(folder + ADMISSION_FILE, AdmissionGuardrails.plan(guardrails)));
        }
        if (guardrails.networkPolicy() != Guardrails.NetworkGuardrail.NONE) {
            for (String team : teams) {
                files.add(new PlannedFile(folder + team + ".yaml",
                        List.of(NetworkGuardrails.plan(team, platform, guardrails))));
            }
        }
        return files;
    }
}
