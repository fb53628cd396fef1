package dev.vla4j.cli.node;

import dev.vla4j.nodes.control.ControllerConfig;
import dev.vla4j.nodes.control.ControllerNode;
import dev.vla4j.nodes.robot.CommandTopicBusyException;
import dev.vla4j.nodes.robot.RemoteRobot;
import dev.vla4j.nodes.robot.RobotShape;
import dev.vla4j.nodes.safety.SafetyLimits;
import dev.vla4j.policy.Policy;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vla4j node controller}: observe, predict a chunk, execute through the safety limiter. */
@Command(name = "controller", mixinStandardHelpOptions = true,
        description = {"Drive a robot with a policy: each step waits for a new camera frame, asks the policy for a "
                + "chunk when the previous one is used up, and sends the next action through the SafetyLimiter "
                + "(NaN/Inf rejected, clamped to +-ACTION_LIMIT, slew-limited by --max-step, hold after --watchdog-ms "
                + "without a new action, latched e-stop from the e-stop topic). The instruction comes from the "
                + "instruction topic; status and latency go to /vla4j/controller/status (MQTT: controller/status).",
                "Refuses to start while another controller owns the action topic (ROS: a live publisher in "
                        + "getSystemState; MQTT: a retained ONLINE on controller/connection). Ctrl-C sends the hold "
                        + "command 3 times before disconnecting.",
                "--policy expert uses the sim-robot node's published expert suggestions (simulator only)."},
        footer = {"", "Examples:", "  vla4j node controller --transport ros --policy expert",
                "  vla4j node controller --transport mqtt --policy runs/tiny/checkpoint --rate 10 --execute-steps 4"})
final class ControllerCommand implements Callable<Integer> {
    /** Exit code when another controller owns the robot. */
    static final int REFUSED = 4;

    @Spec
    private CommandSpec spec;

    @Mixin
    private LinkOptions link;

    @Option(names = "--policy", required = true, paramLabel = "expert|MODEL_DIR",
            description = "The sim-robot's scripted expert, or a vla4j policy checkpoint folder.")
    private String policy;

    @Option(names = "--rate", paramLabel = "HZ", defaultValue = "10", description = "Control rate (default: ${DEFAULT-VALUE}).")
    private double rate;

    @Option(names = "--execute-steps", paramLabel = "N", defaultValue = "4",
            description = "Actions executed per predicted chunk (default: ${DEFAULT-VALUE}; the expert always uses 1).")
    private int executeSteps;

    @Mixin
    private RobotShapeOptions robotShape;

    @Option(names = "--duration", paramLabel = "S", description = "Stop after this many seconds (default: run until Ctrl-C).")
    private Long durationSeconds;

    @Override
    public Integer call() throws Exception {
        RobotShape shape = robotShape.shape(spec.commandLine());
        SafetyLimits limits = robotShape.limits(shape);
        boolean expert = NodePolicies.isExpert(policy);
        try {
            RemoteRobot robot = link.link(spec.commandLine()).controller(shape, limits, Duration.ofSeconds(1));
            Policy chosen = NodePolicies.choose(policy, robot, shape);
            try {
                ControllerNode node = ControllerNode.start(robot, chosen,
                        new ControllerConfig(policy, rate, expert ? 1 : executeSteps, Duration.ofMillis(500)));
                NodeRuntime.runUntilStopped(node, durationSeconds == null ? null : Duration.ofSeconds(durationSeconds),
                        spec.commandLine().getErr(), "controller");
            } catch (CommandTopicBusyException e) {
                spec.commandLine().getErr().println("vla4j node controller: " + e.getMessage());
                return REFUSED;
            } finally {
                if (chosen instanceof AutoCloseable closeable) {
                    closeable.close();
                }
            }
        } finally {
            link.close();
        }
        return 0;
    }
}
