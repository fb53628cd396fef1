package dev.vla4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Benchmarks; each prints one JSON object per measurement. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks that print one JSON line per measurement (with the load average, since machines "
                + "are often shared).",
        subcommands = {BenchSimCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Examples:", "  vla4j bench sim", "  vla4j bench sim --steps 20000 --episodes 50"})
final class BenchCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: see the list below.");
    }
}
