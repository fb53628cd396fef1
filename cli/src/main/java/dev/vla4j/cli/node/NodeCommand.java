package dev.vla4j.cli.node;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code vla4j node}: the long-running robot nodes. */
@Command(name = "node", mixinStandardHelpOptions = true,
        description = "Run a robot node on ROS 1 or MQTT: the simulated robot, or the controller that drives a robot.",
        subcommands = {SimRobotCommand.class, ControllerCommand.class},
        footer = {"", "Examples (two terminals):", "  vla4j node sim-robot --transport ros --suite langtable-spatial",
                "  vla4j node controller --transport ros --policy expert"})
public final class NodeCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: sim-robot or controller.");
    }
}
