package dev.vla4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vla4j.cli.node.NodePolicies;
import dev.vla4j.nodes.control.ControllerConfig;
import dev.vla4j.nodes.control.ControllerNode;
import dev.vla4j.nodes.control.SimRobotNode;
import dev.vla4j.nodes.mqtt.EmbeddedBroker;
import dev.vla4j.nodes.mqtt.MqttEndpoint;
import dev.vla4j.nodes.mqtt.MqttTopics;
import dev.vla4j.nodes.robot.MqttLinkSettings;
import dev.vla4j.nodes.robot.RemoteRobot;
import dev.vla4j.nodes.robot.RobotShape;
import dev.vla4j.nodes.robot.SimStatus;
import dev.vla4j.nodes.safety.SafetyLimits;
import dev.vla4j.nodes.web.NodesTeleopBackend;
import dev.vla4j.nodes.web.TeleopServer;
import dev.vla4j.nodes.web.TeleopServerOptions;
import dev.vla4j.policy.Policy;
import dev.vla4j.sim.EnvConfig;
import dev.vla4j.sim.eval.WilsonInterval;
import dev.vla4j.sim.tasks.Suites;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The one-command demo: an embedded MQTT broker, the simulated-robot node, the controller node with a policy, and
 * the web page, all in this process and talking over MQTT exactly as they would across machines.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Start an embedded MQTT broker, the simulated robot, the controller with a policy (the scripted "
                + "expert, or a trained checkpoint given with --policy or $VLA4J_DEMO_POLICY) and the web page; print "
                + "its URL and run until Ctrl-C.",
                "With --headless --episodes N: no page; run N episodes and print the success rate."},
        footer = {"", "Examples:", "  vla4j demo", "  vla4j demo --headless --episodes 10",
                "  vla4j demo --policy runs/small/checkpoints/last --suite langtable-goal"})
final class DemoCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--policy", paramLabel = "expert|DIR", defaultValue = "${env:VLA4J_DEMO_POLICY:-expert}",
            description = "The controller's policy (default: $VLA4J_DEMO_POLICY, else ${DEFAULT-VALUE}).")
    private String policy;

    @Option(names = "--suite", paramLabel = "SUITE", defaultValue = "langtable-spatial",
            description = "Simulator suite; its tasks take turns (default: ${DEFAULT-VALUE}).")
    private String suite;

    @Option(names = "--seed", paramLabel = "K", defaultValue = "0", description = "First episode's seed (default: 0).")
    private long seed;

    @Option(names = "--headless", description = "No web page: run --episodes episodes and print the success rate.")
    private boolean headless;

    @Option(names = "--episodes", paramLabel = "N", defaultValue = "5",
            description = "Episodes to run with --headless (default: ${DEFAULT-VALUE}).")
    private int episodes;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080", description = "Web page port, 0 for any "
            + "free one (default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--record", paramLabel = "DIR", description = "New dataset folder for episodes recorded from the page.")
    private Path record;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (episodes < 1) {
            return BadInput.report(spec, "--episodes must be at least 1, got " + episodes);
        }
        try {
            Suites.byName(suite);
            NodePolicies.requireKnown(policy);
        } catch (IllegalArgumentException e) {
            return BadInput.report(spec, e.getMessage());
        }
        try (EmbeddedBroker broker = EmbeddedBroker.start(0)) {
            MqttLinkSettings link = new MqttLinkSettings(broker.uri(), new MqttTopics("vla4j", "demo"));
            SimRobotNode sim = SimRobotNode.start(
                    dev.vla4j.nodes.control.SimRobotConfig.defaults(suite, null, seed), link);
            RobotShape shape = SimRobotNode.shape(EnvConfig.DEFAULT);
            RemoteRobot robot = link.controller(shape, SafetyLimits.of(shape.action()), Duration.ofSeconds(2));
            Policy chosen = NodePolicies.choose(policy, robot, shape);
            ControllerNode controller = ControllerNode.start(robot, chosen, ControllerConfig.of(policy, 8));
            try {
                return headless ? runEpisodes(sim, out) : serve(sim, controller, broker, link, shape, out);
            } finally {
                controller.close(); // the explicit stop
                sim.close();
                if (chosen instanceof AutoCloseable model) {
                    model.close();
                }
            }
        } catch (IllegalArgumentException e) {
            return BadInput.report(spec, e.getMessage());
        }
    }

    /** Counts finished episodes from the robot's status until {@code episodes} have ended. */
    private int runEpisodes(SimRobotNode sim, PrintWriter out) throws InterruptedException {
        Map<Long, Boolean> finished = new LinkedHashMap<>();
        long start = System.nanoTime();
        while (finished.size() < episodes) {
            SimStatus status = sim.status();
            if (status != null && status.done()) {
                finished.putIfAbsent(status.episode(), status.success());
            }
            Thread.sleep(10);
        }
        long successes = finished.values().stream().filter(s -> s).count();
        WilsonInterval interval = WilsonInterval.of(successes, episodes);
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf(Locale.ROOT, "demo: %d/%d episodes succeeded (%.0f%%, Wilson 95%% [%.0f%%, %.0f%%]) with the %s "
                        + "policy on %s in %.1f s%n", successes, episodes, 100.0 * successes / episodes,
                100 * interval.low(), 100 * interval.high(), policy, suite, seconds);
        var json = new ObjectMapper().createObjectNode().put("suite", suite).put("policy", policy)
                .put("episodes", episodes).put("successes", successes).put("success_rate", (double) successes / episodes)
                .put("seconds", seconds);
        json.putArray("wilson_95").add(interval.low()).add(interval.high());
        out.println(json);
        out.flush();
        return 0;
    }

    private int serve(SimRobotNode sim, ControllerNode controller, EmbeddedBroker broker, MqttLinkSettings link,
                      RobotShape shape, PrintWriter out) throws InterruptedException {
        try (MqttEndpoint viewer = MqttEndpoint.connect(MqttEndpoint.Options.defaults(broker.uri(), "vla4j-demo-page"),
                null);
             NodesTeleopBackend backend = new NodesTeleopBackend(sim, controller, viewer,
                     link.topics().cameraImage(shape.primaryCamera()), shape.primaryCamera(),
                     EnvConfig.DEFAULT.imageSize(), record)) {
            TeleopServer server = TeleopServer.start(backend, TeleopServerOptions.local(port));
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "demo-shutdown"));
            out.println("vla4j demo: " + server.url() + "  (MQTT broker " + broker.uri() + "; " + policy
                    + " policy on " + suite + "; Ctrl-C to stop)");
            out.flush();
            stop.await();
            server.close();
            return 0;
        }
    }
}
