package dev.vla4j.cli;

import dev.vla4j.cli.node.LinkOptions;
import dev.vla4j.cli.node.NodePolicies;
import dev.vla4j.cli.node.RobotShapeOptions;
import dev.vla4j.nodes.robot.CommandTopicBusyException;
import dev.vla4j.nodes.robot.RemoteRobot;
import dev.vla4j.nodes.robot.RobotShape;
import dev.vla4j.nodes.web.TeleopBackend;
import dev.vla4j.nodes.web.TeleopServer;
import dev.vla4j.nodes.web.TeleopServerOptions;
import dev.vla4j.nodes.web.remote.RemoteTeleopBackend;
import dev.vla4j.nodes.web.remote.RemoteTeleopSettings;
import dev.vla4j.nodes.web.sim.ExpertPolicy;
import dev.vla4j.nodes.web.sim.SimTeleopBackend;
import dev.vla4j.policy.Policy;
import dev.vla4j.sim.EnvConfig;
import dev.vla4j.sim.Split;
import dev.vla4j.sim.TableEnv;
import dev.vla4j.sim.experts.PushExpert;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The teleop web UI over the simulator in process, or as the controller of a robot over ROS 1 or MQTT. */
@Command(name = "teleop", mixinStandardHelpOptions = true,
        description = {"Serve the teleop web UI: the live camera with the policy's predicted action chunk, an "
                + "instruction box, keyboard teleop (hold WASD or the arrows), a latched E-STOP (Space/Esc), "
                + "episode recording into a LeRobot dataset, live latency plots, /healthz and /metrics.",
            "The robot: --sim drives the simulated table in this process (the policy is its scripted expert); "
                + "--transport ros|mqtt makes the page the controller of a robot over ROS 1 or MQTT (a vla4j node "
                + "sim-robot, or a real robot on the same topics): every action passes the SafetyLimiter, the "
                + "E-STOP latches on the robot's e-stop topic, and it refuses to start while another controller "
                + "owns the action topic (exit 4). Give exactly one of them. Runs until Ctrl-C. Exit 2 for bad input."},
        footer = {"", "Examples:", "  vla4j teleop --sim --record data/teleop",
                "  vla4j teleop --transport ros --master http://robot:11311 --ros-ip 192.168.1.20",
                "  vla4j teleop --transport mqtt --broker tcp://broker:1883 --robot-id arm1 --policy runs/small/last",
                "  vla4j teleop --sim --host 0.0.0.0 --token \"$(openssl rand -hex 16)\""})
final class TeleopCommand implements Callable<Integer> {
    /** Exit code when another controller owns the robot. */
    static final int REFUSED = 4;

    @Spec
    private CommandSpec spec;

    @Option(names = "--sim", description = "Drive the simulated table in this process.")
    private boolean sim;

    @Mixin
    private LinkOptions link;

    @Mixin
    private RobotShapeOptions robotShape;

    @Option(names = "--policy", paramLabel = "expert|MODEL_DIR", defaultValue = "expert",
            description = "With --transport: the sim-robot node's scripted expert, or a vla4j policy checkpoint folder "
                    + "(default: ${DEFAULT-VALUE}).")
    private String policy;

    @Option(names = "--rate", paramLabel = "HZ", defaultValue = "10",
            description = "With --transport: control steps per second, the robot's rate (default: ${DEFAULT-VALUE}).")
    private double rate;

    @Option(names = "--execute-steps", paramLabel = "N", defaultValue = "4",
            description = "With --transport: actions executed per predicted chunk (default: ${DEFAULT-VALUE}; the "
                    + "expert always uses 1).")
    private int executeSteps;

    @Option(names = "--suite", defaultValue = "langtable-spatial", paramLabel = "SUITE",
            description = "With --sim: simulator suite (default: ${DEFAULT-VALUE}).")
    private String suite;

