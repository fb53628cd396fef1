package dev.vla4j.nodes.web.sim;

import dev.vla4j.nodes.web.CameraImage;
import dev.vla4j.nodes.web.EpisodeRecorder;
import dev.vla4j.nodes.control.ChunkedPolicy;
import dev.vla4j.nodes.web.Mode;
import dev.vla4j.nodes.web.OperatorInputs;
import dev.vla4j.nodes.web.PredictedChunk;
import dev.vla4j.nodes.web.RecordingStatus;
import dev.vla4j.nodes.web.RobotStatus;
import dev.vla4j.nodes.web.TeleopBackend;
import dev.vla4j.policy.Policy;
import dev.vla4j.policy.RgbImage;
import dev.vla4j.sim.Observation;
import dev.vla4j.sim.StepResult;
import dev.vla4j.sim.TableEnv;
import dev.vla4j.sim.physics.PlanarWorld;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator in process as a {@link TeleopBackend}: a {@link TableEnv} stepped at 10 Hz on its own thread, by
 * the operator's velocity ({@link Mode#TELEOP}), by a policy ({@link Mode#POLICY}) or not at all ({@link Mode#HOLD},
 * and while the e-stop is latched, which is checked right before every step). The camera publishes a frame every
 * control period, also while the robot holds. When an episode of the environment ends, the next seed starts (and
 * an episode being recorded is committed). Used by {@code vla4j teleop --sim} and by the web UI's tests.
 */
public final class SimTeleopBackend implements TeleopBackend {
    private static final Logger LOG = LoggerFactory.getLogger(SimTeleopBackend.class);
    private static final List<String> STATE_NAMES = List.of("ee_x", "ee_y", "ee_vx", "ee_vy");
    private static final int FPS = (int) Math.round(1 / PlanarWorld.CONTROL_PERIOD_S);

    /**
     * @param topSpeed     the end effector's speed at full teleop command, m/s
     * @param executeSteps actions of each chunk executed before the policy is asked again
     * @param dataset      where recorded episodes go (a new folder), or null to record nothing
     */
    public record Settings(long seed, double topSpeed, int executeSteps, Path dataset) {
        public Settings {
            if (!(topSpeed > 0 && topSpeed * PlanarWorld.CONTROL_PERIOD_S <= TableEnv.MAX_DELTA_M)) {
                throw new IllegalArgumentException("the teleop top speed must be in (0, "
                        + TableEnv.MAX_DELTA_M / PlanarWorld.CONTROL_PERIOD_S + "] m/s, got " + topSpeed);
            }
            if (executeSteps <= 0) {
                throw new IllegalArgumentException("execute at least one action per chunk, got " + executeSteps);
            }
        }
    }

    private final TableEnv env;
    private final Settings settings;
    private final ChunkedPolicy policy;
    private final EpisodeRecorder recorder;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService loop;

    private final OperatorInputs inputs;
    private boolean estop; // guarded by this, with the mode changes that depend on it
    // Owned by the control thread; published through status().
    private Observation current;
    private long seed;
    private long frameSeq;
    private volatile RobotStatusParts parts;

    /** What the control thread last saw, to build statuses from any thread. */
    private record RobotStatusParts(float[] state, long step, PredictedChunk chunk) {}

