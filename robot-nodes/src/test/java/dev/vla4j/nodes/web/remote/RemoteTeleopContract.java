package dev.vla4j.nodes.web.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vla4j.nodes.control.ControllerConfig;
import dev.vla4j.nodes.control.ControllerNode;
import dev.vla4j.nodes.control.ExpertPolicy;
import dev.vla4j.nodes.control.SimRobotConfig;
import dev.vla4j.nodes.control.SimRobotNode;
import dev.vla4j.nodes.control.Waits;
import dev.vla4j.nodes.robot.CommandTopicBusyException;
import dev.vla4j.nodes.robot.RemoteRobot;
import dev.vla4j.nodes.robot.RobotLink;
import dev.vla4j.nodes.robot.RobotShape;
import dev.vla4j.nodes.safety.SafetyLimits;
import dev.vla4j.nodes.web.Mode;
import dev.vla4j.nodes.web.RobotStatus;
import dev.vla4j.policy.Policy;
import dev.vla4j.policy.dataset.LeRobotDatasetReader;
import dev.vla4j.policy.dataset.StoredFrame;
import dev.vla4j.sim.EnvConfig;
import dev.vla4j.sim.Split;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RemoteTeleopBackend} as the controller of a {@link SimRobotNode} through a real peer (a rosmaster or a
 * mosquitto the subclass starts): what the operator does reaches the simulated robot, the e-stop latches on the
 * robot's side, a second controller is refused, a dead robot does not kill the page, recording and the stop.
 */
abstract class RemoteTeleopContract {
    static final EnvConfig ENV = EnvConfig.DEFAULT.withImageSize(64);
    static final RobotShape SHAPE = SimRobotNode.shape(ENV);
    static final double RATE_HZ = 25;
    static final double TOP_SPEED = 0.5; // m/s: 0.02 m per step at 25 Hz
    static final float STEP_M = (float) (TOP_SPEED / RATE_HZ);
    /** A watchdog that never fires within a test: only an explicit command can stop the robot. */
    static final Duration NO_WATCHDOG = Duration.ofMinutes(10);
    private final Deque<AutoCloseable> open = new ArrayDeque<>();

    @TempDir
    Path tmp;

    /** A fresh link for this test (its own robot id or master). */
    abstract RobotLink link();

    /** The same robot, seen by a second controller (another node name or client). */
    abstract RobotLink otherControllerOf(RobotLink link);

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

    SimRobotNode simRobot(RobotLink link, Duration watchdog) throws Exception {
        return opened(SimRobotNode.start(new SimRobotConfig("langtable-spatial", "block-to-center", 0, Split.HELD_IN,
                ENV, RATE_HZ, true, true, watchdog), link));
    }

    SimRobotNode simRobot(RobotLink link) throws Exception {
        return simRobot(link, SafetyLimits.DEFAULT_STALE_AFTER);
    }

    RemoteTeleopBackend backend(RobotLink link, Policy policy, Duration watchdog, Path dataset) throws Exception {
        RemoteRobot robot = link.controller(SHAPE, SafetyLimits.of(SHAPE.action()).withStaleAfter(watchdog),
                Duration.ofSeconds(1));
        return opened(RemoteTeleopBackend.start(robot, policy == null ? new ExpertPolicy(robot) : policy,
                new RemoteTeleopSettings(RATE_HZ, TOP_SPEED, 1, dataset)));
    }

    RemoteTeleopBackend backend(RobotLink link) throws Exception {
        return backend(link, null, SafetyLimits.DEFAULT_STALE_AFTER, null);
    }

    static float[] executed(SimRobotNode sim) {
        return sim.status() == null ? new float[2] : sim.status().executed();
    }

    static boolean executes(SimRobotNode sim, float dx, float dy) {
        float[] e = executed(sim);
        return Math.abs(e[0] - dx) < 1e-6 && Math.abs(e[1] - dy) < 1e-6;
    }

    static void awaitAlive(RemoteTeleopBackend backend) throws InterruptedException {
        Waits.until("the page seeing the robot", () -> backend.status().connected());
    }

    /** Waits for the robot, then drives it right (image frame) at full speed until it executes that. */
    static void driveRight(SimRobotNode sim, RemoteTeleopBackend backend) throws InterruptedException {
        awaitAlive(backend);
        backend.setMode(Mode.TELEOP);
        backend.drive(1, 0);
        Waits.until("image right = +y on the robot", () -> executes(sim, 0, STEP_M));
    }

