package dev.vla4j.nodes.web;

import dev.vla4j.nodes.control.ControllerNode;
import dev.vla4j.nodes.control.SimRobotNode;
import dev.vla4j.nodes.mqtt.CameraFrame;
import dev.vla4j.nodes.mqtt.MqttEndpoint;
import dev.vla4j.nodes.robot.SimStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The teleop page over running nodes (what {@code vla4j demo} serves): camera frames as any MQTT viewer receives
 * them, the simulated robot's status, the E-STOP latched on the robot side (whose limiter every command passes),
 * and recording of what the robot executed. The controller node drives; keyboard teleop is {@code vla4j teleop --sim}'s.
 */
public final class NodesTeleopBackend implements TeleopBackend {
    private static final List<String> STATE_NAMES = List.of("executed_dx", "executed_dy");
    private static final String NOTE = "demo: the controller node drives the robot; for keyboard teleop run "
            + "vla4j teleop --sim";

    private final SimRobotNode sim;
    private final ControllerNode controller;
    private final EpisodeRecorder recorder;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong frames = new AtomicLong();
    private final ScheduledExecutorService statusTimer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "demo-status");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param viewer  an MQTT client subscribed to nothing yet; the camera topic is subscribed here
     * @param record  dataset folder for recorded episodes, or null to refuse recording
     */
    public NodesTeleopBackend(SimRobotNode sim, ControllerNode controller, MqttEndpoint viewer, String cameraTopic,
                              String camera, int imageSize, Path record) {
        this.sim = sim;
        this.controller = controller;
        this.recorder = record == null ? null
                : new EpisodeRecorder(record, 10, "vla4j-sim-planar", camera, imageSize, imageSize, STATE_NAMES,
                List.of("dx", "dy"));
        viewer.subscribe(cameraTopic, 0, (topic, message) -> {
            CameraFrame frame = CameraFrame.fromMessage(camera, message);
            SimStatus status = sim.status();
            if (recorder != null && status != null) {
                recorder.add(frame.image(), status.executed(), status.executed());
            }
            CameraImage image = new CameraImage(frames.incrementAndGet(), frame.stampMs(), frame.image());
            listeners.forEach(listener -> listener.onFrame(image));
        });
        statusTimer.scheduleAtFixedRate(() -> {
            RobotStatus status = status();
            listeners.forEach(listener -> listener.onStatus(status));
        }, 100, 100, TimeUnit.MILLISECONDS);
    }

    @Override
    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    @Override
    public RobotStatus status() {
        SimStatus s = sim.status();
        boolean estop = sim.limiter().isEStopped();
        float[] executed = s == null ? new float[2] : s.executed();
        return new RobotStatus(controller.status() != null, estop ? Mode.HOLD : Mode.POLICY, estop,
                s == null ? "" : s.instruction(), executed, STATE_NAMES, s == null ? 0 : s.step(), null,
                recorder == null ? RecordingStatus.NONE : recorder.status(),
                NOTE + (s == null ? "" : String.format(" — %s/%s episode %d", s.suite(), s.task(), s.episode())));
    }

    /** Ignored: the controller node drives (see the class comment). */
    @Override
    public void drive(double right, double up) {
    }

    /** Ignored: the controller node's policy stays in charge; the E-STOP is the way to stop it. */
    @Override
    public void setMode(Mode mode) {
    }

    /** Ignored: the simulated robot's task sets the instruction. */
    @Override
    public void setInstruction(String text) {
    }

    @Override
    public void estop() {
        sim.limiter().engageEStop("operator pressed E-STOP on the web page");
    }

    @Override
    public void resetEstop() {
        sim.limiter().resetEStop();
    }

    @Override
    public void startEpisode() {
        requireRecorder().start(sim.status() == null ? "" : sim.status().instruction());
    }

    @Override
    public void stopEpisode() throws IOException {
        requireRecorder().stop();
    }

    @Override
    public void discardEpisode() {
        requireRecorder().discard();
    }

    private EpisodeRecorder requireRecorder() {
        if (recorder == null) {
            throw new IllegalStateException("recording is off: start the demo with --record DIR");
        }
        return recorder;
    }

    @Override
    public void close() {
        statusTimer.shutdownNow();
        if (recorder != null) {
            recorder.close();
        }
    }
}