    /**
     * Starts the control loop at once, in {@link Mode#HOLD}.
     *
     * @param policyFor makes the policy for the environment (an {@link ExpertPolicy} reads its privileged state)
     */
    public SimTeleopBackend(TableEnv env, Settings settings, Function<TableEnv, Policy> policyFor) {
        this.env = env;
        this.settings = settings;
        this.seed = settings.seed();
        this.current = env.reset(seed);
        this.inputs = new OperatorInputs(current.instruction());
        this.policy = new ChunkedPolicy(policyFor.apply(env), settings.executeSteps());
        this.recorder = settings.dataset() == null ? null : new EpisodeRecorder(settings.dataset(), FPS,
                "vla4j-sim-planar", "top", current.width(), current.height(), STATE_NAMES, List.of("dx", "dy"));
        this.parts = new RobotStatusParts(current.proprio(), 0, null);
        this.loop = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "sim-teleop-control"));
        long periodMs = Math.round(PlanarWorld.CONTROL_PERIOD_S * 1000);
        loop.scheduleAtFixedRate(this::tick, 0, periodMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    @Override
    public synchronized RobotStatus status() {
        RobotStatusParts p = parts;
        RecordingStatus recording = recorder == null ? RecordingStatus.NONE : recorder.status();
        Mode mode = inputs.mode();
        return new RobotStatus(true, mode, estop, inputs.instruction(), p.state(), STATE_NAMES, p.step(),
                mode == Mode.POLICY ? p.chunk() : null, recording, inputs.note());
    }

    @Override
    public void drive(double right, double up) {
        inputs.drive(right, up);
    }

    @Override
    public void setMode(Mode next) {
        synchronized (this) {
            inputs.setMode(next, estop);
        }
        publishStatus();
    }

    @Override
    public void setInstruction(String text) {
        inputs.setInstruction(text);
        publishStatus();
    }

    @Override
    public void estop() {
        synchronized (this) {
            estop = true;
            inputs.hold("E-STOP latched");
        }
        LOG.warn("e-stop latched");
        publishStatus();
    }

    @Override
    public void resetEstop() {
        synchronized (this) {
            if (!estop) {
                return;
            }
            estop = false;
            inputs.note("e-stop reset: holding");
        }
        LOG.info("e-stop reset");
        publishStatus();
    }

    @Override
    public void startEpisode() {
        EpisodeRecorder.required(recorder).start(inputs.instruction());
        publishStatus();
    }

    @Override
    public void stopEpisode() throws IOException {
        long index = EpisodeRecorder.required(recorder).stop();
        inputs.note("episode " + index + " saved");
        publishStatus();
    }

    @Override
    public void discardEpisode() {
        EpisodeRecorder.required(recorder).discard();
        publishStatus();
    }

    /** One control period: decide, check the latch, step, record, publish the frame and the status. */
    private void tick() {
        try {
            Observation before = current;
            float[] action = decide(before);
            synchronized (this) {
                if (estop || inputs.mode() == Mode.HOLD) {
                    action = null;
                }
            }
            if (action != null) {
                step(before, action);
            }
            publishFrame();
            publishStatus();
        } catch (RuntimeException e) {
            LOG.error("sim control step failed; holding", e);
            inputs.hold("control step failed: " + e.getMessage());
        }
    }

    private float[] decide(Observation before) {
        OperatorInputs.Snapshot now = inputs.snapshot();
        if (now.mode() != Mode.POLICY) {
            policy.reset();
        }
        if (now.mode() == Mode.TELEOP) {
            return now.drive().action(settings.topSpeed() * PlanarWorld.CONTROL_PERIOD_S);
        }
        if (now.mode() == Mode.POLICY) {
            RgbImage image = new RgbImage(before.width(), before.height(), before.rgb());
            return policy.nextAction(new dev.vla4j.policy.Observation(Map.of("top", image), before.proprio(),
                    now.instruction()));
        }
        return null;
    }

    private void step(Observation before, float[] action) {
        StepResult result = env.step(action);
        current = result.observation();
        float[] s0 = before.proprio();
        float[] s1 = current.proprio();
        float[] applied = {s1[Observation.EE_X] - s0[Observation.EE_X], s1[Observation.EE_Y] - s0[Observation.EE_Y]};
        if (recorder != null) {
            recorder.add(new RgbImage(before.width(), before.height(), before.rgb()), s0, applied);
        }
        RobotStatusParts p = parts;
        parts = new RobotStatusParts(s1, p.step() + 1, chunkAfter(before));
        if (result.done()) {
            endOfEpisode(result.success());
        }
    }

    /** A chunk the policy just made for {@code before}, its path drawn from there; else the chunk being executed. */
    private PredictedChunk chunkAfter(Observation before) {
        ChunkedPolicy.Made made = policy.takeNew();
        if (made == null) {
            return policy.executing() ? parts.chunk() : null;
        }
        float[][] actions = made.chunk().actions();
        double[][] pixels = new double[actions.length][];
        double x = before.proprio()[Observation.EE_X];
        double y = before.proprio()[Observation.EE_Y];
        for (int k = 0; k < actions.length; k++) {
            double[] next = EffectorMotion.after(x, y, actions[k]);
            x = next[0];
            y = next[1];
            pixels[k] = env.projectToPixel(x, y);
        }
        return new PredictedChunk(made.at(), actions, pixels, made.ms());
    }

    private void endOfEpisode(boolean success) {
        String outcome = success ? "succeeded" : "ran out of steps";
        String saved = "";
        if (recorder != null && recorder.status().active()) {
            try {
                saved = "; episode " + recorder.stop() + " saved";
            } catch (IOException | IllegalStateException e) {
                saved = "; saving the episode failed: " + e.getMessage();
            }
        }
        current = env.reset(++seed);
        policy.reset();
        inputs.setInstruction(current.instruction());
        inputs.note("sim episode " + outcome + saved + "; new scene (seed " + seed + ")");
    }

    private void publishFrame() {
        CameraImage frame = new CameraImage(++frameSeq, System.currentTimeMillis(),
                new RgbImage(current.width(), current.height(), current.rgb()));
        listeners.forEach(l -> l.onFrame(frame));
    }

    private void publishStatus() {
        RobotStatus status = status();
        listeners.forEach(l -> l.onStatus(status));
    }

    @Override
    public void close() {
        loop.shutdownNow();
        try {
            loop.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (recorder != null) {
            recorder.close();
        }
    }
}
