package dev.vla4j.nodes.control;

import dev.vla4j.nodes.robot.RemoteRobot;
import dev.vla4j.nodes.robot.RobotLink;
import dev.vla4j.nodes.robot.RobotPort;
import dev.vla4j.nodes.robot.RobotShape;
import dev.vla4j.nodes.safety.SafetyLimits;
import dev.vla4j.policy.ActionChunk;
import dev.vla4j.policy.Policy;
import dev.vla4j.policy.RgbImage;
import dev.vla4j.policy.Robot;
import dev.vla4j.sim.EnvConfig;
import dev.vla4j.sim.Observation;
import dev.vla4j.sim.Split;
import dev.vla4j.sim.TableEnv;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Camera-in to action-out latency through a real master or broker, in one process: a robot end publishes a
 * simulator frame with the state {frame number, 0} at a fixed rate and notes when; a {@link ControllerNode} (frame
 * driven, its limiter wide open) runs a policy that echoes the frame number as its action; the robot end measures
 * when the action for each frame arrives back. Both legs cross the transport, as with a remote robot.
 */
public final class LoopBench {
    private static final float WIDE = 1e7f;

    /** What one run measured: per-frame latencies of the frames answered, and the frames published. */
    public record Result(double cameraHz, int imageSize, int framesPublished, double[] latenciesMs, double seconds) {
        /** Actions received back per second. */
        public double sustainedHz() {
            return latenciesMs.length / seconds;
        }
    }

    private LoopBench() {}

    /** Runs for {@code warmup} (not measured) and then {@code duration}; {@code link} must not be in use. */
    public static Result run(RobotLink link, int imageSize, double cameraHz, Duration warmup, Duration duration)
            throws Exception {
        RobotShape shape = new RobotShape(new Robot.ObservationSpec(Map.of("primary", new int[] {imageSize,
            imageSize}), 2), new Robot.ActionSpec(new float[] {-WIDE, -WIDE}, new float[] {WIDE, WIDE}));
        Map<Long, Long> publishedAt = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
        AtomicLong measuredFrom = new AtomicLong(Long.MAX_VALUE); // first measured frame
        RobotPort.Commands commands = new RobotPort.Commands() {
            @Override
            public void action(float[] action) {
                long now = System.nanoTime();
                long frame = Math.round(action[0]);
                Long sent = publishedAt.remove(frame);
                if (sent != null && frame >= measuredFrom.get()) {
                    latencies.add((now - sent) / 1e6);
                }
            }

            @Override
            public void estop(boolean engaged, String reason) {}
        };
        RgbImage frame = simulatorFrame(imageSize);
        float[] wideStep = new float[2];
        Arrays.fill(wideStep, Float.POSITIVE_INFINITY);
        SafetyLimits limits = new SafetyLimits(shape.action().low(), shape.action().high(), wideStep, new float[2],
                SafetyLimits.DEFAULT_STALE_AFTER);
        Policy echo = observation -> new ActionChunk(new float[][] {{observation.state()[0], 0}});
        int published = 0;
        double seconds;
        try (RobotPort port = link.robotPort(shape, commands)) {
            RemoteRobot robot = link.controller(shape, limits, Duration.ofSeconds(1));
            try (ControllerNode controller = ControllerNode.start(robot, echo,
                    new ControllerConfig("echo", 1000, 1, Duration.ofSeconds(1)))) {
                FixedRate rate = new FixedRate(cameraHz);
                long warmupEnd = System.nanoTime() + warmup.toNanos();
                long end = warmupEnd + duration.toNanos();
                long start = 0;
                for (long id = 1; System.nanoTime() < end; id++) {
                    if (measuredFrom.get() == Long.MAX_VALUE && System.nanoTime() >= warmupEnd) {
                        measuredFrom.set(id);
                        start = System.nanoTime();
                    }
                    publishedAt.put(id, System.nanoTime());
                    port.publishObservation(frame, new float[] {id, 0}, System.currentTimeMillis());
                    published += id >= measuredFrom.get() ? 1 : 0;
                    rate.await();
                }
                seconds = (System.nanoTime() - start) / 1e9;
                Thread.sleep(200); // answers to the last frames still in flight
            }
        }
        return new Result(cameraHz, imageSize, published, latencies.stream().mapToDouble(Double::doubleValue)
                .toArray(), seconds);
    }

    private static RgbImage simulatorFrame(int imageSize) {
        TableEnv env = new TableEnv("langtable-spatial", "block-to-center", Split.HELD_IN,
                EnvConfig.DEFAULT.withImageSize(imageSize));
        Observation observation = env.reset(0);
        return new RgbImage(observation.width(), observation.height(), observation.rgb());
    }
}
