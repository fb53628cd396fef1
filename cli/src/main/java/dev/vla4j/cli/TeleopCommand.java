package dev.vla4j.cli;

import dev.vla4j.nodes.web.TeleopServer;
import dev.vla4j.nodes.web.TeleopServerOptions;
import dev.vla4j.nodes.web.sim.ExpertPolicy;
import dev.vla4j.nodes.web.sim.SimTeleopBackend;
import dev.vla4j.sim.EnvConfig;
import dev.vla4j.sim.Split;
import dev.vla4j.sim.TableEnv;
import dev.vla4j.sim.experts.PushExpert;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The teleop web UI over the simulator in process; robots over ROS or MQTT come with the controller node. */
@Command(name = "teleop", mixinStandardHelpOptions = true,
        description = {"Serve the teleop web UI: the live camera with the policy's predicted action chunk drawn over "
                + "it, an instruction box, keyboard teleop (hold WASD or the arrows), a latched E-STOP (Space/Esc), "
                + "episode recording into a LeRobot dataset, live latency plots, /healthz and /metrics.",
            "The policy is the scripted expert. Runs until Ctrl-C. Exit 2 for bad input."},
        footer = {"", "Examples:", "  vla4j teleop --sim --record data/teleop",
                "  vla4j teleop --sim --host 0.0.0.0 --token \"$(openssl rand -hex 16)\""})
final class TeleopCommand implements Callable<Integer> {
    static final int BAD_INPUT = 2;

    @Spec
    private CommandSpec spec;

    @Option(names = "--sim", description = "Drive the simulated table in this process (the only robot for now).")
    private boolean sim;

    @Option(names = "--suite", defaultValue = "langtable-spatial", paramLabel = "SUITE",
            description = "Simulator suite (default: ${DEFAULT-VALUE}).")
    private String suite;

    @Option(names = "--task", defaultValue = "block-to-center", paramLabel = "TASK",
            description = "Task of the suite (default: ${DEFAULT-VALUE}).")
    private String task;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "K", description = "First scene's seed (default: 0).")
    private long seed;

    @Option(names = "--image-size", defaultValue = "128", paramLabel = "PX",
            description = "Camera image side, 64-224 (default: ${DEFAULT-VALUE}).")
    private int imageSize;

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
    public Integer call() throws InterruptedException {
        if (!sim) {
            return badInput("give --sim: robots over ROS 1 or MQTT join the teleop UI with the controller node");
        }
        TeleopServerOptions options;
        TableEnv env;
        SimTeleopBackend.Settings settings;
        try {
            options = new TeleopServerOptions(host, port, token, deadmanMs);
            env = new TableEnv(suite, task, Split.HELD_IN, EnvConfig.DEFAULT.withImageSize(imageSize));
            settings = new SimTeleopBackend.Settings(seed, speed, 1, record);
        } catch (IllegalArgumentException e) {
            return badInput(e.getMessage());
        }
        SimTeleopBackend backend = new SimTeleopBackend(env, settings,
                e -> new ExpertPolicy(e, new PushExpert(), 8));
        TeleopServer server;
        try {
            server = TeleopServer.start(backend, options);
        } catch (IllegalStateException e) {
            backend.close();
            spec.commandLine().getErr().println("vla4j teleop: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            backend.close();
            stopped.countDown();
        }, "teleop-shutdown"));
        spec.commandLine().getOut().println("teleop UI: " + server.url() + "  (Ctrl-C to stop)");
        spec.commandLine().getOut().flush();
        stopped.await();
        return 0;
    }

    private int badInput(String message) {
        spec.commandLine().getErr().println("vla4j teleop: " + message);
        return BAD_INPUT;
    }
}
