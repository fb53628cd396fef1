package dev.vla4j.nodes.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vla4j.nodes.mqtt.MqttTopics;
import dev.vla4j.nodes.robot.CommandTopicBusyException;
import dev.vla4j.nodes.robot.MqttLinkSettings;
import dev.vla4j.nodes.robot.RemoteRobot;
import dev.vla4j.nodes.robot.RobotLink;
import dev.vla4j.nodes.robot.RobotShape;
import dev.vla4j.nodes.robot.RosLink;
import dev.vla4j.nodes.robot.RosTopics;
import dev.vla4j.nodes.safety.SafetyLimits;
import dev.vla4j.sim.EnvConfig;
import dev.vla4j.sim.Split;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sim-robot node and the controller node with the expert, through a real peer (a rosmaster or a mosquitto
 * this class starts): a task completes, a killed controller leaves the robot holding, a restarted peer does not
 * stop them, and a second controller is refused. Each transport's subclass adds its malformed-input cases.
 */
abstract class NodesEndToEndContract {
    static final EnvConfig ENV = EnvConfig.DEFAULT.withImageSize(64);
    static final RobotShape SHAPE = SimRobotNode.shape(ENV);
    static final double RATE_HZ = 25;
    private final Deque<AutoCloseable> open = new ArrayDeque<>();

    /** A fresh link for this test (its own robot id or node names). */
    abstract RobotLink link();

    /** Arguments that make {@link #link(String[])} give the same link in a child JVM. */
    abstract List<String> childArgs(RobotLink link);

    /** A subscriber of the sim status that is independent of the nodes. */
    abstract StatusTap tap(RobotLink link) throws Exception;

    /** Engages or releases the software e-stop on the link's e-stop topic, as an operator would. */
    abstract void estop(RobotLink link, boolean engaged) throws Exception;

    /** Kills the master or broker and starts it again on the same port. */
    abstract void restartPeer() throws Exception;

    /** Rebuilds a link from {@code ros MASTER HOST CONTROLLER ROBOT} or {@code mqtt BROKER PREFIX ROBOT_ID}. */
    static RobotLink link(String[] args) {
        return args[0].equals("ros")
                ? new RosLink(URI.create(args[1]), args[2], RosTopics.DEFAULTS, args[3], args[4])
                : new MqttLinkSettings(args[1], new MqttTopics(args[2], args[3]));
    }

    static ControllerNode startController(RobotLink link) throws Exception {
        RemoteRobot robot = link.controller(SHAPE, SafetyLimits.of(SHAPE.action()), Duration.ofSeconds(1));
        return ControllerNode.start(robot, new ExpertPolicy(robot),
                new ControllerConfig("expert", RATE_HZ, 1, Duration.ofMillis(200)));
    }

    /** The sim robot's mode, "" before its first step. */
    static String mode(SimRobotNode sim) {
        return sim.status() == null ? "" : sim.status().mode();
    }

    <T extends AutoCloseable> T opened(T closeable) {
        open.push(closeable);
        return closeable;
    }

    @AfterEach
    void closeAll() throws Exception {
        while (!open.isEmpty()) {
            open.pop().close();
        }
    }

    SimRobotNode simRobot(RobotLink link) throws Exception {
        return opened(SimRobotNode.start(new SimRobotConfig("langtable-spatial", "block-to-center", 0, Split.HELD_IN,
                ENV, RATE_HZ, true, true, SafetyLimits.DEFAULT_STALE_AFTER), link));
    }

    ControllerNode controller(RobotLink link) throws Exception {
        return opened(startController(link));
    }

    @Test
    void expertControllerCompletesATaskSeenOnTheStatusTopic() throws Exception {
        RobotLink link = link();
        StatusTap tap = tap(link);
        simRobot(link);
        ControllerNode controller = controller(link);
        Waits.until("a successful episode on the status topic", tap::sawSuccess);
        assertTrue(controller.steps() > 0);
        assertEquals("block-to-center", tap.latest().task());
        Waits.until("the controller's status with its rate", () -> tap.controller() != null
                && tap.controller().loopHz() > 0);
        assertEquals("expert", tap.controller().policy());
        assertTrue(tap.controller().predictMs() >= 0);
    }