    @Test
    void teleopDriveMovesTheRobotInTheCommandedDirection() throws Exception {
        RobotLink link = link();
        SimRobotNode sim = simRobot(link);
        RemoteTeleopBackend backend = backend(link);
        driveRight(sim, backend);
        float y0 = backend.status().state()[1];
        Waits.until("the effector moving right in the robot's state", () -> backend.status().state()[1] > y0 + 0.03);
        backend.drive(0, 1);
        Waits.until("image up = -x on the robot", () -> executes(sim, -STEP_M, 0));
        backend.drive(0, 0);
        Waits.until("zero velocity on the robot", () -> executes(sim, 0, 0));
        assertEquals(Mode.TELEOP, backend.status().mode());
        assertTrue(backend.status().note().contains("last action sent [0.000, 0.000]"), backend.status().note());
    }

    @Test
    void policyModeDrivesWithTheExpertAndThePagesInstructionReachesThePolicy() throws Exception {
        RobotLink link = link();
        SimRobotNode sim = simRobot(link);
        List<String> heard = new CopyOnWriteArrayList<>();
        RemoteRobot robot = link.controller(SHAPE, SafetyLimits.of(SHAPE.action()), Duration.ofSeconds(1));
        ExpertPolicy expert = new ExpertPolicy(robot);
        Policy listening = observation -> {
            heard.add(observation.instruction());
            return expert.predictChunk(observation);
        };
        RemoteTeleopBackend backend = opened(RemoteTeleopBackend.start(robot, listening,
                new RemoteTeleopSettings(RATE_HZ, TOP_SPEED, 1, null)));
        awaitAlive(backend);
        backend.setMode(Mode.POLICY);
        Waits.until("the expert's actions executed", () -> "running".equals(sim.status().mode())
                && (executed(sim)[0] != 0 || executed(sim)[1] != 0));
        Waits.until("the robot's instruction reaching the policy", () -> !heard.isEmpty()
                && heard.get(heard.size() - 1).equals(sim.status().instruction()));
        assertNotNull(backend.status().chunk(), "the page plots the chunk");
        assertTrue(backend.status().note().contains("the robot's instruction topic"), backend.status().note());
        String typed = "push the blue moon to the right side";
        backend.setInstruction(typed);
        Waits.until("the page's instruction reaching the policy", () -> heard.get(heard.size() - 1).equals(typed));
        RobotStatus status = backend.status();
        assertEquals(typed, status.instruction());
        assertTrue(status.note().contains("this page"), status.note());
        assertFalse(sim.status().instruction().equals(typed), "the robot's own task is untouched");
    }

    @Test
    void eStopLatchesOnTheRobotUntilAnExplicitReset() throws Exception {
        RobotLink link = link();
        SimRobotNode sim = simRobot(link);
        RemoteTeleopBackend backend = backend(link);
        driveRight(sim, backend);
        backend.estop();
        Waits.until("the robot's own limiter latched", () -> sim.limiter().isEStopped()
                && "estop".equals(sim.status().mode()));
        assertTrue(backend.status().estop());
        assertEquals(Mode.HOLD, backend.status().mode());
        backend.drive(1, 0); // the operator keeps pushing
        assertThrows(IllegalStateException.class, () -> backend.setMode(Mode.TELEOP));
        long sent = backend.status().step();
        long accepted = sim.limiter().counters().accepted();
        long since = sim.status().ts();
        Waits.until("ten more robot steps", () -> sim.status().ts() > since + 10 * 1000 / RATE_HZ);
        assertArrayEquals(new float[] {0, 0}, executed(sim));
        assertEquals("estop", sim.status().mode(), "only an explicit reset ends the e-stop");
        assertEquals(sent, backend.status().step(), "nothing sent while latched");
        assertEquals(accepted, sim.limiter().counters().accepted(), "no command reached the robot's limiter");
        assertTrue(backend.status().estop());
        backend.resetEstop();
        Waits.until("the robot released", () -> !sim.limiter().isEStopped() && !backend.status().estop());
        assertEquals(Mode.HOLD, backend.status().mode(), "a reset leaves the robot holding");
        backend.setMode(Mode.TELEOP);
        backend.drive(1, 0);
        Waits.until("the robot moving again", () -> executes(sim, 0, STEP_M));
    }

    @Test
    void aSecondControllerIsRefusedEitherWay() throws Exception {
        RobotLink link = link();
        simRobot(link);
        RemoteTeleopBackend backend = backend(link);
        awaitAlive(backend);
        CommandTopicBusyException refused = assertThrows(CommandTopicBusyException.class,
                () -> opened(ControllerNode.start(otherControllerOf(link).controller(SHAPE,
                        SafetyLimits.of(SHAPE.action()), Duration.ofSeconds(1)), observation -> null,
                        ControllerConfig.of("second", 1))));
        assertTrue(refused.getMessage().contains("not starting"), refused.getMessage());
        backend.close();
        RobotLink other = otherControllerOf(link);
        RemoteRobot controllerRobot = other.controller(SHAPE, SafetyLimits.of(SHAPE.action()), Duration.ofSeconds(1));
        ControllerNode controller = opened(awaitStart(() -> ControllerNode.start(controllerRobot,
                new ExpertPolicy(controllerRobot), ControllerConfig.of("expert", 1))));
        Waits.until("the controller node driving", () -> controller.steps() > 0);
        assertThrows(CommandTopicBusyException.class, () -> backend(link));
    }

