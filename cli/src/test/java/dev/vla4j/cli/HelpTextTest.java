package dev.vla4j.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * DESIGN.md §5: every command's help renders without picocli warnings (a bare '%' in a description is one), and
 * the sim and bench commands show examples.
 */
class HelpTextTest {
    private static void collect(CommandLine command, List<CommandLine> into) {
        into.add(command);
        command.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, into));
    }

    @Test
    void everyCommandsHelpRendersCleanlyWithExamples() {
        List<CommandLine> commands = new ArrayList<>();
        collect(Vla4j.commandLine(), commands);
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            for (CommandLine command : commands) {
                String help = command.getUsageMessage();
                String name = command.getCommandSpec().qualifiedName();
                if ((name.startsWith("vla4j sim") || name.startsWith("vla4j bench")) && !name.endsWith(" help")) {
                    assertTrue(help.contains("Examples:"), name + ":\n" + help);
                }
            }
        } finally {
            System.setErr(err);
        }
        String warnings = captured.toString(StandardCharsets.UTF_8);
        assertFalse(warnings.contains("picocli WARN"), warnings);
        assertTrue(commands.stream().anyMatch(c -> c.getCommandSpec().qualifiedName().equals("vla4j bench sim")));
    }
}