    @Option(names = "--task", defaultValue = "block-to-center", paramLabel = "TASK",
            description = "With --sim: task of the suite (default: ${DEFAULT-VALUE}).")
    private String task;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "K", description = "With --sim: first scene's seed "
            + "(default: 0).")
    private long seed;

    @Option(names = "--speed", defaultValue = "0.2", paramLabel = "M_PER_S",
            description = "End-effector speed at a full teleop key press (default: ${DEFAULT-VALUE} m/s).")
    private double speed;

    @Option(names = "--record", paramLabel = "DIR", description = "New dataset folder for recorded episodes.")
    private Path record;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Address to bind (default: ${DEFAULT-VALUE}); any other needs --token.")
    private String host;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "PORT", description = "TCP port, 0 for any free one "
            + "(default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:VLA4J_TELEOP_TOKEN}",
            description = "Access token (16+ characters) the page's URL carries as ?token= (default: the environment "
                    + "variable VLA4J_TELEOP_TOKEN, which keeps it out of the process list).")
    private String token;

    @Option(names = "--deadman-ms", defaultValue = "300", paramLabel = "MS",
            description = "Teleop holds after this long without a command, 250-500 (default: ${DEFAULT-VALUE}).")
    private int deadmanMs;

    @Override
    public Integer call() throws Exception {
        if (sim == link.hasTransport()) {
            return BadInput.report(spec, sim ? "give --sim or --transport, not both"
                    : "give --sim (the simulator in this process) or --transport ros|mqtt (a robot over ROS 1 or MQTT)");
        }
        if (sim && !NodePolicies.isExpert(policy)) {
            return BadInput.report(spec, "--sim drives with the simulator's scripted expert; --policy " + policy
                    + " needs --transport");
        }
        TeleopServerOptions options;
        try {
            options = new TeleopServerOptions(host, port, token, deadmanMs);
        } catch (IllegalArgumentException e) {
            return BadInput.report(spec, e.getMessage());
        }
        try {
            return sim ? serveSim(options) : serveRemote(options);
        } finally {
            link.close();
        }
    }

    private int serveSim(TeleopServerOptions options) throws InterruptedException {
        TableEnv env;
        SimTeleopBackend.Settings settings;
        try {
            env = new TableEnv(suite, task, Split.HELD_IN, EnvConfig.DEFAULT.withImageSize(robotShape.imageSize()));
            settings = new SimTeleopBackend.Settings(seed, speed, 1, record);
        } catch (IllegalArgumentException e) {
            return BadInput.report(spec, e.getMessage());
        }
        return serve(new SimTeleopBackend(env, settings, e -> new ExpertPolicy(e, new PushExpert(), 8)), options,
                null);
    }

    private int serveRemote(TeleopServerOptions options) throws Exception {
        RemoteTeleopSettings settings;
        try {
            NodePolicies.requireKnown(policy);
            settings = new RemoteTeleopSettings(rate, speed, NodePolicies.isExpert(policy) ? 1 : executeSteps, record);
        } catch (IllegalArgumentException e) {
            return BadInput.report(spec, e.getMessage());
        }
        RobotShape shape = robotShape.shape(spec.commandLine());
        RemoteRobot robot = link.link(spec.commandLine()).controller(shape, robotShape.limits(shape),
                Duration.ofSeconds(1));
        Policy chosen = NodePolicies.choose(policy, robot, shape);
        AutoCloseable model = chosen instanceof AutoCloseable closeable ? closeable : null;
        RemoteTeleopBackend backend;
        try {
            backend = RemoteTeleopBackend.start(robot, chosen, settings);
        } catch (CommandTopicBusyException e) {
            spec.commandLine().getErr().println("vla4j teleop: " + e.getMessage());
            closeQuietly(model);
            return REFUSED;
        }
        return serve(backend, options, model);
    }

    /** Serves {@code backend} until Ctrl-C; the shutdown closes the page, the backend (its stop), then {@code model}. */
    private int serve(TeleopBackend backend, TeleopServerOptions options, AutoCloseable model)
            throws InterruptedException {
        TeleopServer server;
        try {
            server = TeleopServer.start(backend, options);
        } catch (IllegalStateException e) {
            backend.close();
            closeQuietly(model);
            spec.commandLine().getErr().println("vla4j teleop: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            backend.close();
            closeQuietly(model);
            stopped.countDown();
        }, "teleop-shutdown"));
        spec.commandLine().getOut().println("teleop UI: " + server.url() + "  (Ctrl-C to stop)");
        spec.commandLine().getOut().flush();
        stopped.await();
        return 0;
    }

    private void closeQuietly(AutoCloseable model) {
        if (model == null) {
            return;
        }
        try {
            model.close();
        } catch (Exception e) {
            spec.commandLine().getErr().println("vla4j teleop: closing the policy failed: " + e);
        }
    }
}
