package dev.vla4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The simulator's commands: recording expert demonstrations and evaluating policies. */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = "The LangTable-J tabletop simulator: record expert datasets, evaluate policies, compare a policy "
                + "with the expert.",
        subcommands = {SimRecordCommand.class, SimEvalCommand.class, SimAgreementCommand.class,
            CommandLine.HelpCommand.class},
        footer = {"", "Examples:", "  vla4j sim record --suite langtable-spatial --episodes 200 --out data/spatial",
                "  vla4j sim eval --suite langtable-goal --policy expert --episodes-per-task 50 --out runs/eval-expert"})
final class SimCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: see the list below.");
    }
}
