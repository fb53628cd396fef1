package dev.vla4j.cli;

import dev.vla4j.cli.bench.BenchCommand;
import dev.vla4j.cli.node.NodeCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The one {@code vla4j} command (DESIGN.md §5): each subcommand wires modules together and does nothing else. */
@Command(
        name = "vla4j",
        mixinStandardHelpOptions = true,
        versionProvider = Vla4j.Version.class,
        description = "A Java vision-language-action robot controller: camera + instruction + joint state in, "
                + "a chunk of robot actions out, over ROS 1 or MQTT.",
        subcommands = {DoctorCommand.class, InfoCommand.class, SimCommand.class, TrainCommand.class, BenchCommand.class,
                NodeCommand.class, TeleopCommand.class, DemoCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Examples:", "  vla4j doctor            check Java, the tensor engine and the ROS/MQTT peers",
                "  vla4j sim eval --suite langtable-spatial --policy expert --out runs/eval-expert",
                "  vla4j help doctor       options of one subcommand"})
public final class Vla4j implements Runnable {
    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        // DJL must never download anything (DESIGN.md §3): libtorch comes from the bundled native jar.
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new Vla4j());
    }

    /** Without a subcommand: show what there is, and fail, since nothing was asked. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: see the list below.");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Vla4j.class.getPackage().getImplementationVersion();
            return new String[] {"vla4j " + (version == null ? "(development build)" : version)};
        }
    }
}
