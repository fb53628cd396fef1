package dev.vla4j.nodes.mqtt;

import dev.vla4j.policy.Observation;
import dev.vla4j.policy.RgbImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The controller's view of one robot over MQTT: the latest camera frames, joint states and status as they
 * arrive, and commands to send (actions, e-stop, instructions). Transport only: limits, slew and watchdog
 * belong to the safety layer in front of {@link #sendAction}.
 *
 * <p>The link announces itself {@code ONLINE} on {@code controller/connection}, {@code OFFLINE} on
 * {@link #close()}, and registers {@code CONNECTION_BROKEN} there as its last will, so the robot learns when the
 * controller dies. Incoming messages that are malformed, of the wrong length, stale, or too large are logged and
 * counted ({@link #rejectedCount()}), never delivered.
 */
public final class MqttRobotLink implements AutoCloseable {
    /**
     * Hears of each camera frame and joint state before the link stores it, on the endpoint's handler thread; it may
     * refuse one by throwing an {@link MqttPayloadException}, which is then logged, counted and not stored.
     */
    public interface Listener {
        default void frame(CameraFrame frame) {}

        default void jointStates(JointStates state) {}
    }

    private final RobotSession session;
    private final MqttTopics topics;
    private final AtomicLong nextSeq = new AtomicLong();
    private final Map<String, CameraFrame> frames = new ConcurrentHashMap<>();
    private final Map<String, CameraInfo> cameraInfos = new ConcurrentHashMap<>();
    private final AtomicReference<JointStates> jointStates = new AtomicReference<>();
    private final AtomicReference<RobotStatus> status = new AtomicReference<>();
    private final AtomicReference<ConnectionState> robotConnection = new AtomicReference<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    private MqttRobotLink(RobotSession session) {
        this.session = session;
        this.topics = session.config.topics();
    }

    /** Connects to the broker and subscribes to the robot's state, status, connection and cameras. */
    public static MqttRobotLink connect(MqttEndpoint.Options options, MqttRobotConfig config) {
        MqttRobotLink link = new MqttRobotLink(
                RobotSession.open(options, config, config.topics().controllerConnection()));
        try {
            link.subscribeAll();
        } catch (RuntimeException e) {
            link.close();
            throw e;
        }
        return link;
    }

    /** The client id a controller of {@code topics}' robot uses by default. */
    public static String defaultClientId(MqttTopics topics) {
        return "vla4j-controller-" + topics.robotId();
    }

    private void subscribeAll() {
        MqttRobotConfig config = session.config;
        session.subscribeJson(topics.jointStates(), 0, JointStates::fromJson, (topic, state) -> {
            MqttRobotConfig.requireLength("joint_states position", state.position(), config.stateDim());
            listeners.forEach(listener -> listener.jointStates(state));
            jointStates.set(state);
        });
        session.subscribeJson(topics.status(), 1, RobotStatus::fromJson, (topic, robotStatus) -> status.set(robotStatus));
        session.subscribeJson(topics.robotConnection(), 1, ConnectionState::fromJson,
                (topic, state) -> robotConnection.set(state));
        session.subscribeJson(topics.allCameraInfos(), 1, CameraInfo::fromJson,
                (topic, info) -> cameraInfos.put(knownCamera(topic), info));
        session.endpoint.subscribe(topics.allCameraImages(), 0, (topic, message) -> {
            String camera = knownCamera(topic);
            CameraFrame frame = CameraFrame.fromMessage(camera, message);
            listeners.forEach(listener -> listener.frame(frame));
            frames.put(camera, frame);
        });
    }

    private String knownCamera(String topic) {
        String camera = topics.cameraOf(topic).orElseThrow(() -> new MqttPayloadException("not a camera topic"));
        if (!session.config.cameras().contains(camera)) {
            throw new MqttPayloadException("unknown camera '" + camera + "'; expected one of "
                    + session.config.cameras());
        }
        return camera;
    }

    /**
     * Sends one action at QoS 0 with {@code ttl_ms} and an MQTT message expiry of the configured ttl, and returns
     * what was sent. A wrong length or a non-finite value is an {@link IllegalArgumentException}; a lost
     * connection an {@link MqttTransportException} (nothing is buffered to be sent late).
     */
    public ActionCommand sendAction(float[] action) {
        if (action.length != session.config.actionDim()) {
            throw new IllegalArgumentException("action has " + action.length + " values, the robot takes "
                    + session.config.actionDim());
        }
        ActionCommand command = ActionCommand.now(nextSeq.getAndIncrement(), action, session.config.ttl());
        session.publish(topics.action(), command, 0, session.config.ttl());
        return command;
    }

    /**
     * Engages the robot's software stop: QoS 1 and retained, so a robot that connects later stops as well; it
     * is published again after a reconnect until {@link #releaseEStop}. Not a safety-rated emergency stop.
     */
    public EStopCommand engageEStop(String reason) {
        EStopCommand engage = EStopCommand.engage(reason);
        session.publishRetained(topics.estop(), engage);
        return engage;
    }

    /** Releases the software stop with a fresh, expiring, non-retained QoS 1 command, and clears the retained engage. */
    public EStopCommand releaseEStop(String reason) {
        EStopCommand release = EStopCommand.release(reason, session.config.ttl());
        session.publish(topics.estop(), release, 1, session.config.ttl());
        session.clear(topics.estop());
        return release;
    }

    /** Sends a new language instruction at QoS 1, valid for the configured ttl. */
    public InstructionCommand sendInstruction(String text) {
        InstructionCommand instruction = InstructionCommand.now(text, session.config.ttl());
        session.publish(topics.instruction(), instruction, 1, session.config.ttl());
        return instruction;
    }

    /**
     * The latest frame of every configured camera and the latest joint positions as an {@link Observation}, or
     * empty while any of them has not arrived yet.
     */
    public Optional<Observation> observe(String instruction) {
        JointStates state = jointStates.get();
        if (state == null) {
            return Optional.empty();
        }
        Map<String, RgbImage> images = new LinkedHashMap<>();
        for (String camera : session.config.cameras()) {
            CameraFrame frame = frames.get(camera);
            if (frame == null) {
                return Optional.empty();
            }
            images.put(camera, frame.image());
        }
        return Optional.of(new Observation(images, state.position(), instruction));
    }

    public Optional<CameraFrame> latestFrame(String camera) {
        return Optional.ofNullable(frames.get(camera));
    }

    public Optional<CameraInfo> cameraInfo(String camera) {
        return Optional.ofNullable(cameraInfos.get(camera));
    }

    public Optional<JointStates> latestJointStates() {
        return Optional.ofNullable(jointStates.get());
    }

    public Optional<RobotStatus> latestStatus() {
        return Optional.ofNullable(status.get());
    }

    /** The robot side's connection as it announced it, or its will ({@code CONNECTION_BROKEN}). */
    public Optional<ConnectionState> robotConnection() {
        return Optional.ofNullable(robotConnection.get());
    }

    /** Whether this link is connected to the broker right now (it reconnects on its own). */
    public boolean isConnected() {
        return session.endpoint.isConnected();
    }

    public void addConnectionListener(MqttEndpoint.ConnectionListener listener) {
        session.endpoint.addConnectionListener(listener);
    }

    /** Adds a listener for frames and joint states arriving from now on. */
    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    /** Publishes {@code payload} on a topic outside the standard layout, QoS 1 and retained (again after reconnects). */
    public void publishRetained(String topic, MqttPayload payload) {
        session.publishRetained(topic, payload);
    }

    /**
     * Subscribes {@code sink} to JSON messages on a topic outside the standard layout, checked like the standard
     * ones (size cap, strict parsing, {@code ttl_ms}).
     */
    public <T extends MqttPayload> void subscribeJson(String filter, int qos, Function<byte[], T> parser,
            BiConsumer<String, T> sink) {
        session.subscribeJson(filter, qos, parser, sink);
    }

    public long rejectedCount() {
        return session.endpoint.rejectedCount();
    }

    public String lastRejection() {
        return session.endpoint.lastRejection();
    }

    /** Announces {@code OFFLINE} and disconnects; the robot sees a graceful end, not a broken connection. */
    @Override
    public void close() {
        session.close();
    }
}
