package dev.vla4j.cli.node;

import dev.vla4j.nodes.control.SimRobotConfig;
import dev.vla4j.nodes.control.SimRobotNode;
import dev.vla4j.sim.EnvConfig;
import dev.vla4j.sim.Split;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vla4j node sim-robot}: the simulator as a robot on ROS 1 or MQTT. */
@Command(name = "sim-robot", mixinStandardHelpOptions = true,
        description = {"Expose a simulated tabletop as a robot: publishes the camera (square RGB), the state "
                + "{ee x, ee y, vx, vy}, the instruction (latched/retained), the scripted expert's suggested action and "
                + "a status (task, instruction, episode, step, success, mode) every control step; executes received "
                + "actions {dx, dy} (m, clamped to +-0.1) through its own watchdog: without a fresh command for "
                + "--watchdog-ms it holds still. Honours the software e-stop. Starts the next episode when one ends.",
                "ROS topics: /camera/image, /joint_states, /vla4j/action, /vla4j/estop, /vla4j/instruction, "
                        + "/vla4j/sim/expert_action, /vla4j/robot/status. MQTT: PREFIX/v1/ROBOT_ID/{camera/primary/"
                        + "image, state/joint_states, cmd/action, cmd/estop, task/instruction, sim/expert_action, "
                        + "sim/status}."},
        footer = {"", "Examples:", "  vla4j node sim-robot --transport ros --suite langtable-spatial --task block-to-center",
                "  vla4j node sim-robot --transport mqtt --embedded-broker --suite langtable-long --seed 7"})
final class SimRobotCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private LinkOptions link;

    @Option(names = "--suite", required = true, paramLabel = "S", description = "Task suite, e.g. langtable-spatial.")
    private String suite;

    @Option(names = "--task", paramLabel = "T", description = "One task of the suite (default: all, one per episode).")
    private String task;

    @Option(names = "--seed", paramLabel = "K", defaultValue = "0",
            description = "First episode's seed; later episodes take the next ones (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--split", paramLabel = "held-in|perturbation", defaultValue = "held-in",
            description = "Evaluation split (default: ${DEFAULT-VALUE}).")
    private String split;

    @Option(names = "--rate", paramLabel = "HZ", defaultValue = "10",
            description = "Control steps per second; 10 is real time (default: ${DEFAULT-VALUE}).")
    private double rate;

    @Option(names = "--image-size", paramLabel = "PX", defaultValue = "128",
            description = "Camera image side, 64-224 (default: ${DEFAULT-VALUE}).")
    private int imageSize;

    @Option(names = "--watchdog-ms", paramLabel = "MS", defaultValue = "500",
            description = "Hold when no command arrives for this long (default: ${DEFAULT-VALUE}).")
    private long watchdogMs;

    @Option(names = "--no-auto-reset", description = "Hold after an episode ends instead of starting the next.")
    private boolean noAutoReset;

    @Option(names = "--no-expert", description = "Do not publish the scripted expert's suggested actions.")
    private boolean noExpert;

    @Option(names = "--duration", paramLabel = "S", description = "Stop after this many seconds (default: run until Ctrl-C).")
    private Long durationSeconds;

    @Override
    public Integer call() throws Exception {
        SimRobotConfig config = new SimRobotConfig(suite, task, seed, Split.byId(split),
                EnvConfig.DEFAULT.withImageSize(imageSize), rate, !noAutoReset, !noExpert, Duration.ofMillis(watchdogMs));
        try {
            SimRobotNode node = SimRobotNode.start(config, link.link(spec.commandLine()));
            NodeRuntime.runUntilStopped(node, durationSeconds == null ? null : Duration.ofSeconds(durationSeconds),
                    spec.commandLine().getErr(), "sim-robot");
        } finally {
            link.close();
        }
        return 0;
    }
}
