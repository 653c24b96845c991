package io.watasu.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The command line built for one subcommand is that subcommand exactly as the whole command line has it. */
class MainTest {
    @Test
    void eachSubcommandIsRegisteredUnderItsOwnName() {
        Main.commandLine().getSubcommands().forEach((name, command) -> {
            if (!name.equals("help")) {
                assertEquals(name, command.getCommand().getClass().getAnnotation(CommandLine.Command.class).name());
            }
        });
    }

    @Test
    void aNamedSubcommandIsBuiltAloneAndBehavesTheSame() {
        CommandLine whole = Main.build(null);
        for (String name : whole.getSubcommands().keySet()) {
            CommandLine built = Main.build(name);
            Set<String> expected = name.equals("completion") || name.equals("help")
                    ? whole.getSubcommands().keySet() : Set.of(name, "help");
            assertEquals(expected, built.getSubcommands().keySet(), name);
            assertEquals(whole.getSubcommands().get(name).getUsageMessage(),
                    built.getSubcommands().get(name).getUsageMessage(), name);
        }
    }

    @Test
    void anythingElseGetsEveryCommand() {
        int every = Main.build(null).getSubcommands().size();
        for (String first : List.of("--help", "rendr", "-V", "")) {
            assertEquals(every, Main.build(first).getSubcommands().size(), first);
        }
    }
}
