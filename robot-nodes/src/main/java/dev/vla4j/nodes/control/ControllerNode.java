package dev.vla4j.nodes.control;

import dev.vla4j.nodes.robot.ControllerStatus;
import dev.vla4j.nodes.robot.RemoteRobot;
import dev.vla4j.policy.Observation;
import dev.vla4j.policy.Policy;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code vla4j node controller}: observe → predict a chunk → execute, at a fixed rate, on a {@link RemoteRobot}
 * whose {@code send} passes every action through its safety limiter. Each step waits for a camera frame newer than
 * the last; without one (robot gone, broker down) it sends nothing, so the limiters' watchdogs hold. While the
 * e-stop is engaged the chunk queue is dropped. {@link #close} stops the loop and sends the hold command a few
 * times before disconnecting; a JVM shutdown hook should call it.
 */
public final class ControllerNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControllerNode.class);

    private final RemoteRobot robot;
    private final ControllerConfig config;
    private final ChunkedPolicy chunks;
    private final AtomicLong steps = new AtomicLong();
    private final ControlLoop loop;
    private volatile String mode = "waiting";
    private long lastStatusNanos;
    private long stepsAtLastStatus;
    private double loopHz;

    private ControllerNode(RemoteRobot robot, Policy policy, ControllerConfig config) {
        this.robot = robot;
        this.config = config;
        this.chunks = new ChunkedPolicy(policy, config.executeSteps());
        this.loop = new ControlLoop("controller-" + config.policyName(), config.rateHz(), LOG, "the control step",
                this::step, e -> {
                    mode = "waiting";
                    chunks.reset();
                }, this::publishStatusWhenDue);
    }

    /**
     * Connects {@code robot} (which refuses when another controller owns the action topic) and starts the loop.
     */
    public static ControllerNode start(RemoteRobot robot, Policy policy, ControllerConfig config) throws Exception {
        ControllerNode node = new ControllerNode(robot, policy, config);
        robot.connect();
        node.lastStatusNanos = System.nanoTime();
        node.loop.start();
        return node;
    }

    private void step() throws Exception {
        Observation observation;
        try {
            observation = robot.observe();
        } catch (TimeoutException e) {
            mode = "waiting";
            chunks.reset();
            throw e;
        }
        if (robot.isEStopped()) {
            mode = "estop";
            chunks.reset();
            return;
        }
        robot.send(chunks.nextAction(observation));
        steps.incrementAndGet();
        mode = "running";
    }

    private void publishStatusWhenDue() {
        long now = System.nanoTime();
        long elapsed = now - lastStatusNanos;
        if (elapsed < config.statusPeriod().toNanos()) {
            return;
        }
        long count = steps.get();
        loopHz = (count - stepsAtLastStatus) * 1e9 / elapsed;
        stepsAtLastStatus = count;
        lastStatusNanos = now;
        try {
            robot.publishStatus(status());
        } catch (RuntimeException e) {
            LOG.debug("could not publish the controller status: {}", e.toString());
        }
    }

    /** The controller's status now. */
    public ControllerStatus status() {
        return ControllerStatus.now(config.policyName(), loop.running() ? mode : "stopped", steps.get(),
                chunks.predictMs(), loopHz, robot.rejectedCount());
    }

    /** Actions sent so far. */
    public long steps() {
        return steps.get();
    }

    /** Stops the loop, then sends the hold command a few times and disconnects (the explicit stop). */
    @Override
    public void close() throws Exception {
        loop.stop(Duration.ofSeconds(5)); // a step ends within the observe timeout
        robot.disconnect();
        LOG.info("controller stopped after {} steps", steps.get());
    }
}