    @Test
    void killedControllerLeavesTheRobotHoldingWithinTheWatchdogPeriod() throws Exception {
        RobotLink link = link();
        SimRobotNode sim = simRobot(link);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), ControllerChild.class.getName()));
        command.addAll(childArgs(link));
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            awaitReady(child);
            Waits.until("the robot executing the child's commands", () -> "running".equals(mode(sim)));
            child.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no stop command
            long killedAt = System.nanoTime();
            long staleBefore = sim.limiter().counters().staleEvents();
            Waits.until("the robot holding", () -> "holding".equals(mode(sim)));
            double heldAfterMs = (System.nanoTime() - killedAt) / 1e6;
            assertArrayEquals(new float[] {0, 0}, sim.status().executed());
            assertEquals(staleBefore + 1, sim.limiter().counters().staleEvents(), "the watchdog, not a stop command");
            assertTrue(heldAfterMs < SafetyLimits.DEFAULT_STALE_AFTER.toMillis() + 1_500,
                    "held " + heldAfterMs + " ms after the kill");
            ControllerNode successor = awaitTakeover(link);
            Waits.until("a successor controller commanding the robot", () -> successor.steps() > 5
                    && "running".equals(mode(sim)));
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void eStopHoldsBothNodesUntilAnExplicitRelease() throws Exception {
        RobotLink link = link();
        StatusTap tap = tap(link);
        SimRobotNode sim = simRobot(link);
        ControllerNode controller = controller(link);
        Waits.until("the robot running", () -> "running".equals(mode(sim)));
        estop(link, true);
        Waits.until("the robot in e-stop", () -> "estop".equals(mode(sim)));
        Waits.until("the controller in e-stop", () -> "estop".equals(controller.status().mode()));
        assertArrayEquals(new float[] {0, 0}, sim.status().executed());
        long steps = controller.steps();
        long statuses = tap.received();
        Waits.until("ten more robot steps", () -> tap.received() > statuses + 10);
        assertEquals("estop", mode(sim), "only an explicit release ends the e-stop");
        assertEquals(steps, controller.steps(), "no action sent while the e-stop is engaged");
        estop(link, false);
        Waits.until("the robot running again after the release", () -> "running".equals(mode(sim))
                && controller.steps() > steps + 5);
    }

    @Test
    void nodesCarryOnAfterThePeerRestarts() throws Exception {
        RobotLink link = link();
        SimRobotNode sim = simRobot(link);
        ControllerNode controller = controller(link);
        Waits.until("commands flowing", () -> sim.commandsReceived() > 10);
        restartPeer();
        long commandsAfterRestart = sim.commandsReceived();
        long stepsAfterRestart = controller.steps();
        StatusTap lateTap = tap(link);
        Waits.until("commands flowing again", () -> sim.commandsReceived() > commandsAfterRestart + 20
                && controller.steps() > stepsAfterRestart + 20);
        Waits.until("a subscriber that joined after the restart hearing the robot", () -> lateTap.received() > 5);
    }

    @Test
    void secondControllerIsRefusedWhileTheFirstRuns() throws Exception {
        RobotLink link = link();
        simRobot(link);
        ControllerNode first = controller(link);
        Waits.until("the first controller running", () -> first.steps() > 0);
        CommandTopicBusyException refused = assertThrows(CommandTopicBusyException.class,
                () -> controller(otherControllerOf(link)));
        assertTrue(refused.getMessage().contains("not starting"), refused.getMessage());
    }

    /** Waits (boundedly) for the child to print READY, reading its output on a daemon thread. */
    private static void awaitReady(Process child) throws InterruptedException {
        AtomicBoolean ready = new AtomicBoolean();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith("READY")) {
                        ready.set(true);
                    }
                }
            } catch (IOException e) {
                // the child was killed
            }
        }, "controller-child-output");
        reader.setDaemon(true);
        reader.start();
        Waits.until("the child controller printing READY", ready::get);
    }

    /** Starts a controller, retrying while the dead one's claim lasts (MQTT: until the broker sends its will). */
    private ControllerNode awaitTakeover(RobotLink link) throws Exception {
        ControllerNode[] started = new ControllerNode[1];
        Waits.until("the dead controller's claim to lapse", () -> {
            try {
                started[0] = controller(link);
                return true;
            } catch (CommandTopicBusyException e) {
                return false;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        return started[0];
    }

    /** The same robot, seen by a second controller (another node name or client). */
    abstract RobotLink otherControllerOf(RobotLink link);
}
