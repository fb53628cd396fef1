package dev.vla4j.nodes.control;

import dev.vla4j.nodes.robot.RobotLink;
import dev.vla4j.nodes.robot.RobotPort;
import dev.vla4j.nodes.robot.RobotShape;
import dev.vla4j.nodes.robot.SimStatus;
import dev.vla4j.nodes.safety.SafetyLimiter;
import dev.vla4j.nodes.safety.SafetyLimits;
import dev.vla4j.policy.RgbImage;
import dev.vla4j.policy.Robot;
import dev.vla4j.sim.EnvConfig;
import dev.vla4j.sim.Observation;
import dev.vla4j.sim.StepResult;
import dev.vla4j.sim.TableEnv;
import dev.vla4j.sim.experts.PushExpert;
import dev.vla4j.sim.tasks.Suite;
import dev.vla4j.sim.tasks.Suites;
import dev.vla4j.sim.tasks.TaskSpec;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code vla4j node sim-robot}: a {@link TableEnv} exposed as a robot on a {@link RobotPort}. Each control step it
 * applies the action its own {@link SafetyLimiter} gives (the latest command while fresh; hold = no motion once
 * commands stop for the watchdog period, on e-stop, or before the first command), steps the simulator and
 * publishes the expert's suggestion (if enabled), the camera frame with the state ({ee x, ee y, vx, vy}) and its
 * {@link SimStatus}; a new instruction is published latched. When an episode ends it starts the next one.
 */
public final class SimRobotNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SimRobotNode.class);
    private static final String PRIMARY_CAMERA = "primary";

    private final SimRobotConfig config;
    private final Suite suite;
    private final List<TaskSpec> tasks;
    private final SafetyLimiter limiter;
    private final PushExpert expert = new PushExpert();
    private final RobotPort port;
    private final AtomicLong commands = new AtomicLong();
    private final ControlLoop loop;
    private volatile SimStatus lastStatus;
    private TableEnv env;
    private long episode;
    private int step;
    private boolean done;
    private boolean success;
    private String instruction;
    private Observation observation;

    private SimRobotNode(SimRobotConfig config, RobotLink link) throws IOException {
        this.config = config;
        this.suite = Suites.byName(config.suite());
        this.tasks = config.task() == null ? suite.tasks() : List.of(suite.task(config.task()));
        RobotShape shape = shape(config.env());
        this.limiter = SafetyLimiter.onSystemClock(SafetyLimits.of(shape.action()).withStaleAfter(config.staleAfter()));
        this.port = link.robotPort(shape, new RobotPort.Commands() {
            @Override
            public void action(float[] action) {
                commands.incrementAndGet();
                limiter.command(action);
            }

            @Override
            public void estop(boolean engaged, String reason) {
                if (engaged) {
                    limiter.engageEStop(reason);
                } else {
                    limiter.resetEStop();
                }
            }
        });
        this.episode = config.firstSeed() - 1;
        this.loop = new ControlLoop("sim-robot-" + config.suite(), config.rateHz(), LOG,
                "publishing the simulated robot's state", this::tick, e -> { }, () -> { });
    }

    /** Opens the port and starts stepping at the configured rate. */
    public static SimRobotNode start(SimRobotConfig config, RobotLink link) throws IOException {
        SimRobotNode node = new SimRobotNode(config, link);
        node.loop.start();
        return node;
    }

    /** The simulator as a robot: a square RGB camera, state {ee x, ee y, vx, vy}, action {dx, dy} in ±0.1 m. */
    public static RobotShape shape(EnvConfig env) {
        float max = (float) TableEnv.MAX_DELTA_M;
        return new RobotShape(new Robot.ObservationSpec(Map.of(PRIMARY_CAMERA, new int[] {env.imageSize(),
            env.imageSize()}), Observation.PROPRIO_DIM), new Robot.ActionSpec(new float[] {-max, -max},
                new float[] {max, max}));
    }

    /** One control step: next episode if needed, apply the limiter's output, publish. */
    private void tick() {
        if (env == null || done && config.autoReset()) {
            startEpisode();
        }
        float[] action = limiter.output();
        String mode = limiter.isEStopped() ? "estop" : limiter.isHolding() ? "holding" : "running";
        float[] executed = new float[action.length];
        if (!done) {
            StepResult result = env.step(action);
            observation = result.observation();
            executed = action;
            step++;
            done = result.done();
            success = result.success();
            if (done) {
                LOG.info("episode {} of {} ended after {} steps: {}", episode, env.task().name(), step,
                        success ? "success" : "failure");
            }
        }
        publish(mode, executed);
    }

    private void startEpisode() {
        episode++;
        TaskSpec task = tasks.get((int) Math.floorMod(episode - config.firstSeed(), (long) tasks.size()));
        env = new TableEnv(suite, task, config.split(), config.env());
        observation = env.reset(episode);
        step = 0;
        done = false;
        success = false;
        instruction = null;
        LOG.info("episode {}: task {}, '{}'", episode, task.name(), observation.instruction());
    }

    private void publish(String mode, float[] executed) {
        if (!observation.instruction().equals(instruction)) {
            instruction = observation.instruction();
            port.publishInstruction(instruction);
        }
        if (config.publishExpert() && !done) {
            port.publishExpertAction(expert.act(observation, env.state()));
        }
        port.publishObservation(new RgbImage(observation.width(), observation.height(), observation.rgb()),
                observation.proprio(), System.currentTimeMillis());
        lastStatus = SimStatus.now(suite.name(), env.task().name(), instruction, episode, step, done, success, mode,
                executed, commands.get(), port.rejectedCount());
        port.publishStatus(lastStatus);
    }

    /** The latest status published (null before the first step). */
    public SimStatus status() {
        return lastStatus;
    }

    /** Commands received (well-formed ones; the limiter may still have held). */
    public long commandsReceived() {
        return commands.get();
    }

    public SafetyLimiter limiter() {
        return limiter;
    }

    public RobotPort port() {
        return port;
    }

    /** Stops stepping (the robot holds) and closes the port. */
    @Override
    public void close() throws InterruptedException {
        limiter.stop();
        loop.stop(Duration.ofSeconds(5));
        port.close();
    }
}
