package dev.vla4j.nodes.web.remote;

import dev.vla4j.nodes.control.ChunkedPolicy;
import dev.vla4j.nodes.control.ControlLoop;
import dev.vla4j.nodes.robot.RemoteRobot;
import dev.vla4j.nodes.web.CameraImage;
import dev.vla4j.nodes.web.EpisodeRecorder;
import dev.vla4j.nodes.web.Mode;
import dev.vla4j.nodes.web.OperatorInputs;
import dev.vla4j.nodes.web.PlanarDrive;
import dev.vla4j.nodes.web.PredictedChunk;
import dev.vla4j.nodes.web.RecordingStatus;
import dev.vla4j.nodes.web.RobotStatus;
import dev.vla4j.nodes.web.TeleopBackend;
import dev.vla4j.policy.Observation;
import dev.vla4j.policy.Policy;
import dev.vla4j.policy.RgbImage;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A robot over ROS 1 or MQTT ({@link RemoteRobot}) as a {@link TeleopBackend}: the page is the robot's controller.
 * A control thread at a fixed rate waits for a newer observation, forwards its frame and the status, and sends
 * (through the robot's safety limiter) the operator's drive command in {@link Mode#TELEOP}, the policy's next
 * action in {@link Mode#POLICY} (with the page's instruction, when one was set, instead of the robot's), and in
 * {@link Mode#HOLD} nothing after one hold command. The e-stop is the robot's: the page's E-STOP latches this
 * side's limiter and publishes an engage on the e-stop topic, and an engage from elsewhere holds the page too.
 * Without a new frame within the robot's observe timeout the robot shows as offline, nothing is sent (its
 * watchdog holds) and the page falls back to {@link Mode#HOLD}; frames resume when the robot returns, and it moves
 * again only when the operator chooses a mode. Recording keeps the steps that sent an action: the frame, the
 * state the step started from and the action actually sent. {@link #close} stops the loop, then disconnects,
 * which sends the explicit stop.
 */
public final class RemoteTeleopBackend implements TeleopBackend {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteTeleopBackend.class);

    private final RemoteRobot robot;
    private final RemoteTeleopSettings settings;
    private final ChunkedPolicy policy;
    private final EpisodeRecorder recorder;
    private final List<String> stateNames;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final ControlLoop loop;

    private final OperatorInputs inputs = new OperatorInputs(null); // no instruction: the robot's topic's
    private long sent; // actions sent, also the number of recorded steps: guarded by this
    // Owned by the control thread; published through status().
    private boolean commanding;
    private String lastInstruction = "";
    private long frameSeq;
    private volatile Seen seen;
    private volatile String fault = ""; // why the latest step failed, "" once one succeeds

    /** What the control thread last saw, to build statuses from any thread. */
    private record Seen(boolean alive, float[] state, float[] lastAction, PredictedChunk chunk) {}

    private RemoteTeleopBackend(RemoteRobot robot, Policy policy, RemoteTeleopSettings settings) {
        this.robot = robot;
        this.settings = settings;
        this.policy = new ChunkedPolicy(policy, settings.executeSteps());
        int stateDim = robot.observationSpec().stateDim();
        int actionDim = robot.actionSpec().dim();
        this.stateNames = names("state_", stateDim);
        this.seen = new Seen(false, new float[stateDim], new float[actionDim], null);
        if (settings.dataset() == null) {
            this.recorder = null;
        } else {
            var camera = robot.observationSpec().cameras().entrySet().iterator().next();
            this.recorder = new EpisodeRecorder(settings.dataset(), (int) Math.round(settings.rateHz()),
                    "vla4j-remote", camera.getKey(), camera.getValue()[0], camera.getValue()[1], stateNames,
                    names("action_", actionDim));
        }
        this.loop = new ControlLoop("remote-teleop-control", settings.rateHz(), LOG, "the teleop control step",
                this::step, e -> { // a failing policy or a broken link: this step sends nothing more
                    this.policy.reset();
                    fault = "control step failed: " + e.getMessage();
                }, this::publishStatus);
    }

    /**
     * Connects {@code robot} (refused with {@link dev.vla4j.nodes.robot.CommandTopicBusyException} while another
     * controller owns its action topic) and starts the control loop in {@link Mode#HOLD}.
     *
     * @param policy what drives in {@link Mode#POLICY}
     */
    public static RemoteTeleopBackend start(RemoteRobot robot, Policy policy, RemoteTeleopSettings settings)
            throws Exception {
        RemoteTeleopBackend backend = new RemoteTeleopBackend(robot, policy, settings);
        robot.connect();
        backend.loop.start();
        return backend;
    }

    private static List<String> names(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
    }

    @Override
    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    @Override
    public synchronized RobotStatus status() {
        Seen s = seen;
        String pageInstruction = inputs.instruction();
        String note = inputs.note();
        Mode mode = inputs.mode();
        String instruction = pageInstruction != null ? pageInstruction : robot.instruction();
        String details = String.format("%s · instruction from %s · last action sent %s · %d rejected%s%s",
                s.alive() ? "robot alive" : "robot offline: no new frame, sending nothing",
                pageInstruction != null ? "this page (overrides the robot's instruction topic)"
                        : "the robot's instruction topic", format(s.lastAction()), robot.rejectedCount(),
                fault.isEmpty() ? "" : " · " + fault, note.isEmpty() ? "" : " · " + note);
        return new RobotStatus(s.alive(), mode, robotEStopped(), instruction, s.state(), stateNames, sent,
                mode == Mode.POLICY ? s.chunk() : null,
                recorder == null ? RecordingStatus.NONE : recorder.status(), details);
    }

    private static String format(float[] action) {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < action.length; i++) {
            text.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3f", action[i]));
        }
        return text.append(']').toString();
    }

    /** The robot side's latch; after {@link #close} (no connection any more) it reads as not engaged. */
    private boolean robotEStopped() {
        try {
            return robot.isEStopped();
        } catch (IllegalStateException e) {
            return false;
        }
    }

    @Override
    public void drive(double right, double up) {
        inputs.drive(right, up);
    }

    @Override
    public void setMode(Mode next) {
        if (next == Mode.TELEOP && robot.actionSpec().dim() != 2) {
            throw new IllegalStateException("keyboard teleop drives planar robots (2 action values); this robot "
                    + "takes " + robot.actionSpec().dim());
        }
        inputs.setMode(next, robotEStopped()); // a latch engaged meanwhile: the step holds, the gate sends nothing
        publishStatus();
    }

    @Override
    public void setInstruction(String text) {
        inputs.setInstruction(text);
        publishStatus();
    }

    @Override
    public void estop() {
        inputs.hold("E-STOP latched");
        try {
            robot.engageEStop("operator pressed E-STOP on the teleop page");
        } catch (RuntimeException e) { // this side is latched before anything is published
            LOG.warn("e-stop latched here, but publishing it to the robot failed: {}", e.toString());
            inputs.note("E-STOP latched here; the robot did not get it (" + e.getMessage() + "): its watchdog holds");
        }
        publishStatus();
    }

    @Override
    public void resetEstop() {
        robot.releaseEStop("operator reset the e-stop on the teleop page");
        inputs.hold("e-stop reset: holding");
        publishStatus();
    }

    @Override
    public void startEpisode() {
        synchronized (this) {
            EpisodeRecorder.required(recorder).start(status().instruction());
        }
        publishStatus();
    }

    @Override
    public void stopEpisode() throws IOException {
        long index;
        synchronized (this) {
            index = EpisodeRecorder.required(recorder).stop();
            inputs.note("episode " + index + " saved");
        }
        publishStatus();
    }

    @Override
    public void discardEpisode() {
        EpisodeRecorder.required(recorder).discard();
        publishStatus();
    }

    /** One control step: a newer observation, the frame to the pages, then what the mode says to send. */
    private void step() throws Exception {
        Observation observation;
        try {
            observation = robot.observe();
        } catch (TimeoutException e) {
            policy.reset();
            commanding = false;
            if (inputs.mode() != Mode.HOLD) { // the operator re-arms a robot that comes back; it never just resumes
                inputs.hold("robot went offline: holding until a mode is chosen again");
            }
            Seen s = seen;
            seen = new Seen(false, s.state(), s.lastAction(), null);
            fault = "";
            return;
        }
        RgbImage image = observation.primaryImage();
        CameraImage frame = new CameraImage(++frameSeq, robot.latestFrameStampMs(), image);
        listeners.forEach(l -> l.onFrame(frame));
        if (robot.isEStopped() && inputs.mode() != Mode.HOLD) {
            inputs.hold("e-stop engaged on the robot's e-stop topic");
        }
        OperatorInputs.Snapshot now = inputs.snapshot();
        String instruction = now.instruction() != null ? now.instruction() : observation.instruction();
        float[] action = robot.isEStopped() ? null : decide(now.mode(), now.drive(),
                new Observation(observation.images(), observation.state(), instruction));
        float[] lastAction = seen.lastAction();
        if (action == null) {
            if (commanding) {
                robot.hold(); // at once, rather than when the watchdog notices
            }
            commanding = false;
        } else {
            lastAction = robot.send(action);
            commanding = true;
            synchronized (this) { // with start/stop of an episode: its frames are exactly the actions sent
                sent++;
                if (recorder != null) {
                    recorder.add(image, observation.state(), lastAction);
                }
            }
        }
        seen = new Seen(true, observation.state(), lastAction, chunkMade());
        fault = "";
    }

    /** The action to send in mode {@code now}, or null to send nothing. */
    private float[] decide(Mode now, PlanarDrive command, Observation observation) {
        if (now != Mode.POLICY || !observation.instruction().equals(lastInstruction)) {
            policy.reset(); // a new instruction takes effect at once, not after the chunk
            lastInstruction = observation.instruction();
        }
        return switch (now) {
            case TELEOP -> command.action(settings.topSpeed() / settings.rateHz());
            case POLICY -> policy.nextAction(observation);
            case HOLD -> null;
        };
    }

    /** The chunk the policy made this step, else the one being executed (the page plots it; no image overlay). */
    private PredictedChunk chunkMade() {
        ChunkedPolicy.Made made = policy.takeNew();
        if (made == null) {
            return policy.executing() ? seen.chunk() : null;
        }
        return new PredictedChunk(made.at(), made.chunk().actions(), null, made.ms());
    }

    private void publishStatus() {
        RobotStatus status = status();
        listeners.forEach(l -> l.onStatus(status));
    }

    /** Stops the control loop, then disconnects from the robot, which sends it the explicit stop. */
    @Override
    public void close() {
        try {
            loop.stop(Duration.ofSeconds(10)); // a step ends within the observe timeout
            robot.disconnect();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("disconnecting from the robot failed: {}", e.toString());
        } finally {
            if (recorder != null) {
                recorder.close();
            }
        }
    }
}
