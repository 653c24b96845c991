package io.watasu.render;

import io.watasu.plan.PlannedFile;
import io.watasu.plan.PlannedObject;
import io.watasu.plan.PolicyPlanner;
import io.watasu.testing.Examples;
import io.watasu.testing.RandomPlatforms;
import io.watasu.testing.YamlMutations;
import io.watasu.yaml.RenderedYaml;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The parse-back with the fast reader decides and words every outcome as the check on SnakeYAML's events does. */
class DocumentCheckTest {
    private record Rendered(String document, PlannedObject object) {
    }

    private static List<Rendered> rendered() {
        Templates templates = Templates.builtIn();
        List<Rendered> rendered = new ArrayList<>();
        List<PlannedFile> files = new ArrayList<>(
                PolicyPlanner.plan(Examples.load(Examples.exampleFile())).files().toList());
        for (long seed = 1; seed <= 20; seed++) {
            files.addAll(PolicyPlanner.plan(RandomPlatforms.generate(seed)).files().toList());
        }
        for (PlannedFile file : files) {
            for (PlannedObject object : file.objects()) {
                String document = templates.apply(object.template(), object);
                rendered.add(new Rendered(document.endsWith("\n") ? document : document + "\n", object));
            }
        }
        return rendered;
    }

    /** The message of the refusal, or "accepted". */
    private static String outcome(Runnable check) {
        try {
            check.run();
            return "accepted";
        } catch (RenderException e) {
            return e.getMessage();
        }
    }

    @Test
    void mutatedDocumentsGetTheSameOutcomeWithAndWithoutTheFastReader() {
        List<Rendered> rendered = rendered();
        Random random = new Random(42);
        int fastAccepted = 0;
        int refused = 0;
        int checks = 6000;
        for (int i = 0; i < checks; i++) {
            Rendered source = rendered.get(random.nextInt(rendered.size()));
            String document = random.nextInt(5) == 0 ? source.document()
                    : YamlMutations.mutate(source.document(), random);
            // Sometimes the document of another object: kind and name must then be refused.
            PlannedObject object = random.nextInt(4) == 0 ? rendered.get(random.nextInt(rendered.size())).object()
                    : source.object();
            String expected = outcome(() -> DocumentCheck.checkEvents(document, object));
            assertEquals(expected, outcome(() -> DocumentCheck.check(document, object)), document);
            if (RenderedYaml.documents(document) != null) {
                fastAccepted++;
            }
            if (!expected.equals("accepted")) {
                refused++;
            }
        }
        assertTrue(fastAccepted > checks / 5, fastAccepted + " read by the fast reader");
        assertTrue(refused > checks / 5, refused + " refused");
    }
}