    /** Starts something, retrying while the previous controller's claim lasts (MQTT: its retained OFFLINE arrives). */
    private static <T> T awaitStart(Starter<T> starter) throws Exception {
        Object[] started = new Object[1];
        Waits.until("the previous controller's claim to end", () -> {
            try {
                started[0] = starter.start();
                return true;
            } catch (CommandTopicBusyException e) {
                return false;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        @SuppressWarnings("unchecked")
        T result = (T) started[0];
        return result;
    }

    private interface Starter<T> {
        T start() throws Exception;
    }

    @Test
    void aDeadRobotShowsOfflineAndThePageRecoversWhenItReturns() throws Exception {
        RobotLink link = link();
        SimRobotNode sim = simRobot(link);
        RemoteTeleopBackend backend = backend(link);
        PageTap page = new PageTap();
        backend.addListener(page);
        driveRight(sim, backend);
        open.remove(sim);
        sim.close();
        Waits.until("the page showing the robot offline", () -> !backend.status().connected());
        assertTrue(backend.status().note().contains("robot offline"), backend.status().note());
        long statuses = page.statuses();
        long frames = page.frames();
        Waits.until("statuses still flowing", () -> page.statuses() > statuses + 2);
        assertEquals(frames, page.frames(), "no frame from a dead robot");
        SimRobotNode returned = simRobot(link);
        Waits.until("the page seeing the returned robot", () -> backend.status().connected()
                && page.frames() > frames + 5);
        assertEquals(Mode.HOLD, backend.status().mode(), "a robot that went offline is not driven again by itself");
        backend.setMode(Mode.TELEOP);
        backend.drive(1, 0);
        Waits.until("the returned robot driven", () -> executes(returned, 0, STEP_M));
    }

    @Test
    void recordingLeavesOneFramePerActionSent() throws Exception {
        RobotLink link = link();
        SimRobotNode sim = simRobot(link);
        Path dataset = tmp.resolve("remote-teleop");
        RemoteTeleopBackend backend = backend(link, null, SafetyLimits.DEFAULT_STALE_AFTER, dataset);
        awaitAlive(backend);
        Waits.until("the robot holding", () -> "holding".equals(sim.status().mode()));
        String task = "push the red star to the top left corner";
        backend.setInstruction(task);
        long before = backend.status().step();
        backend.startEpisode();
        backend.setMode(Mode.TELEOP);
        backend.drive(1, 0);
        Waits.until("20 actions sent", () -> backend.status().step() > before + 20);
        backend.setMode(Mode.HOLD);
        Waits.until("the robot holding (nothing in flight)", () -> "holding".equals(sim.status().mode()));
        long sent = backend.status().step() - before;
        backend.stopEpisode();
        assertEquals(sent, backend.status().recording().frames());
        assertEquals(1, backend.status().recording().episodes());
        LeRobotDatasetReader reader = LeRobotDatasetReader.open(dataset);
        List<StoredFrame> frames = reader.episode(0);
        assertEquals(sent, frames.size(), "one frame per action sent");
        assertEquals(List.of(task), reader.tasks());
        int driving = 0;
        for (int i = 0; i < frames.size(); i++) { // TELEOP starts still; then every action is the held drive
            StoredFrame frame = frames.get(i);
            float[] action = (float[]) frame.frame().values().get("action");
            if (driving > 0 || action[1] != 0) {
                assertArrayEquals(new float[] {0, STEP_M}, action, 1e-6f, "frame " + i);
                driving++;
            } else {
                assertArrayEquals(new float[] {0, 0}, action);
            }
            assertEquals(SHAPE.observation().stateDim(),
                    ((float[]) frame.frame().values().get("observation.state")).length);
        }
        assertTrue(driving >= 15, driving + " frames driving");
    }

    @Test
    void holdAndCloseStopTheRobotWithoutWaitingForAWatchdog() throws Exception {
        RobotLink link = link();
        SimRobotNode sim = simRobot(link, NO_WATCHDOG);
        RemoteTeleopBackend backend = backend(link, null, NO_WATCHDOG, null);
        driveRight(sim, backend);
        backend.setMode(Mode.HOLD);
        Waits.until("the hold command executed", () -> executes(sim, 0, 0));
        backend.setMode(Mode.TELEOP);
        backend.drive(0, -1);
        Waits.until("the robot moving down", () -> executes(sim, STEP_M, 0));
        backend.close();
        Waits.until("the stop command executed", () -> executes(sim, 0, 0));
        assertEquals(0, sim.limiter().counters().staleEvents(), "stopped by commands, not by the watchdog");
    }
}
